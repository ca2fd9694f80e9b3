/**
 * @module
 * `npm run bench:semantic [-- --quick]`: what the semantic signal costs, measured in one run.
 *
 * - Reindexing the bundled documents with sentence vectors (model load, embedding, saving).
 * - The embedding model's throughput on the bench corpus's own sentences, and from it how long the
 *   background vector job takes at each corpus size (measured on a sample, then scaled: at 100k
 *   passages embedding every sentence takes tens of minutes on 2 cores, too long for a bench).
 * - A question end to end (embedding the question, every sentence's similarity, quotes) at each
 *   size, against the keyword-only answer in the same run. The sentence vectors here are random
 *   unit rows of the real shape: a dot product costs the same whatever the numbers are, and only
 *   the time is measured here (answer quality is `npm run eval`'s).
 * - Keyword answers while the worker embeds in the background: the main thread stays free.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ALL_SIGNALS } from "../src/core/analyze.ts";
import { composeAnswer } from "../src/core/answer.ts";
import { NO_CONCEPTS } from "../src/core/concepts.ts";
import { Library } from "../src/core/library.ts";
import { buildIndex } from "../src/core/search-index.ts";
import { embeddable, type IndexVectors, semanticScores } from "../src/core/semantic/vectors.ts";
import { startWorkerEmbedder } from "../src/core/semantic/worker-embedder.ts";
import { buildCorpus } from "./corpus.ts";
import { makeQuestions } from "./questions.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const quick = values.quick ?? false;
const sizes = quick ? [1000, 10_000] : [1000, 10_000, 100_000];
const QUESTIONS = quick ? 30 : 100;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

let started = performance.now();
const embedder = await startWorkerEmbedder();
const loadMs = performance.now() - started;

// 1. The bundled documents, reindexed from nothing with vectors.
const state = await mkdtemp(path.join(tmpdir(), "citebot-bench-semantic-"));
started = performance.now();
const library = await Library.open({
  dataDir: "data",
  snapshotPath: path.join(state, "index.json"),
  embedder,
});
await library.vectorsReady();
const bundledMs = performance.now() - started;
await rm(state, { recursive: true, force: true });

// 2. Throughput on real sentences of the bench corpus.
const largest = buildCorpus({ size: sizes.at(-1) as number, seed: 42 });
const sample: string[] = [];
for (const p of largest.passages) {
  for (const s of p.sentences) if (sample.length < 512) sample.push(p.text.slice(s.start, s.end));
  if (sample.length >= 512) break;
}
started = performance.now();
for (let i = 0; i < sample.length; i += 64) await embedder.embed(sample.slice(i, i + 64));
const perSecond = sample.length / ((performance.now() - started) / 1000);

console.log(`\n## Semantic signal (${largest.source}, 2 cores)\n`);
console.log(`- model load in the worker: ${ms(loadMs)}`);
console.log(
  `- bundled documents reindexed from nothing, vectors included: ${(bundledMs / 1000).toFixed(1)} s`,
);
console.log(
  `- embedding throughput: ${perSecond.toFixed(0)} sentences/s (${sample.length} sentences in batches of 64)\n`,
);
console.log(
  "| passages | sentences | vectors in background (estimated) | keyword answer p50 / p99 | with semantic p50 / p99 (question embedded) | ratio p50 |",
);
console.log("|---|---|---|---|---|---|");

function randomVectors(passages: typeof largest.passages, dims: number): IndexVectors {
  const passageOf: number[] = [];
  const sentenceOf: number[] = [];
  passages.forEach((p, id) => {
    if (!embeddable(p)) return;
    for (let s = 0; s < Math.max(1, p.sentences.length); s++) {
      passageOf.push(id);
      sentenceOf.push(s);
    }
  });
  const rows = passageOf.length;
  const data = new Int8Array(rows * dims);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) >>> 24) - 128;
  const scale = new Float32Array(rows).fill(1 / (127 * Math.sqrt(dims)));
  return {
    model: embedder.id,
    dims,
    keys: passageOf.map((_, r) => String(r)),
    data,
    scale,
    passageOf: Uint32Array.from(passageOf),
    sentenceOf: Uint16Array.from(sentenceOf),
  };
}

for (const size of sizes) {
  const corpus = size === largest.passages.length ? largest : buildCorpus({ size, seed: 42 });
  const index = await buildIndex(corpus.passages, corpus.titles);
  const vectors = randomVectors(corpus.passages, embedder.dimensions);
  const ctx = { index, documents: corpus.documents, concepts: NO_CONCEPTS, signals: ALL_SIGNALS };
  const questions = makeQuestions(corpus.passages, QUESTIONS, 7)
    .filter((q) => q.style === "natural")
    .map((q) => q.text);
  for (const q of questions.slice(0, 5)) composeAnswer(ctx, q); // warm-up
  const lexical: number[] = [];
  const semantic: number[] = [];
  for (const q of questions) {
    let t = performance.now();
    composeAnswer(ctx, q);
    lexical.push(performance.now() - t);
    t = performance.now();
    const [vector] = await embedder.embed([q], { urgent: true });
    composeAnswer({ ...ctx, semantic: semanticScores(vectors, vector as Float32Array) }, q);
    semantic.push(performance.now() - t);
  }
  const rows = vectors.scale.length;
  console.log(
    `| ${size} | ${rows} | ${(rows / perSecond / 60).toFixed(1)} min | ${ms(percentile(lexical, 50))} / ${ms(percentile(lexical, 99))} | ${ms(percentile(semantic, 50))} / ${ms(percentile(semantic, 99))} | ${(percentile(semantic, 50) / percentile(lexical, 50)).toFixed(1)}× |`,
  );
}

// 3. Keyword answers while the worker embeds: the main thread is not the one embedding.
{
  const corpus = buildCorpus({ size: quick ? 1000 : 10_000, seed: 42 });
  const index = await buildIndex(corpus.passages, corpus.titles);
  const ctx = { index, documents: corpus.documents, concepts: NO_CONCEPTS, signals: ALL_SIGNALS };
  const questions = makeQuestions(corpus.passages, QUESTIONS, 9)
    .filter((q) => q.style === "natural")
    .map((q) => q.text);
  const time = () =>
    questions.map((q) => {
      const t = performance.now();
      composeAnswer(ctx, q);
      return performance.now() - t;
    });
  const idle = time();
  let busy = true;
  const background = (async () => {
    while (busy) await embedder.embed(sample.slice(0, 64));
  })();
  await new Promise((r) => setTimeout(r, 200));
  const during = time();
  busy = false;
  await background;
  console.log(
    `\nKeyword answers at ${corpus.passages.length} passages while the worker embeds: p50 ${ms(percentile(during, 50))} (idle ${ms(percentile(idle, 50))}).`,
  );
}
await embedder.close();
