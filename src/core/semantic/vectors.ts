/**
 * @module
 * Vectors for the semantic signal: one int8-quantised row per English sentence (what a quote
 * means) and per index term (what a word means, for finding the documents' own words for a
 * question's words), with a scale per row. Similarities are exact dot products over the typed
 * arrays (fast enough at 100k passages; no approximate index to tune or to be wrong). Rows are
 * keyed by their text, so a reindex embeds only new sentences and words, and saved rows are
 * matched to any index.
 */
import { createHash } from "node:crypto";
import type { Passage } from "../passages.ts";
import type { SearchIndex } from "../search-index.ts";
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

/** Vectors for one index generation. */
export interface IndexVectors {
  /** Row r is sentence `sentenceOf[r]` of passage `passageOf[r]`. */
  sentences: VectorRows & { passageOf: Uint32Array; sentenceOf: Uint16Array };
  /** Row r stands for index term `terms[r]`. */
  words: VectorRows & { terms: string[] };
}

/** Passages whose sentences get vectors: the shipped model reads English only. */
export const embeddable = (p: Passage) => p.language === "en";

/** The text a sentence row stands for. */
export const sentenceText = (p: Passage, s: number) => {
  const span = p.sentences[s] ?? { start: 0, end: p.text.length };
  return p.text.slice(span.start, span.end);
};

const sentenceKey = (text: string) => `s:${createHash("sha1").update(text).digest("base64url").slice(0, 16)}`;
const wordKey = (word: string) => `w:${word}`;

/** Quantises a unit vector into `out` at `offset`; returns its scale. */
function quantize(vector: Float32Array, out: Int8Array, offset: number): number {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i] as number));
  const scale = max / 127 || 1;
  for (let i = 0; i < vector.length; i++) out[offset + i] = Math.round((vector[i] as number) / scale);
  return scale;
}

interface Item {
  key: string;
  text: string;
}

/** What an index generation needs embedded: its English sentences and its English words. */
function items(index: Pick<SearchIndex, "passages" | "vocabulary" | "df">) {
  const sentences: (Item & { passage: number; sentence: number })[] = [];
  index.passages.forEach((p, id) => {
    if (!embeddable(p)) return;
    for (let s = 0; s < Math.max(1, p.sentences.length); s++) {
      const text = sentenceText(p, s);
      sentences.push({ key: sentenceKey(text), text, passage: id, sentence: s });
    }
  });
  // One word per term: the shortest way the documents write it ("message" for "messag").
  const surface = new Map<string, string>();
  for (const [word, term] of index.vocabulary) {
    if (!/^[a-z][a-z'-]+$/.test(word) || !index.df.has(term)) continue;
    const known = surface.get(term);
    if (!known || word.length < known.length) surface.set(term, word);
  }
  const words = [...surface].map(([term, word]) => ({ key: wordKey(word), text: word, term }));
  return { sentences, words };
}

/** How many texts {@link buildVectors} must embed (not reusable from `previous`). */
export function countMissing(
  index: Pick<SearchIndex, "passages" | "vocabulary" | "df">,
  previous: VectorRows | IndexVectors | undefined,
  model: string,
): number {
  const rows =
    previous && "sentences" in previous ? [previous.sentences, previous.words] : previous ? [previous] : [];
  const known = new Set(rows.filter((r) => r.model === model).flatMap((r) => r.keys));
  const { sentences, words } = items(index);
  return [...sentences, ...words].filter((i) => !known.has(i.key)).length;
}

/** Options for {@link buildVectors}. */
export interface BuildVectorsOptions {
  /** Vectors this generation replaces (or saved rows): same key, copied, not embedded. */
  previous?: VectorRows | IndexVectors;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stop early (a newer index replaced this one); resolves `undefined`. */
  signal?: AbortSignal;
}

async function embedRows(
  list: Item[],
  embedder: Embedder,
  previous: VectorRows | undefined,
  options: BuildVectorsOptions,
  progress: { done: number; total: number },
): Promise<VectorRows | undefined> {
  const { batchSize = 64, onProgress, signal } = options;
  const dims = embedder.dimensions;
  const reuse = new Map<string, number>();
  if (previous && previous.model === embedder.id && previous.dims === dims)
    for (const [r, k] of previous.keys.entries()) reuse.set(k, r);
  const rows = list.length;
  const data = new Int8Array(rows * dims);
  const scale = new Float32Array(rows);
  const todo: number[] = [];
  for (let r = 0; r < rows; r++) {
    const old = reuse.get((list[r] as Item).key);
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
    const vectors = await embedder.embed(batch.map((r) => (list[r] as Item).text));
    batch.forEach((r, j) => {
      scale[r] = quantize(vectors[j] as Float32Array, data, r * dims);
    });
    progress.done += batch.length;
    onProgress?.(progress.done, progress.total);
  }
  return { model: embedder.id, dims, keys: list.map((i) => i.key), data, scale };
}

/**
 * Vectors for every English sentence and word of an index, reusing `previous` rows by key.
 *
 * @example
 * ```ts
 * const vectors = await buildVectors(index, embedder, { previous: old.vectors });
 * ```
 */
export async function buildVectors(
  index: Pick<SearchIndex, "passages" | "vocabulary" | "df">,
  embedder: Embedder,
  options: BuildVectorsOptions = {},
): Promise<IndexVectors | undefined> {
  const { sentences, words } = items(index);
  const { previous } = options;
  const [oldSentences, oldWords] =
    previous && "sentences" in previous ? [previous.sentences, previous.words] : [previous, previous];
  const progress = { done: 0, total: countMissing(index, previous, embedder.id) };
  const sentenceRows = await embedRows(sentences, embedder, oldSentences, options, progress);
  const wordRows = sentenceRows && (await embedRows(words, embedder, oldWords, options, progress));
  if (!sentenceRows || !wordRows) return undefined;
  return {
    sentences: {
      ...sentenceRows,
      passageOf: Uint32Array.from(sentences, (s) => s.passage),
      sentenceOf: Uint16Array.from(sentences, (s) => s.sentence),
    },
    words: { ...wordRows, terms: words.map((w) => w.term) },
  };
}

/** Both row sets as one, for saving: reusable by key whatever index they came from. */
export function allRows(vectors: IndexVectors): VectorRows {
  const { sentences: s, words: w } = vectors;
  const data = new Int8Array(s.data.length + w.data.length);
  data.set(s.data);
  data.set(w.data, s.data.length);
  const scale = new Float32Array(s.scale.length + w.scale.length);
  scale.set(s.scale);
  scale.set(w.scale, s.scale.length);
  return { model: s.model, dims: s.dims, keys: [...s.keys, ...w.keys], data, scale };
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
  /** The documents' own terms closest in meaning to a question word, with their similarity. */
  neighbours(word: string): readonly { term: string; similarity: number }[];
}

/** Word neighbours kept per question word, and the least similarity that counts. */
const NEIGHBOURS = 3;
export const MIN_WORD_SIMILARITY = 0.5;

/**
 * Scores every sentence row against the question once (lookups are then constant time), and
 * finds the nearest document words of each question word given.
 */
export function semanticScores(
  vectors: IndexVectors,
  question: Float32Array,
  wordVectors: ReadonlyMap<string, Float32Array> = new Map(),
): SemanticScores {
  const rows = vectors.sentences;
  const sims = similarities(rows, question);
  const first = new Map<number, number>();
  const best = new Map<number, number>();
  for (let r = 0; r < sims.length; r++) {
    const p = rows.passageOf[r] as number;
    if (!first.has(p)) first.set(p, r);
    if ((sims[r] as number) > (best.get(p) ?? -2)) best.set(p, sims[r] as number);
  }
  const neighbours = new Map<string, { term: string; similarity: number }[]>();
  for (const [word, vector] of wordVectors) {
    const s = similarities(vectors.words, vector);
    const top: { term: string; similarity: number }[] = [];
    for (let r = 0; r < s.length; r++) {
      const similarity = s[r] as number;
      if (similarity < MIN_WORD_SIMILARITY) continue;
      top.push({ term: vectors.words.terms[r] as string, similarity });
      top.sort((a, b) => b.similarity - a.similarity);
      if (top.length > NEIGHBOURS) top.pop();
    }
    neighbours.set(word, top);
  }
  return {
    sentence(p, s) {
      const r = first.get(p);
      if (r === undefined) return undefined;
      return rows.passageOf[r + s] === p ? (sims[r + s] as number) : undefined;
    },
    top(k) {
      return [...best]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([passage, similarity]) => ({ passage, similarity }));
    },
    neighbours: (word) => neighbours.get(word) ?? [],
  };
}
