/**
 * @module
 * `npm run build` (also run by `npm install`, through `prepare`): compiles src/ to dist/ once with
 * tsc (imports ending in `.ts` rewritten to `.js`), copies the files that are not TypeScript
 * (JSON lexicons, the embedding worker), and stamps the build. `npm start` and the CLIs then run
 * plain JavaScript instead of compiling TypeScript on every start (~0.45 s with tsx).
 */
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");
const started = Date.now();
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
cpSync(path.join(root, "src"), dist, {
  recursive: true,
  filter: (file) => statSync(file).isDirectory() || !/\.(ts|md)$/.test(file),
});
// tsc rewrites imports, not file URLs: a worker or child started from `new URL("./x.ts", …)`
// (Discord's shard file) must start the compiled file.
for (const file of readdirSync(dist, { recursive: true })) {
  if (!String(file).endsWith(".js")) continue;
  const full = path.join(dist, String(file));
  const code = readFileSync(full, "utf8");
  const fixed = code.replace(
    /new URL\("(\.{1,2}\/[^"]+)\.ts", import\.meta\.url\)/g,
    'new URL("$1.js", import.meta.url)',
  );
  if (fixed !== code) writeFileSync(full, fixed);
}
// The stamp is dated when the build began: a file saved while tsc ran is newer and rebuilds.
const stamp = path.join(dist, ".built");
writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
utimesSync(stamp, new Date(started), new Date(started));
