/**
 * @module
 * `npx tsx bench/median.ts bench/results/bench-A.json bench-B.json …`: the median of several runs,
 * field by field, printed as the same Markdown tables and drawn as bench/results/latency.svg.
 * Runs share a machine with other work, so one run's numbers can be noisy; the median of three is
 * what the docs quote.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { BenchmarkRun } from "./benchmark.ts";
import type { EngineResult } from "./measure.ts";
import { latencySvg, markdownTable, startupTable, telegramTable } from "./report.ts";

/** Median of each number at the same place in several objects of the same shape. */
export function medianOf<T>(items: readonly T[]): T {
  const first = items[0];
  if (typeof first === "number") {
    const sorted = (items as unknown as number[]).slice().sort((a, b) => a - b);
    return sorted[(sorted.length - 1) >> 1] as T;
  }
  if (first && typeof first === "object" && !Array.isArray(first)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first))
      out[key] = medianOf(items.map((i) => (i as Record<string, unknown>)[key]));
    return out as T;
  }
  return first as T;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npx tsx bench/median.ts bench/results/bench-*.json");
  process.exit(2);
}
const runs = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, "utf8")) as BenchmarkRun));
const key = (r: EngineResult) => `${r.passages}:${r.engine}`;
// Smallest corpus first, engines in the order the runs measured them.
const keys = [...new Set(runs.flatMap((run) => run.results.map(key)))].sort(
  (a, b) => Number(a.split(":")[0]) - Number(b.split(":")[0]),
);
const results = keys.map((k) => medianOf(runs.flatMap((run) => run.results.filter((r) => key(r) === k))));
console.log(`median of ${runs.length} runs\n\n${markdownTable(results)}`);
await writeFile(new URL("results/latency.svg", import.meta.url), latencySvg(results));
const telegram = [...new Set(runs.flatMap((run) => (run.telegram ?? []).map((t) => t.passages)))].map((n) =>
  medianOf(runs.flatMap((run) => (run.telegram ?? []).filter((t) => t.passages === n))),
);
if (telegram.length) console.log(`\n${telegramTable(telegram)}`);
const startup = [...new Set(runs.flatMap((run) => (run.startup ?? []).map((t) => t.passages)))]
  .sort((a, b) => a - b)
  .map((n) => medianOf(runs.flatMap((run) => (run.startup ?? []).filter((t) => t.passages === n))));
if (startup.length) console.log(`\n${startupTable(startup)}`);
