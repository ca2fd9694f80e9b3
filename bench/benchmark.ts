/**
 * @module
 * One benchmark run: for each corpus size, the corpus and its known-item questions are made once
 * and every engine is measured on them, so ratios compare like with like.
 */
import { ALL_SIGNALS } from "../src/core/analyze.ts";
import { NO_CONCEPTS } from "../src/core/concepts.ts";
import { buildIndex } from "../src/core/search-index.ts";
import { buildCorpus, type CorpusSource, cachedCorpus } from "./corpus.ts";
import { baselineEngines, citebotEngine } from "./engines.ts";
import { type EngineResult, measureEngine } from "./measure.ts";
import { makeQuestions } from "./questions.ts";
import { measureStartup, type StartupResult } from "./startup.ts";
import { measureTelegram, type TelegramResult } from "./telegram.ts";

/** Corpus size from which only citebot and the BM25 floor are measured by default. */
const HUGE = 500_000;

export interface BenchmarkOptions {
  sizes: number[];
  /** Questions per style. */
  questions: number;
  seed: number;
  source?: CorpusSource | "auto";
  /** Corpus cache folder; without it corpora are always rebuilt. */
  cacheDir?: string;
  /** Also time `Library.open` over the corpus written as documents, with and without a snapshot. */
  startup?: boolean;
  /** Also send the questions through the Telegram adapter and its loopback fake. */
  telegram?: boolean;
  /** Engines to measure, by name; all when absent. */
  engines?: string[];
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

/** What a run produced, as saved under `bench/results/`. */
export interface BenchmarkRun {
  startedAt: string;
  seed: number;
  source: CorpusSource;
  node: string;
  cpus: number;
  results: EngineResult[];
  telegram: TelegramResult[];
  startup: StartupResult[];
}

/**
 * Runs the benchmark.
 *
 * @example
 * ```ts
 * const run = await runBenchmark({ sizes: [1000], questions: 20, seed: 42 });
 * console.log(markdownTable(run.results));
 * ```
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkRun> {
  const log = options.log ?? (() => {});
  const { cpus } = await import("node:os");
  const run: BenchmarkRun = {
    startedAt: new Date().toISOString(),
    seed: options.seed,
    source: "zipf",
    node: process.version,
    cpus: cpus().length,
    results: [],
    telegram: [],
    startup: [],
  };
  for (const size of options.sizes) {
    const corpusOptions = { size, seed: options.seed, source: options.source ?? "auto" };
    const corpus = options.cacheDir
      ? await cachedCorpus(corpusOptions, options.cacheDir)
      : buildCorpus(corpusOptions);
    run.source = corpus.source;
    const questions = makeQuestions(corpus.passages, options.questions, options.seed);
    log(
      `${size} passages (${corpus.source}, ${corpus.documents.size} documents, ${Math.round(corpus.words / size)} words each)`,
    );
    // Every engine gets the same questions: a baseline that is slow is measured slowly. At a
    // million passages MiniSearch's snapshot is one JSON string past V8's limit and its default
    // search takes seconds a question, so only citebot and the floor run there unless asked.
    const engines = [citebotEngine(), ...baselineEngines()];
    const wanted = options.engines ?? (size >= HUGE ? ["citebot", "bm25-floor"] : undefined);
    for (const engine of engines.filter((e) => wanted?.includes(e.name) ?? true)) {
      const result = await measureEngine(engine, corpus, questions);
      log(`  ${engine.name}: build ${result.buildMs} ms, natural p50 ${result.styles.natural.p50Ms} ms`);
      run.results.push(result);
    }
    if (options.startup) {
      const result = await measureStartup(corpus);
      log(`  startup: ${result.coldMs} ms without snapshot, ${result.warmMs} ms with it`);
      run.startup.push(result);
    }
    if (options.telegram) {
      const index = await buildIndex(corpus.passages, corpus.titles);
      const ctx = { index, documents: corpus.documents, concepts: NO_CONCEPTS, signals: ALL_SIGNALS };
      const result = await measureTelegram(
        ctx,
        questions.map((q) => q.text),
      );
      log(
        `  telegram: ${result.replied}/${result.questions} replied, ${result.questionsPerSecond} questions/s`,
      );
      run.telegram.push(result);
    }
  }
  return run;
}
