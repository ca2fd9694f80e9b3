import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Arguments for `node` that run a built entry (`main`, `cli/ask`, …): `dist/<entry>.js`, which
 * `npm start` and `npm run ask` run too (through `scripts/run-built.mjs`). The global setup built
 * it before any test started; running it directly means an edit to src/ during a test run cannot
 * make two tests rebuild dist/ under each other.
 *
 * @example
 * ```ts
 * execFile(process.execPath, builtEntry("cli/reindex", "--json"), { env });
 * ```
 */
export const builtEntry = (entry: string, ...args: string[]): string[] => [
  path.join(root, "dist", `${entry}.js`),
  ...args,
];
