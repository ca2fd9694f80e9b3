/**
 * @module
 * `node scripts/run-built.mjs <entry> [args…]`: runs `dist/<entry>.js`, the build of src/ made at
 * install (`scripts/build.mjs`), rebuilding first when a file under src/ is newer than the build,
 * so an edited checkout never runs stale code. Checking costs a few milliseconds of `stat`s;
 * compiling TypeScript on every start cost ~0.45 s.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildIsStale } from "./build-state.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const [entry] = process.argv.splice(2, 1);
if (!entry) throw new Error("usage: node scripts/run-built.mjs <entry, e.g. main or cli/ask> [args…]");

if (buildIsStale(root)) {
  process.stderr.write("citebot: src/ changed since the last build; compiling it once (npm run build)…\n");
  // Imported only here: loading it was 3–5 ms of every start, and `npm run ask` needs it nowhere else.
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { stdio: "inherit" });
}
const target = path.join(root, "dist", `${entry}.js`);
// The entry sees the argv it would see if run directly: `node dist/<entry>.js args…`.
process.argv[1] = target;
await import(pathToFileURL(target).href);
