/**
 * @module
 * `npm run bench [-- --quick] [--sizes=1000,10000] [--million] [--questions=N] [--seed=N]
 * [--source=zipf] [--engines=citebot,minisearch,minisearch-stop,minisearch-stop-fuzzy,bm25-floor]
 * [--telegram] [--startup]`: citebot's answer path against MiniSearch set up three ways and the
 * BM25 floor, at growing corpus sizes, every engine on the same questions (300 per style by
 * default). `--million` adds a 1M-passage corpus. Prints Markdown tables, saves JSON and an SVG
 * latency chart under bench/results/; `bench/median.ts` takes the median of several runs.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBenchmark } from "./benchmark.ts";
import type { CorpusSource } from "./corpus.ts";
import { latencySvg, markdownTable, startupTable, telegramTable } from "./report.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    questions: { type: "string" },
    seed: { type: "string", default: "42" },
    source: { type: "string", default: "auto" },
    telegram: { type: "boolean", default: false },
    startup: { type: "boolean", default: false },
    engines: { type: "string" },
    million: { type: "boolean", default: false },
  },
});

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
const quick = values.quick ?? false;
const sizes = values.sizes
  ? values.sizes.split(",").map(Number)
  : quick
    ? [1000, 10_000]
    : [1000, 10_000, 100_000];
if (values.million && !sizes.includes(1_000_000)) sizes.push(1_000_000);
const questions = Number(values.questions ?? 300);
if (sizes.some((n) => !Number.isInteger(n) || n < 10) || !(questions > 0)) {
  console.error("bench: --sizes takes passage counts like 1000,10000 and --questions a positive number");
  process.exit(2);
}
const log = (line: string) => console.error(line);

const run = await runBenchmark({
  sizes,
  questions,
  seed: Number(values.seed),
  source: values.source as CorpusSource | "auto",
  cacheDir: resultsDir,
  log,
  telegram: values.telegram ?? false,
  startup: values.startup ?? false,
  ...(values.engines ? { engines: values.engines.split(",") } : {}),
});

const table = markdownTable(run.results);
console.log(
  `\n${run.source} corpus, seed ${run.seed}, ${questions} questions per style, Node ${run.node}, ${run.cpus} CPUs\n`,
);
console.log(table);
if (run.startup.length)
  console.log(`\nStart-up: Library.open over the documents\n\n${startupTable(run.startup)}`);
if (run.telegram.length)
  console.log(`\nTelegram adapter end to end (loopback fake Bot API)\n\n${telegramTable(run.telegram)}`);
await mkdir(resultsDir, { recursive: true });
const stamp = run.startedAt.replace(/[:.]/g, "-");
await writeFile(path.join(resultsDir, `bench-${stamp}.json`), `${JSON.stringify(run, null, 2)}\n`);
await writeFile(path.join(resultsDir, "latency.svg"), latencySvg(run.results));
log(`saved bench/results/bench-${stamp}.json and bench/results/latency.svg`);
