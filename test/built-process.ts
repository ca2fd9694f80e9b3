import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Arguments for `node` that run a built entry (`main`, `cli/ask`, …) the way `npm start` and
 * `npm run ask` do: `scripts/run-built.mjs` with `dist/` (built once by the global setup).
 *
 * @example
 * ```ts
 * execFile(process.execPath, builtEntry("cli/reindex", "--json"), { env });
 * ```
 */
export const builtEntry = (entry: string, ...args: string[]): string[] => [
  path.join(root, "scripts", "run-built.mjs"),
  entry,
  ...args,
];
