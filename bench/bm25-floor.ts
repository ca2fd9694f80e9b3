/**
 * @module
 * The physical floor: the simplest fast ranked retrieval, for the benchmark to stand citebot
 * beside. Plain BM25 (k1 1.2, b 0.75) over compressed-sparse-row postings in typed arrays, with a
 * Unicode-letters tokenizer, lower-casing and the same stop-word list the stop-word baselines use;
 * no stemming, no typo tolerance, no quotes. Anything slower than this pays for what it adds.
 *
 * Non-goals: phrase queries, updates after building, fields. Its snapshot is its arrays written as
 * they are, so its load time is the floor for reading an index from disk too.
 */
import { readFile, writeFile } from "node:fs/promises";

const WORD = /[\p{L}\p{N}]+/gu;
const K1 = 1.2;
const B = 0.75;

/** A BM25 index over texts: term `t`'s postings are `docs[offsets[t]]` … `docs[offsets[t + 1] - 1]`. */
export interface FloorIndex {
  terms: Map<string, number>;
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  lengths: Uint32Array;
  avgLength: number;
}

/** Lower-cased words of a text minus stop words. */
export function floorTokens(text: string, stopWords: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [word] of text.toLowerCase().matchAll(WORD)) if (!stopWords.has(word)) out.push(word);
  return out;
}

/**
 * Builds the index in two passes (count, then fill), so postings are written once, in place.
 *
 * @example
 * ```ts
 * const index = buildFloor(["the river rose", "the bridge closed"], new Set(["the"]));
 * searchFloor(index, "river", new Set(["the"]), 10); // [0]
 * ```
 */
export function buildFloor(texts: readonly string[], stopWords: ReadonlySet<string>): FloorIndex {
  const terms = new Map<string, number>();
  const perDoc: Map<number, number>[] = [];
  const lengths = new Uint32Array(texts.length);
  let counts = new Uint32Array(1024);
  let total = 0;
  texts.forEach((text, doc) => {
    const tf = new Map<number, number>();
    const tokens = floorTokens(text, stopWords);
    for (const token of tokens) {
      let id = terms.get(token);
      if (id === undefined) {
        id = terms.size;
        terms.set(token, id);
        if (id >= counts.length) {
          const grown = new Uint32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) counts[id] = (counts[id] as number) + 1;
    perDoc.push(tf);
    lengths[doc] = tokens.length;
    total += tokens.length;
  });
  const offsets = new Uint32Array(terms.size + 1);
  for (let t = 0; t < terms.size; t++) offsets[t + 1] = (offsets[t] as number) + (counts[t] as number);
  const docs = new Uint32Array(offsets[terms.size] as number);
  const tfs = new Uint16Array(docs.length);
  const next = offsets.slice(0, terms.size);
  perDoc.forEach((tf, doc) => {
    for (const [id, n] of tf) {
      const at = next[id] as number;
      next[id] = at + 1;
      docs[at] = doc;
      tfs[at] = Math.min(n, 65535);
    }
  });
  return { terms, offsets, docs, tfs, lengths, avgLength: texts.length ? total / texts.length : 1 };
}

/** Scratch arrays reused across searches (the benchmark is single-threaded). */
const scratch = new WeakMap<FloorIndex, { score: Float64Array; touched: Uint32Array }>();

/** Ids of the `limit` best texts for a query, best first. */
export function searchFloor(
  index: FloorIndex,
  query: string,
  stopWords: ReadonlySet<string>,
  limit: number,
): number[] {
  const n = index.lengths.length;
  let s = scratch.get(index);
  if (!s) {
    s = { score: new Float64Array(n), touched: new Uint32Array(n) };
    scratch.set(index, s);
  }
  const { score, touched } = s;
  let touchedCount = 0;
  for (const word of new Set(floorTokens(query, stopWords))) {
    const t = index.terms.get(word);
    if (t === undefined) continue;
    const start = index.offsets[t] as number;
    const end = index.offsets[t + 1] as number;
    const df = end - start;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (let i = start; i < end; i++) {
      const doc = index.docs[i] as number;
      const tf = index.tfs[i] as number;
      const norm = K1 * (1 - B + (B * (index.lengths[doc] as number)) / index.avgLength);
      if (score[doc] === 0) touched[touchedCount++] = doc;
      score[doc] = (score[doc] as number) + (idf * tf * (K1 + 1)) / (tf + norm);
    }
  }
  // Top `limit` by a small sorted buffer: answers want ten.
  const best: number[] = [];
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i] as number;
    const value = score[doc] as number;
    if (best.length === limit && value <= (score[best[limit - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && (score[best[at - 1] as number] as number) < value) at--;
    best.splice(at, 0, doc);
    if (best.length > limit) best.pop();
  }
  const out = best.slice();
  for (let i = 0; i < touchedCount; i++) score[touched[i] as number] = 0;
  return out;
}

/** Writes the index: a small JSON header (terms, average, array lengths) and the arrays as bytes. */
export async function saveFloor(index: FloorIndex, file: string): Promise<number> {
  const arrays = [index.offsets, index.docs, index.tfs, index.lengths];
  const header = Buffer.from(
    JSON.stringify({
      terms: [...index.terms.keys()],
      avgLength: index.avgLength,
      sizes: arrays.map((a) => a.length),
    }),
  );
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  const parts = [size, header, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))];
  await writeFile(file, Buffer.concat(parts));
  return parts.reduce((sum, p) => sum + p.length, 0);
}

/** Reads what {@link saveFloor} wrote (arrays copied out into aligned memory). */
export async function loadFloor(file: string): Promise<FloorIndex> {
  const bytes = await readFile(file);
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString("utf8")) as {
    terms: string[];
    avgLength: number;
    sizes: number[];
  };
  let at = 4 + headerLength;
  const take = <T extends Uint32Array | Uint16Array>(Type: new (b: ArrayBuffer) => T, length: number): T => {
    const width = Type === (Uint16Array as unknown) ? 2 : 4;
    const copy = new Type(
      bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + length * width) as ArrayBuffer,
    );
    at += length * width;
    return copy;
  };
  const [offsets = 0, docs = 0, tfs = 0, lengths = 0] = header.sizes;
  return {
    terms: new Map(header.terms.map((t, i) => [t, i])),
    offsets: take(Uint32Array, offsets),
    docs: take(Uint32Array, docs),
    tfs: take(Uint16Array, tfs),
    lengths: take(Uint32Array, lengths),
    avgLength: header.avgLength,
  };
}
