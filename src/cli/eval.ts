/**
 * @module
 * `npm run eval`: answer quality on the development sets, citebot beside the baselines in one
 * run. With question files, it scores citebot on them over `DATA_DIR` (hit@1, hit@3, covered
 * questions refused, uncovered refused, per category). Without, it runs every development set it
 * finds: the project's `eval/questions.jsonl`, the shared `../shared/eval/*.jsonl`, and the FAQ
 * benchmark `../shared/faqbench` (its corpora built from Debian's FAQ files; its questions also as
 * chat types them, `eval/reword.ts`), the held-out
 * `eval/faq-extra.mjs` (other Debian FAQs, built the same way) and `eval/faq-extra-2.mjs` (ten
 * more), and prints:
 * citebot, citebot with each signal off (`--ablation`, the default without files), plain
 * MiniSearch and plain BM25 with stop words. `--verbose` lists every miss. `--tune` instead
 * scores a grid of fusion and refusal weights on every set (how the defaults were chosen).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { reword } from "../../eval/reword.ts";
import { loadConfig } from "../config.ts";
import { ALL_SIGNALS } from "../core/analyze.ts";
import { FUSION } from "../core/answer.ts";
import { plainBm25, plainMiniSearch } from "../core/baseline.ts";
import { readDocument, scanDataDir } from "../core/documents.ts";
import { type EvalQuestion, type EvalSummary, evaluate, parseQuestions } from "../core/evaluate.ts";
import { Library } from "../core/library.ts";
import { REFUSAL } from "../core/refusal.ts";
import { startWorkerEmbedder } from "../core/semantic/worker-embedder.ts";
import type { Answer, Signals } from "../core/types.ts";
import { createLogger } from "../logger.ts";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const files = args.filter((a) => !a.startsWith("--"));
const tune = args.includes("--tune");
const ablation = !tune && (args.includes("--ablation") || files.length === 0);
const config = loadConfig();
const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
const embedder = config.semantic ? await startWorkerEmbedder() : undefined;

interface DevSet {
  name: string;
  dataDir: string;
  questions: EvalQuestion[];
}

const sets: DevSet[] = [];
const cleanup: string[] = [];
if (files.length) {
  for (const file of files)
    sets.push({
      name: file,
      dataDir: config.dataDir,
      questions: parseQuestions(await readFile(file, "utf8")),
    });
} else {
  for (const file of [
    "../shared/eval/questions.jsonl",
    "../shared/eval/paraphrase.jsonl",
    "eval/questions.jsonl",
  ]) {
    if (existsSync(file))
      sets.push({
        name: file,
        dataDir: config.dataDir,
        questions: parseQuestions(await readFile(file, "utf8")),
      });
  }
  // The formats set has its own corpus: a PDF and a web page.
  sets.push({
    name: "eval/formats.jsonl",
    dataDir: path.resolve("eval/fixtures/formats"),
    questions: parseQuestions(await readFile("eval/formats.jsonl", "utf8")),
  });
  sets.push(...(await faqbenchSets()), ...(await faqExtraSets()));
}

/** A question-set builder's output folder: made fresh for this run, removed at its end. */
async function importBuilder<T>(script: string): Promise<{ builder: T; out: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), `citebot-${path.basename(script, ".mjs")}-`));
  cleanup.push(out);
  return { builder: (await import(pathToFileURL(script).href)) as T, out };
}

/** The FAQ benchmark's corpora and questions, built by its own script; none when it is absent. */
async function faqbenchSets(): Promise<DevSet[]> {
  const script = path.resolve("../shared/faqbench/faq.mjs");
  if (!existsSync(script)) return [];
  try {
    const { builder: faq, out } = await importBuilder<{
      build(dir: string): { questions: { q: string; expect_text: string; faq: string }[] };
      IN_B: string[];
    }>(script);
    const { questions } = faq.build(out);
    const asked = questions.map((q) => ({
      q: q.q.replace(/\s+/g, " "),
      expect: [],
      within: q.expect_text,
      cat: q.faq,
    }));
    const inB = asked.map((q) =>
      faq.IN_B.includes(q.cat) ? q : { ...q, none: true, cat: `${q.cat} (not in corpus)` },
    );
    // The same questions as chat types them (eval/reword.ts), one category per style.
    return [
      { name: "faqbench corpus A (all four FAQs)", dataDir: path.join(out, "corpus-a"), questions: asked },
      {
        name: "faqbench corpus B (sed + zlib; valgrind + xz must be refused)",
        dataDir: path.join(out, "corpus-b"),
        questions: inB,
      },
      { name: "faqbench corpus A reworded", dataDir: path.join(out, "corpus-a"), questions: reword(asked) },
      { name: "faqbench corpus B reworded", dataDir: path.join(out, "corpus-b"), questions: reword(inB) },
    ];
  } catch (err) {
    console.error(`faqbench skipped: ${(err as Error).message}`);
    return [];
  }
}

/**
 * The held-out FAQ sets: other FAQs shipped under /usr/share/doc, built the way faqbench
 * builds its corpus A. A set is left out when none of its FAQs is installed.
 */
async function faqExtraSets(): Promise<DevSet[]> {
  // The builders in the order they run; each set keeps its own name and numbers. (A local: the
  // sets are gathered by top-level code above this line, before a module constant would be made.)
  const builders = [
    { script: "eval/faq-extra.mjs", name: "faq-extra (other Debian FAQs)" },
    { script: "eval/faq-extra-2.mjs", name: "faq-extra-2 (ten more Debian FAQs)" },
  ];
  const found: DevSet[] = [];
  for (const { script, name } of builders) {
    const label = path.basename(script, ".mjs");
    try {
      const { builder, out } = await importBuilder<{
        build(dir: string): { questions: EvalQuestion[]; missing: { faq: string; pkg: string }[] };
      }>(path.resolve(script));
      const { questions, missing } = builder.build(out);
      if (missing.length)
        console.error(
          `${label}: ${questions.length ? "without" : "skipped, none of"} ${missing.map((m) => m.faq).join(", ")} (apt-get install ${missing.map((m) => m.pkg).join(" ")})`,
        );
      if (questions.length) found.push({ name, dataDir: path.join(out, "corpus"), questions });
    } catch (err) {
      console.error(`${label} skipped: ${(err as Error).message}`);
    }
  }
  return found;
}

/**
 * A set's library with its vectors ready. A snapshot per set under STATE_DIR: its saved vectors
 * make the next run's embedding instant.
 */
async function openSet(set: DevSet): Promise<Library> {
  const snapshotPath = path.join(
    config.stateDir,
    "eval",
    `${set.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.json`,
  );
  const library = await Library.open({ dataDir: set.dataDir, snapshotPath, logger, embedder, cacheSize: 0 });
  await library.vectorsReady();
  return library;
}

type Ask = (q: string) => Promise<Answer> | Answer;
const SIGNALS = Object.keys(ALL_SIGNALS) as (keyof Signals)[];
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : "–");
const row = (name: string, s: EvalSummary) =>
  `| ${name} | ${s.covered ? `${s.hitAt1}/${s.covered} (${pct(s.hitAt1, s.covered)})` : "–"} | ${s.covered ? `${s.hitAt3}/${s.covered} (${pct(s.hitAt3, s.covered)})` : "–"} | ${s.covered ? `${s.refusedCovered}/${s.covered}` : "–"} | ${s.uncovered ? `${s.abstainedCorrectly}/${s.uncovered}` : "–"} |`;

if (tune) {
  await runTuning(sets);
  await embedder?.close();
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  process.exit(0);
}

for (const set of sets) {
  const library = await openSet(set);
  const documents = await Promise.all(
    (await scanDataDir(set.dataDir)).files.map((f) => readDocument(set.dataDir, f)),
  );
  const systems: [string, Ask][] = [["citebot", (q) => library.ask(q)]];
  if (ablation) {
    for (const signal of SIGNALS)
      systems.push([`citebot − ${signal}`, (q) => library.ask(q, { signals: { [signal]: false } })]);
    systems.push([
      "citebot, no signal",
      (q) => library.ask(q, { signals: Object.fromEntries(SIGNALS.map((s) => [s, false])) }),
    ]);
    systems.push(
      ["plain MiniSearch", plainMiniSearch(documents)],
      ["BM25 + stop words", plainBm25(documents)],
    );
  }
  console.log(`\n### ${set.name}\n`);
  console.log("| system | hit@1 | hit@3 | covered refused | uncovered refused |\n|---|---|---|---|---|");
  const byCategory = new Map<string, EvalSummary>();
  for (const [name, ask] of systems) {
    const summary = await evaluate(set.questions, ask);
    console.log(row(name, summary));
    if (name === "citebot") {
      for (const cat of new Set(set.questions.map((q) => q.cat).filter((c): c is string => !!c))) {
        byCategory.set(
          cat,
          await evaluate(
            set.questions.filter((q) => q.cat === cat),
            ask,
          ),
        );
      }
      if (verbose) {
        for (const r of summary.results) {
          const ok = r.question.none ? r.abstained : r.rank >= 1 && r.rank <= 3;
          if (ok) continue;
          const mark = r.question.none
            ? "ANSWERED"
            : r.abstained
              ? "REFUSED"
              : r.rank
                ? `@${r.rank}`
                : "MISS";
          console.error(
            `  ${mark} ${r.question.q.slice(0, 120)}\n      → ${(r.answer.quotes[0]?.text ?? "").slice(0, 140)}`,
          );
        }
      }
    }
  }
  if (byCategory.size > 1) {
    console.log(
      "\ncitebot per category:\n\n| category | hit@1 | hit@3 | covered refused | uncovered refused |\n|---|---|---|---|---|",
    );
    for (const [cat, s] of byCategory) console.log(row(cat, s));
  }
}
await embedder?.close();
for (const dir of cleanup) await rm(dir, { recursive: true, force: true });

/**
 * Scores every combination of the grid below on every set, one line each: hit@3 share, covered
 * questions refused, uncovered refused, per set. Weights are set on the exported constants.
 */
async function runTuning(devSets: DevSet[]): Promise<void> {
  const opened = [];
  for (const set of devSets) opened.push({ set, library: await openSet(set) });
  // The grid that chose the defaults (README, "Answer quality"); `--name=v1,v2` replaces a row.
  const rows: [Record<string, number>, string, number[]][] = [
    [FUSION, "semanticWeight", [0, 0.45]],
    [FUSION, "sameDocument", [0.75, 0.9]],
    [FUSION, "coveragePower", [2]],
    [FUSION, "bm25", [0.5]],
    [REFUSAL, "minCoverage", [0.2, 0.25, 0.3, 0.35]],
    [REFUSAL, "minAsks", [0, 0.2, 0.3]],
    [REFUSAL, "knownPower", [0.5, 1]],
  ];
  const grid: Record<string, [object, string, number[]]> = {};
  for (const [target, name, values] of rows) {
    const given = args.find((a) => a.startsWith(`--${name}=`));
    grid[name] = [
      target,
      name,
      given
        ? given
            .slice(name.length + 3)
            .split(",")
            .map(Number)
        : values,
    ];
  }
  const names = Object.keys(grid);
  const combos: number[][] = [[]];
  for (const name of names) {
    const values = (grid[name] as [object, string, number[]])[2];
    const next: number[][] = [];
    for (const c of combos) for (const v of values) next.push([...c, v]);
    combos.splice(0, combos.length, ...next);
  }
  console.log(`| ${names.join(" | ")} | ${opened.map((o) => o.set.name.slice(0, 24)).join(" | ")} | score |`);
  for (const combo of combos) {
    names.forEach((name, i) => {
      const [target, key] = grid[name] as [Record<string, number>, string, number[]];
      target[key] = combo[i] as number;
    });
    const cells: string[] = [];
    let score = 0;
    for (const { set, library } of opened) {
      const s = await evaluate(set.questions, (q) => library.ask(q));
      const hit = s.covered ? s.hitAt3 / s.covered : 0;
      const refusedCovered = s.covered ? s.refusedCovered / s.covered : 0;
      const refusedUncovered = s.uncovered ? s.abstainedCorrectly / s.uncovered : 1;
      score += hit + refusedUncovered - refusedCovered;
      cells.push(
        `${(100 * hit).toFixed(0)}/${(100 * refusedCovered).toFixed(0)}/${(100 * refusedUncovered).toFixed(0)}`,
      );
    }
    console.log(`| ${combo.join(" | ")} | ${cells.join(" | ")} | ${(score / opened.length).toFixed(3)} |`);
  }
}
