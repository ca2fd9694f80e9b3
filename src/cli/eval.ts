/**
 * @module
 * `npm run eval -- [questions.jsonl ...]`: answer quality of the current documents. Without a
 * file it runs the project's own set (eval/questions.jsonl). `--baseline` scores plain MiniSearch
 * instead, for comparison; `--verbose` lists every question.
 */
import { readFile } from "node:fs/promises";
import { loadConfig } from "../config.ts";
import { plainMiniSearch } from "../core/baseline.ts";
import { readDocument, scanDataDir } from "../core/documents.ts";
import { evaluate, parseQuestions } from "../core/evaluate.ts";
import { Library } from "../core/library.ts";
import { createLogger } from "../logger.ts";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const baseline = args.includes("--baseline");
const files = args.filter((a) => !a.startsWith("--"));
const config = loadConfig();
const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
// No snapshot: the eval measures the current code on the current documents.
const library = await Library.open({ dataDir: config.dataDir, logger });
const ask = baseline ? plainMiniSearch(await readAll(config.dataDir)) : (q: string) => library.ask(q);
const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : "n/a");
let failed = false;
for (const file of files.length ? files : ["eval/questions.jsonl"]) {
  const summary = evaluate(parseQuestions(await readFile(file, "utf8")), ask);
  console.log(`\n${file}${baseline ? " (baseline: plain MiniSearch over lines)" : ""}`);
  for (const r of summary.results) {
    const mark = r.question.none
      ? r.abstained
        ? "ok  "
        : "FAIL"
      : r.rank === 1
        ? "ok  "
        : r.rank
          ? `@${r.rank}  `
          : "MISS";
    if (verbose || mark !== "ok  ") console.log(`  ${mark} ${r.question.q}`);
  }
  console.log(`  hit@1 ${summary.hitAt1}/${summary.covered} (${pct(summary.hitAt1, summary.covered)})`);
  console.log(`  hit@3 ${summary.hitAt3}/${summary.covered} (${pct(summary.hitAt3, summary.covered)})`);
  console.log(`  abstained ${summary.abstainedCorrectly}/${summary.uncovered} uncovered questions`);
  if (summary.hitAt3 < 0.9 * summary.covered || summary.abstainedCorrectly < summary.uncovered) failed = true;
}
process.exitCode = failed && !baseline ? 1 : 0;

async function readAll(dataDir: string) {
  const { files } = await scanDataDir(dataDir);
  return Promise.all(files.map((f) => readDocument(dataDir, f)));
}
