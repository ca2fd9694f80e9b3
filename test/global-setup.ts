import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "../scripts/build-state.mjs";

/**
 * Builds `dist/` once, before any test file starts, when `src/` is newer: tests that start the
 * CLIs or the bot as processes run the build as `npm run …` does (plain JavaScript, ~0.5 s less
 * per process than compiling TypeScript with tsx), and no two test files rebuild it at once.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  if (buildIsStale(root))
    execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { stdio: "inherit" });
}
