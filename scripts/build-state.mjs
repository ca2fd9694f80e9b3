/**
 * @module
 * Whether `dist/` is older than `src/`: shared by `run-built.mjs` (rebuild before running) and the
 * tests' global setup (build once before test files start processes from `dist/`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Newest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, item.name);
    latest = Math.max(latest, item.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
}

/** True when a file under `root/src` is newer than the last build's stamp (or there is none). */
export function buildIsStale(root) {
  const stamp = path.join(root, "dist", ".built");
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  return built < newest(path.join(root, "src"));
}
