/**
 * @module
 * Vectors for the semantic signal: one int8-quantised row per English sentence, with a scale per
 * row. Similarities are exact dot products over the typed array (fast enough at 100k passages; no
 * approximate index to tune or to be wrong). Rows are keyed by their sentence, so a reindex
 * embeds only new sentences, and saved rows are matched to any index.
 *
 * Measured and dropped: vectors for the documents' words, to find their own words for a
 * question's words ("goldmine" for "treasure"). The shipped sentence model is poor at single
 * words, and the neighbours it found cost hit@3 on the development sets (README, "Answer
 * quality").
 */
import { createHash } from "node:crypto";
import { type Passage, quotableSpans } from "../passages.ts";
import type { Span } from "../text.ts";
import type { Embedder } from "./embedder.ts";

/** Rows of vectors with the key of the text each one embeds. */
export interface VectorRows {
  model: string;
  dims: number;
  keys: string[];
  /** rows × dims, each row quantised to int8 with `scale[r]`. */
  data: Int8Array;
  scale: Float32Array;
}

/** Vectors for one index generation: row r is sentence `sentenceOf[r]` of passage `passageOf[r]`. */
export interface IndexVectors extends VectorRows {
  passageOf: Uint32Array;
  sentenceOf: Uint16Array;
}

/** Passages whose sentences get vectors: the shipped model reads English only. */
export const embeddable = (p: Passage) => p.language === "en";

/** The text a sentence row stands for. */
export const sentenceText = (p: Passage, s: number) => {
  const span = quotableSpans(p)[s] as Span;
  return p.text.slice(span.start, span.end);
};

const sentenceKey = (text: string) => createHash("sha1").update(text).digest("base64url").slice(0, 16);

/** Quantises a unit vector into `out` at `offset`; returns its scale. */
function quantize(vector: Float32Array, out: Int8Array, offset: number): number {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i] as number));
  const scale = max / 127 || 1;
  for (let i = 0; i < vector.length; i++) out[offset + i] = Math.round((vector[i] as number) / scale);
  return scale;
}

interface Sentence {
  key: string;
  text: string;
  passage: number;
  sentence: number;
}

/** The English sentences of the passages, in order. */
function sentencesOf(passages: readonly Passage[]): Sentence[] {
  const out: Sentence[] = [];
  passages.forEach((p, id) => {
    if (!embeddable(p)) return;
    for (let s = 0; s < quotableSpans(p).length; s++) {
      const text = sentenceText(p, s);
      out.push({ key: sentenceKey(text), text, passage: id, sentence: s });
    }
  });
  return out;
}

/** How many sentences {@link buildVectors} must embed (not reusable from `previous`). */
export function countMissing(
  passages: readonly Passage[],
  previous: VectorRows | undefined,
  model: string,
): number {
  const known = new Set(previous?.model === model ? previous.keys : []);
  return sentencesOf(passages).filter((s) => !known.has(s.key)).length;
}

/** Options for {@link buildVectors}. */
export interface BuildVectorsOptions {
  /** Vectors this generation replaces (or saved rows): same sentence, copied, not embedded. */
  previous?: VectorRows;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stop early (a newer index replaced this one); resolves `undefined`. */
  signal?: AbortSignal;
}

/**
 * Vectors for every English sentence of the passages, reusing `previous` rows by sentence.
 *
 * @example
 * ```ts
 * const vectors = await buildVectors(index.passages, embedder, { previous: old.vectors });
 * ```
 */
export async function buildVectors(
  passages: readonly Passage[],
  embedder: Embedder,
  options: BuildVectorsOptions = {},
): Promise<IndexVectors | undefined> {
  const { previous, batchSize = 64, onProgress, signal } = options;
  const dims = embedder.dimensions;
  const reuse = new Map<string, number>();
  if (previous && previous.model === embedder.id && previous.dims === dims)
    for (const [r, k] of previous.keys.entries()) reuse.set(k, r);
  const sentences = sentencesOf(passages);
  const rows = sentences.length;
  const data = new Int8Array(rows * dims);
  const scale = new Float32Array(rows);
  const todo: number[] = [];
  for (let r = 0; r < rows; r++) {
    const old = reuse.get((sentences[r] as Sentence).key);
    if (old === undefined || !previous) {
      todo.push(r);
      continue;
    }
    data.set(previous.data.subarray(old * dims, (old + 1) * dims), r * dims);
    scale[r] = previous.scale[old] as number;
  }
  for (let i = 0; i < todo.length; i += batchSize) {
    if (signal?.aborted) return undefined;
    const batch = todo.slice(i, i + batchSize);
    const vectors = await embedder.embed(batch.map((r) => (sentences[r] as Sentence).text));
    batch.forEach((r, j) => {
      scale[r] = quantize(vectors[j] as Float32Array, data, r * dims);
    });
    onProgress?.(Math.min(i + batchSize, todo.length), todo.length);
  }
  return {
    model: embedder.id,
    dims,
    keys: sentences.map((s) => s.key),
    data,
    scale,
    passageOf: Uint32Array.from(sentences, (s) => s.passage),
    sentenceOf: Uint16Array.from(sentences, (s) => s.sentence),
  };
}

/** Cosine similarity of a unit vector with every row (rows are unit length). */
export function similarities(rows: VectorRows, vector: Float32Array): Float32Array {
  const { dims, data, scale } = rows;
  const n = scale.length;
  const out = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let dot = 0;
    const base = r * dims;
    for (let i = 0; i < dims; i++) dot += (data[base + i] as number) * (vector[i] as number);
    out[r] = dot * (scale[r] as number);
  }
  return out;
}

/** The semantic view of one question: similarity per sentence, looked up by passage. */
export interface SemanticScores {
  /** Similarity of sentence `s` of passage `p`, or undefined when the passage has no vectors. */
  sentence(p: number, s: number): number | undefined;
  /** The `k` passages with the most similar sentences, best first. */
  top(k: number): { passage: number; similarity: number }[];
}

/** Scores every sentence row against the question once; lookups are then constant time. */
export function semanticScores(vectors: IndexVectors, question: Float32Array): SemanticScores {
  const sims = similarities(vectors, question);
  const first = new Map<number, number>();
  const best = new Map<number, number>();
  for (let r = 0; r < sims.length; r++) {
    const p = vectors.passageOf[r] as number;
    if (!first.has(p)) first.set(p, r);
    if ((sims[r] as number) > (best.get(p) ?? -2)) best.set(p, sims[r] as number);
  }
  return {
    sentence(p, s) {
      const r = first.get(p);
      if (r === undefined) return undefined;
      return vectors.passageOf[r + s] === p ? (sims[r + s] as number) : undefined;
    },
    top(k) {
      return [...best]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([passage, similarity]) => ({ passage, similarity }));
    },
  };
}
