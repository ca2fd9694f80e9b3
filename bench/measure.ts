/**
 * @module
 * The measurement harness: for one corpus, each engine is built, weighed, snapshotted, reloaded
 * and asked every known-item question; one engine at a time, so heap numbers are its own.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Passage } from "../src/core/passages.ts";
import type { Corpus } from "./corpus.ts";
import { type Engine, RESULTS } from "./engines.ts";
import { type KnownItemQuestion, QUESTION_STYLES, type QuestionStyle } from "./questions.ts";

/** Latency and recall of one engine on one question style. */
export interface StyleResult {
  questions: number;
  p50Ms: number;
  p99Ms: number;
  recallAt1: number;
  recallAt10: number;
}

/** Everything measured for one engine on one corpus. */
export interface EngineResult {
  engine: string;
  passages: number;
  buildMs: number;
  /** JS heap plus array buffers in use after building (corpus included), after a full GC. */
  heapMb: number;
  /** Heap the index adds on top of the corpus. */
  indexHeapMb: number;
  snapshotMb: number;
  loadMs: number;
  /** The first question after loading the snapshot (lazy structures, cold caches), not in p50. */
  firstMs: number;
  styles: Record<QuestionStyle, StyleResult>;
}

// A full GC before each heap reading, without asking the user to pass --expose-gc.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const heapMb = () => {
  gc();
  gc();
  // Typed arrays live outside the JS heap (arrayBuffers): count them, or postings would look free.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
};

/** Value at quantile q of sorted numbers (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

const WARMUP = [
  "how do i change the default setting?",
  "what is the file format",
  "list all options",
  "where is the confguration file?",
];

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The one hit rule for every engine: the 1-based rank of the first result that is the target
 * passage or has its exact text (man pages repeat text across pages: GET, HEAD and POST share
 * one page, and the asker gets the words they were looking for), within the top {@link RESULTS}.
 */
export function rankOf(
  ids: readonly number[],
  passages: readonly Passage[],
  target: number,
): number | undefined {
  const text = passages[target]?.text;
  const i = ids.slice(0, RESULTS).findIndex((id) => id === target || passages[id]?.text === text);
  return i < 0 ? undefined : i + 1;
}

/** Asks each question once (uncached: each is distinct) and times it. */
function measureStyle(
  engine: Engine,
  questions: KnownItemQuestion[],
  passages: readonly Passage[],
): StyleResult {
  const times: number[] = [];
  let at1 = 0;
  let at10 = 0;
  for (const q of questions) {
    const started = performance.now();
    const ids = engine.ask(q.text);
    times.push(performance.now() - started);
    const rank = rankOf(ids, passages, q.target);
    if (rank === 1) at1++;
    if (rank !== undefined) at10++;
  }
  times.sort((a, b) => a - b);
  const n = Math.max(1, questions.length);
  return {
    questions: questions.length,
    p50Ms: round(quantile(times, 0.5)),
    p99Ms: round(quantile(times, 0.99)),
    recallAt1: round(at1 / n, 3),
    recallAt10: round(at10 / n, 3),
  };
}

/**
 * Measures one engine on one corpus: build, snapshot save and load, the first question after the
 * load, then every question (the same ones for every engine; `maxQuestions` only for tests).
 *
 * @example
 * ```ts
 * const result = await measureEngine(citebotEngine(), corpus, questions);
 * result.styles.natural.p50Ms;
 * ```
 */
export async function measureEngine(
  engine: Engine,
  corpus: Corpus,
  questions: KnownItemQuestion[],
  options: { maxQuestions?: number; warmup?: number } = {},
): Promise<EngineResult> {
  const before = heapMb();
  let started = performance.now();
  await engine.build(corpus);
  const buildMs = performance.now() - started;
  const after = heapMb();
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-bench-"));
  try {
    const file = path.join(dir, "snapshot.json");
    const bytes = await engine.save(file);
    engine.release();
    heapMb();
    started = performance.now();
    await engine.load(file, corpus);
    const loadMs = performance.now() - started;
    started = performance.now();
    engine.ask(WARMUP[0] as string);
    const firstMs = performance.now() - started;
    // Warm the JIT on questions that are not measured, so p50 is steady state.
    for (const q of WARMUP.slice(0, options.warmup ?? WARMUP.length)) engine.ask(q);
    const styles = {} as Record<QuestionStyle, StyleResult>;
    for (const style of QUESTION_STYLES) {
      const own = questions
        .filter((q) => q.style === style)
        .slice(0, options.maxQuestions ?? Number.POSITIVE_INFINITY);
      styles[style] = measureStyle(engine, own, corpus.passages);
    }
    return {
      engine: engine.name,
      passages: corpus.passages.length,
      buildMs: Math.round(buildMs),
      heapMb: Math.round(after),
      indexHeapMb: Math.round(after - before),
      snapshotMb: round(bytes / 2 ** 20, 1),
      loadMs: Math.round(loadMs),
      firstMs: round(firstMs, 1),
      styles,
    };
  } finally {
    engine.release();
    await rm(dir, { recursive: true, force: true });
  }
}
