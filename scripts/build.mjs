/**
 * @module
 * `npm run build` (also run by `npm install`, through `prepare`): bundles each entry under src/
 * (`main`, the CLIs, the Discord shard and command deployer) with esbuild into `dist/bundle/`, with
 * the modules they share split into chunks, copies the files that are not TypeScript (JSON
 * lexicons, the embedding worker), and stamps the build. `npm start` and the CLIs then run plain
 * JavaScript, one file per module group instead of a few hundred modules resolved one by one
 * (~0.45 s with tsx, ~0.3 s with tsc's one file per module). Type checking is `npm run typecheck`.
 *
 * Layout: `dist/<entry>.js` is a one-line module importing its bundle, so that every path the
 * rest of the project uses (`dist/cli/ask.js`, the shard file, `embed-worker.mjs` beside
 * `dist/core/semantic/`) is where it always was. Inside the bundle, `import.meta.url` of a source
 * file `src/x/y.ts` is the URL `dist/x/y.js` would have: what it resolves relative to it (a JSON
 * lexicon, the worker) is copied there.
 *
 * Bundled packages: the pure-JavaScript ones every start loads. Every other package stays an
 * import Node resolves at run time: native drivers (libsql), packages that find their own files
 * beside them (pdf.js's worker, the embedding model) and those only some paths need.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = path.join(root, "src");
const dist = path.join(root, "dist");
const bundle = path.join(dist, "bundle");

/** Files run as processes, threads or shards (relative to src/, without `.ts`). */
const ENTRIES = [
  "main",
  ...readdirSync(path.join(src, "cli"))
    .filter((f) => f.endsWith(".ts") && f !== "run-cli.ts")
    .map((f) => `cli/${f.slice(0, -3)}`),
  "adapters/discord/deploy-commands",
  "adapters/discord/shard",
  "core/split-worker",
];

/**
 * Packages bundled, with what they import: pure JavaScript loaded on every start that reads no
 * files of its own at run time (pino's transports, which would, are not used).
 */
const BUNDLED = new Set([
  "zod",
  "dotenv",
  "franc-min",
  "stopword",
  "minisearch",
  "lru-cache",
  "stemmer",
  "pino",
]);
const packageName = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * Bundled packages read from their ES module build, so that only what citebot imports is kept:
 * stopword's CommonJS build evaluates the lists of 60 languages (half a megabyte) on every start.
 */
const ESM_BUILDS = { stopword: "stopword/dist/stopword.esm.mjs" };

/**
 * Bundled packages evaluated on first call rather than at start, with the functions citebot calls:
 * franc-min builds its trigram tables for 80 languages when loaded (~10 ms), and only a long
 * question or a document without front matter or English function words needs it. The source's
 * `import` becomes a stand-in whose functions load the package (bundled, wrapped by esbuild to
 * run once) on their first call; the package's own code is unchanged.
 */
const LAZY = { "franc-min": ["francAll"] };

/** Keeps unlisted packages as run-time imports; gives each source file its unbundled `import.meta.url`. */
const layout = {
  name: "citebot-layout",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (LAZY[args.path] && args.importer.startsWith(src + path.sep))
        return { path: args.path, namespace: "citebot-lazy", pluginData: args.resolveDir };
      const esm = ESM_BUILDS[args.path];
      if (esm) return b.resolve(esm, { kind: args.kind, resolveDir: args.resolveDir });
      const fromPackage = args.importer.includes(`${path.sep}node_modules${path.sep}`);
      if (args.path.startsWith("node:") || !(fromPackage || BUNDLED.has(packageName(args.path))))
        return { path: args.path, external: true };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "citebot-lazy" }, (args) => ({
      contents: [
        "let loaded;",
        ...LAZY[args.path].map(
          (name) =>
            `export const ${name} = (...args) => (loaded ??= require(${JSON.stringify(args.path)})).${name}(...args);`,
        ),
      ].join("\n"),
      loader: "js",
      resolveDir: args.pluginData,
    }));
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(src + path.sep)) return undefined;
      const relative = path.relative(src, args.path).split(path.sep).join("/").replace(/\.ts$/, ".js");
      const code = (await readFile(args.path, "utf8"))
        // A worker or shard started from `new URL("./x.ts", …)` must start the built file.
        .replace(/new URL\("(\.{1,2}\/[^"]+)\.ts", import\.meta\.url\)/g, 'new URL("$1.js", import.meta.url)')
        .replaceAll("import.meta.url", `new URL("../${relative}", import.meta.url).href`);
      return { contents: code, loader: "ts" };
    });
  },
};

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
const flat = (entry) => entry.replaceAll("/", "-");
await build({
  entryPoints: ENTRIES.map((entry) => ({ in: path.join(src, `${entry}.ts`), out: flat(entry) })),
  outdir: bundle,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Bundled CommonJS packages call `require`; ESM output has none of its own.
  banner: {
    js: 'import { createRequire as __citebotRequire } from "node:module"; const require = __citebotRequire(import.meta.url);',
  },
  plugins: [layout],
  logLevel: "warning",
  legalComments: "none",
});
for (const entry of ENTRIES) {
  const stub = path.join(dist, `${entry}.js`);
  mkdirSync(path.dirname(stub), { recursive: true });
  const target = path
    .relative(path.dirname(stub), path.join(bundle, `${flat(entry)}.js`))
    .split(path.sep)
    .join("/");
  writeFileSync(stub, `import "${target.startsWith(".") ? target : `./${target}`}";\n`);
}
cpSync(src, dist, {
  recursive: true,
  filter: (file) => statSync(file).isDirectory() || !/\.(ts|md)$/.test(file),
});
// The stamp is dated when the build began: a file saved while it ran is newer and rebuilds.
const stamp = path.join(dist, ".built");
writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
utimesSync(stamp, new Date(started), new Date(started));
