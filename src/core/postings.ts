/**
 * @module
 * Posting lists in typed arrays, for answering fast over large corpora. MiniSearch keeps one Map
 * per term and field and allocates a result object per matching passage; a question whose words
 * are common ("set", "file", "user") touches tens of thousands of passages at 100k, and that
 * allocation dominated answer time. Here each field is one compressed-sparse-row table (offsets,
 * passage ids, term frequencies), scoring accumulates into reused arrays, and only the top results
 * become objects.
 *
 * Scores are MiniSearch's own (BM25+ with k 1.2, b 0.7, d 0.5; field lengths as unique tokens;
 * score × number of query terms matched), summed in the same order, so rankings are the ones
 * MiniSearch gives, ties included.
 */
import type { AsPlainObject } from "minisearch";

/** One field's postings: term `t`'s passages are `docs[offsets[t]]` … `docs[offsets[t + 1] - 1]`. */
export interface FieldTable {
  offsets: Uint32Array;
  docs: Int32Array;
  tfs: Uint16Array;
  /** Unique tokens per passage, as MiniSearch counts field length. */
  lengths: Uint16Array;
  avgLength: number;
}

/** Postings of every field, plus scratch space reused by each search (searches are synchronous). */
export interface Postings {
  terms: Map<string, number>;
  fields: FieldTable[];
  count: number;
  scratch?: Scratch;
}

/** Per-passage working arrays of a search, allocated once per index. */
interface Scratch {
  total: Float64Array;
  quality: Uint8Array;
  touched: Int32Array;
  /** A term's passages met only in the head field (see {@link accumulate}). */
  later: Int32Array;
  /** 1 for the passages that a search's terms not skipped reach (see {@link skippable}). */
  reached: Uint8Array;
}

/** The head field of postings that have only a text field. */
const NO_FIELD: FieldTable = {
  offsets: new Uint32Array(0),
  docs: new Int32Array(0),
  tfs: new Uint16Array(0),
  lengths: new Uint16Array(0),
  avgLength: 1,
};

/** A posting being collected: term id, passage id, frequency. Grown by doubling. */
class Triples {
  tids = new Int32Array(1024);
  docs = new Int32Array(1024);
  tfs = new Uint16Array(1024);
  size = 0;

  push(tid: number, doc: number, tf: number): void {
    if (this.size === this.tids.length) {
      const grow = <A extends Int32Array | Uint16Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.tids = grow(this.tids);
      this.docs = grow(this.docs);
      this.tfs = grow(this.tfs);
    }
    this.tids[this.size] = tid;
    this.docs[this.size] = doc;
    this.tfs[this.size] = Math.min(tf, 65535);
    this.size++;
  }
}

/** Counting sort of collected postings by term; passage order within a term is kept. */
function toTable(triples: Triples, termCount: number, lengths: Uint16Array, avgLength: number): FieldTable {
  const offsets = new Uint32Array(termCount + 1);
  for (let i = 0; i < triples.size; i++) (offsets[(triples.tids[i] as number) + 1] as number)++;
  for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  const next = offsets.slice(0, termCount);
  const docs = new Int32Array(triples.size);
  const tfs = new Uint16Array(triples.size);
  for (let i = 0; i < triples.size; i++) {
    const tid = triples.tids[i] as number;
    const at = next[tid] as number;
    next[tid] = at + 1;
    docs[at] = triples.docs[i] as number;
    tfs[at] = triples.tfs[i] as number;
  }
  return { offsets, docs, tfs, lengths, avgLength };
}

/**
 * Collects postings passage by passage, in passage order (ids 0, 1, 2, …), from the same
 * space-separated term strings that MiniSearch indexes.
 */
export class PostingsBuilder {
  readonly #terms = new Map<string, number>();
  readonly #triples: Triples[];
  readonly #lengths: Uint16Array[];
  readonly #avg: number[];
  #count = 0;

  constructor(fieldCount: number, passages: number) {
    this.#triples = Array.from({ length: fieldCount }, () => new Triples());
    this.#lengths = Array.from({ length: fieldCount }, () => new Uint16Array(passages));
    this.#avg = new Array(fieldCount).fill(0);
  }

  /**
   * Adds the next passage; `fields[f]` holds the terms MiniSearch would get for field `f` (from
   * the space-joined string it indexes, so an empty field counts as one empty token, length 1).
   */
  add(fields: readonly (readonly string[])[]): void {
    const doc = this.#count++;
    fields.forEach((tokens, f) => {
      const tf = new Map<string, number>();
      for (const token of tokens) if (token) tf.set(token, (tf.get(token) ?? 0) + 1);
      const unique = tokens.length === 0 ? 1 : tf.size;
      (this.#lengths[f] as Uint16Array)[doc] = Math.min(unique, 65535);
      // MiniSearch's running average, step for step, so that scores match to the last bit.
      this.#avg[f] = ((this.#avg[f] as number) * doc + unique) / (doc + 1);
      for (const [term, n] of tf) {
        let tid = this.#terms.get(term);
        if (tid === undefined) {
          tid = this.#terms.size;
          this.#terms.set(term, tid);
        }
        (this.#triples[f] as Triples).push(tid, doc, n);
      }
    });
  }
  /** The id of a term added so far (every term of the passages added has one). */
  idOf(term: string): number {
    const tid = this.#terms.get(term);
    if (tid === undefined) throw new RangeError(`citebot: term ${term} was never added`);
    return tid;
  }

  finish(): Postings {
    const size = this.#terms.size;
    const fields = this.#triples.map((t, f) =>
      toTable(t, size, (this.#lengths[f] as Uint16Array).subarray(0, this.#count), this.#avg[f] as number),
    );
    return { terms: this.#terms, fields, count: this.#count };
  }
}

/**
 * Postings from a MiniSearch snapshot (its documented plain-object form), so that loading a
 * snapshot needs no new file format. `fieldNames` gives the field order used when searching.
 */
export function postingsFromPlain(plain: AsPlainObject, fieldNames: readonly string[]): Postings {
  const count = plain.documentCount;
  // Short ids are MiniSearch's integers below nextId: an array maps them to passage ids, where a
  // Map keyed by strings made loading a 100k-passage snapshot take seconds.
  const shortToId = new Int32Array(Math.max(0, plain.nextId)).fill(-1);
  for (const shortId in plain.documentIds) {
    const short = Number(shortId);
    if (short >= 0 && short < shortToId.length) shortToId[short] = Number(plain.documentIds[shortId]);
  }
  const fieldIds = fieldNames.map((name) => plain.fieldIds[name]);
  const termCount = plain.index.length;
  const terms = new Map<string, number>();
  const growing = fieldIds.map(() => new Triples());
  const offsets = fieldIds.map(() => new Uint32Array(termCount + 1));
  plain.index.forEach(([term, data], tid) => {
    terms.set(term, tid);
    fieldIds.forEach((fieldId, f) => {
      const out = growing[f] as Triples;
      const freqs = fieldId === undefined ? undefined : data[fieldId];
      const start = out.size;
      if (freqs) {
        for (const shortId in freqs) {
          const id = shortToId[Number(shortId)];
          if (id !== undefined && id >= 0 && id < count) out.push(tid, id, freqs[shortId] as number);
        }
      }
      sortPostings(out, start);
      (offsets[f] as Uint32Array)[tid + 1] = out.size;
    });
  });
  const lengths = fieldIds.map(() => new Uint16Array(count));
  for (const shortId in plain.fieldLength) {
    const id = shortToId[Number(shortId)];
    const perField = plain.fieldLength[shortId];
    if (id === undefined || id < 0 || id >= count || !perField) continue;
    fieldIds.forEach((fieldId, f) => {
      (lengths[f] as Uint16Array)[id] = Math.min(perField[fieldId ?? -1] ?? 0, 65535);
    });
  }
  const fields = growing.map((t, f) => ({
    offsets: offsets[f] as Uint32Array,
    docs: t.docs.slice(0, t.size),
    tfs: t.tfs.slice(0, t.size),
    lengths: lengths[f] as Uint16Array,
    avgLength: plain.averageFieldLength[fieldIds[f] ?? -1] ?? 1,
  }));
  return { terms, fields, count };
}

/**
 * Puts one term's postings (from `start` to the end) in passage order, which the scorer's tie
 * order and binary search rely on. Snapshots written by citebot or MiniSearch are in order
 * already (integer keys enumerate ascending), so this is a check that almost never sorts.
 */
function sortPostings(out: Triples, start: number): void {
  let sorted = true;
  for (let i = start + 1; i < out.size && sorted; i++)
    sorted = (out.docs[i - 1] as number) < (out.docs[i] as number);
  if (sorted) return;
  const order = Array.from({ length: out.size - start }, (_, k) => start + k).sort(
    (a, b) => (out.docs[a] as number) - (out.docs[b] as number),
  );
  const docs = order.map((i) => out.docs[i] as number);
  const tfs = order.map((i) => out.tfs[i] as number);
  out.docs.set(docs, start);
  out.tfs.set(tfs, start);
}

/** One scored passage: its id, score, the query terms it contains and in which fields. */
export interface ScoredPassage {
  id: number;
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

const K = 1.2;
const B = 0.7;
const D = 0.5;

/**
 * The `limit` best passages for weighted terms, scored as MiniSearch's OR search with
 * `boostTerm` = weight and the given per-field boosts.
 *
 * @example
 * ```ts
 * searchPostings(postings, [["messag", 1], ["read", 0.9]], [1, 0.6], 80);
 * ```
 */
export function searchPostings(
  postings: Postings,
  weighted: readonly (readonly [string, number])[],
  fields: readonly { name: string; boost: number }[],
  limit: number,
): ScoredPassage[] {
  postings.scratch ??= makeScratch(postings);
  const s = postings.scratch;
  const query: QueryTerm[] = [];
  for (const [term, weight] of weighted) {
    const tid = postings.terms.get(term);
    if (tid !== undefined) query.push({ term, tid, weight });
  }
  // The common terms' passages that no other term reaches are left out when they cannot reach
  // the top `limit`: their best possible score is below the `limit`-th score of the others. When
  // that cannot be shown after all (the guess of which terms are common enough was wrong), the
  // search runs again over every passage.
  const skip = skippable(postings, query, fields, limit);
  if (skip) {
    markReached(postings, s, query, skip.terms, 1);
    const touchedCount = accumulate(postings, s, query, fields, skip.terms);
    markReached(postings, s, query, skip.terms, 0);
    const best = takeBest(s, touchedCount, limit);
    if (best.length === limit && skip.bound < (best[limit - 1] as { score: number }).score)
      return results(postings, query, fields, best);
  }
  const touchedCount = accumulate(postings, s, query, fields, undefined);
  const best = takeBest(s, touchedCount, limit);
  return results(postings, query, fields, best);
}

interface QueryTerm {
  term: string;
  tid: number;
  weight: number;
}

/** A term's idf in one field, as MiniSearch computes it. */
function fieldIdf(postings: Postings, table: FieldTable, tid: number): number {
  const matching = (table.offsets[tid + 1] as number) - (table.offsets[tid] as number);
  const n = postings.count;
  return Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
}

/**
 * Which query terms a search may skip for the passages only they reach, and the highest score
 * such a passage could have; `undefined` when no term is worth it. A term scores at most
 * boost × idf × (d + k + 1) in each field (its saturation `tf (k + 1) / (tf + norm)` stays below
 * k + 1), and a passage's score is its terms' sum times their number: the skipped terms' bounds
 * summed, times their number, with a margin for rounding. The terms are the commonest while that
 * bound stays under half the best single term's (on the bench's questions at 100k passages, a
 * guess that holds 98% of the time and skips 40% of the postings).
 */
function skippable(
  postings: Postings,
  query: readonly QueryTerm[],
  fields: readonly { boost: number }[],
  limit: number,
): { terms: boolean[]; bound: number } | undefined {
  if (limit <= 0 || query.length < 2) return undefined;
  const bounds = query.map(({ tid, weight }) => {
    let bound = 0;
    postings.fields.forEach((table, f) => {
      if ((table.offsets[tid + 1] as number) > (table.offsets[tid] as number))
        bound += weight * (fields[f]?.boost ?? 1) * fieldIdf(postings, table, tid) * (D + K + 1);
    });
    return bound;
  });
  if (!bounds.every((b) => b >= 0 && Number.isFinite(b))) return undefined;
  const target = 0.5 * Math.max(...bounds);
  const order = bounds.map((_, q) => q).sort((a, b) => (bounds[a] as number) - (bounds[b] as number));
  const terms = query.map(() => false);
  let sum = 0;
  let count = 0;
  for (const q of order) {
    const next = (sum + (bounds[q] as number)) * (count + 1);
    if (next >= target) break;
    sum += bounds[q] as number;
    count++;
    terms[q] = true;
  }
  return count > 0 ? { terms, bound: sum * count * (1 + 1e-9) } : undefined;
}

/** Sets `reached` to `value` for every passage of the terms not skipped. */
function markReached(
  postings: Postings,
  s: Scratch,
  query: readonly QueryTerm[],
  skipped: readonly boolean[],
  value: number,
): void {
  const { reached } = s;
  query.forEach(({ tid }, q) => {
    if (skipped[q]) return;
    for (const { offsets, docs } of postings.fields) {
      const end = offsets[tid + 1] as number;
      for (let i = offsets[tid] as number; i < end; i++) reached[docs[i] as number] = value;
    }
  });
}

/** A term's score in one field of a passage: MiniSearch's operations in its order, so the same bits. */
const fieldScore = (boost: number, idf: number, tf: number, length: number, avgLength: number) =>
  boost * (idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / avgLength))));

/** Past every passage id: a posting list's end in {@link accumulate}'s merge. */
const END = 2 ** 31 - 1;

/**
 * Adds up the query terms' scores per passage, in MiniSearch's order; returns how many passages
 * were touched (listed in `s.touched`, in the order first met). With `skipped`, those terms
 * count only in passages that another term reaches (`s.reached`).
 *
 * A term's score in a passage is its text score plus its head score, added to the passage's
 * total as one sum. Both posting lists are in passage order, so they are merged: one sequential
 * pass per term, where summing each field into a per-passage partial first (a mark and a sum per
 * posting, read and written at random, then a second pass) made the search 1.6 times slower at
 * 100k passages. A passage new to the search counts as met where reading the text postings,
 * then the head postings, would first meet it: those with the term in their text in passage
 * order, then those with it in their head only.
 */
function accumulate(
  postings: Postings,
  s: Scratch,
  query: readonly QueryTerm[],
  fields: readonly { boost: number }[],
  skipped: readonly boolean[] | undefined,
): number {
  // Locals, not property loads in the inner loop: it runs once per posting (tens of thousands a
  // question at 100k passages).
  const { quality, total, touched, later, reached } = s;
  const text = postings.fields[0] as FieldTable;
  const head = postings.fields[1] ?? NO_FIELD;
  const { docs: textDocs, tfs: textTfs, lengths: textLengths, avgLength: textAvg } = text;
  const { docs: headDocs, tfs: headTfs, lengths: headLengths, avgLength: headAvg } = head;
  let touchedCount = 0;
  for (let q = 0; q < query.length; q++) {
    const { tid, weight } = query[q] as QueryTerm;
    const onlyReached = skipped !== undefined && skipped[q] === true;
    // Multiplied in MiniSearch's order (term weight × field boost × raw score): same bits.
    const textBoost = weight * (fields[0]?.boost ?? 1);
    const headBoost = weight * (fields[1]?.boost ?? 1);
    const textIdf = fieldIdf(postings, text, tid);
    const headIdf = fieldIdf(postings, head, tid);
    let t = text.offsets[tid] as number;
    const textEnd = text.offsets[tid + 1] as number;
    let h = head.offsets[tid] ?? 0;
    const headEnd = head.offsets[tid + 1] ?? 0;
    let laterCount = 0;
    while (t < textEnd || h < headEnd) {
      const inText = t < textEnd ? (textDocs[t] as number) : END;
      const inHead = h < headEnd ? (headDocs[h] as number) : END;
      const doc = inText <= inHead ? inText : inHead;
      if (onlyReached && reached[doc] === 0) {
        if (inText === doc) t++;
        if (inHead === doc) h++;
        continue;
      }
      let score: number;
      if (inText === doc) {
        score = fieldScore(textBoost, textIdf, textTfs[t++] as number, textLengths[doc] as number, textAvg);
        if (inHead === doc)
          score += fieldScore(
            headBoost,
            headIdf,
            headTfs[h++] as number,
            headLengths[doc] as number,
            headAvg,
          );
      } else
        score = fieldScore(headBoost, headIdf, headTfs[h++] as number, headLengths[doc] as number, headAvg);
      if ((quality[doc] as number) === 0) {
        total[doc] = score;
        if (inText === doc) touched[touchedCount++] = doc;
        else later[laterCount++] = doc;
      } else total[doc] = (total[doc] as number) + score;
      quality[doc] = (quality[doc] as number) + 1;
    }
    for (let i = 0; i < laterCount; i++) touched[touchedCount++] = later[i] as number;
  }
  return touchedCount;
}

function results(
  postings: Postings,
  query: readonly QueryTerm[],
  fields: readonly { name: string }[],
  best: { doc: number; score: number }[],
): ScoredPassage[] {
  return best.map(({ doc, score }) => {
    const match = matchInfo(postings, query, fields, doc);
    return { id: doc, score, terms: Object.keys(match), match };
  });
}

/** Scratch arrays for {@link searchPostings}, made on the first search. */
function makeScratch(postings: Postings): Scratch {
  const n = postings.count;
  // The index has two fields, text and head (`MINISEARCH_OPTIONS`), and the merge reads two.
  if (postings.fields.length < 1 || postings.fields.length > 2)
    throw new RangeError(
      `citebot: postings of ${postings.fields.length} fields; the search reads one or two`,
    );
  return {
    total: new Float64Array(n),
    quality: new Uint8Array(n),
    touched: new Int32Array(n),
    later: new Int32Array(n),
    reached: new Uint8Array(n),
  };
}

/**
 * The `limit` highest scores (`total × quality`) of the first `count` touched passages, ties in
 * encounter order (as a stable sort would leave them); clears their totals for the next search.
 */
function takeBest(s: Scratch, count: number, limit: number): { doc: number; score: number }[] {
  const { touched, total, quality } = s;
  // A small sorted buffer beats a heap for the ~100 results answers ask for; most passages fall
  // below its last score and cost one comparison.
  const out: { doc: number; score: number }[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const doc = touched[i] as number;
    const value = (total[doc] as number) * (quality[doc] as number);
    total[doc] = 0;
    quality[doc] = 0;
    if (out.length === limit && value <= floor) continue;
    let at = out.length;
    while (at > 0 && (out[at - 1] as { score: number }).score < value) at--;
    out.splice(at, 0, { doc, score: value });
    if (out.length > limit) out.pop();
    if (out.length === limit) floor = (out[limit - 1] as { score: number }).score;
  }
  return out;
}

/** Query terms present in a passage and the fields holding them (binary search per posting list). */
function matchInfo(
  postings: Postings,
  queryTerms: readonly { term: string; tid: number }[],
  fields: readonly { name: string }[],
  doc: number,
): Record<string, string[]> {
  const match: Record<string, string[]> = {};
  for (const { term, tid } of queryTerms) {
    const where = fields.filter((_, f) => {
      const table = postings.fields[f];
      return table !== undefined && contains(table, tid, doc);
    });
    if (where.length) match[term] = where.map((f) => f.name);
  }
  return match;
}

/** The passages whose first field (the text) holds `term`, in passage order. */
export function passagesWith(postings: Postings, term: string): Int32Array {
  const tid = postings.terms.get(term);
  const table = postings.fields[0];
  if (tid === undefined || !table) return new Int32Array(0);
  return table.docs.subarray(table.offsets[tid] as number, table.offsets[tid + 1] as number);
}

function contains(table: FieldTable, tid: number, doc: number): boolean {
  let lo = table.offsets[tid] as number;
  let hi = (table.offsets[tid + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = table.docs[mid] as number;
    if (at === doc) return true;
    if (at < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The postings as MiniSearch's documented plain object (what `miniSearch.toJSON()` returns for an
 * index built from the same passages), so snapshots keep their format and `MiniSearch.loadJS`
 * can rebuild a MiniSearch from them when one is wanted.
 */
export function postingsToPlain(postings: Postings, fieldNames: readonly string[]): AsPlainObject {
  const { count, fields } = postings;
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  for (let id = 0; id < count; id++) {
    documentIds[id] = id;
    fieldLength[id] = fields.map((table) => table.lengths[id] as number);
  }
  const index: AsPlainObject["index"] = [];
  for (const [term, tid] of postings.terms) {
    const data: AsPlainObject["index"][number][1] = {};
    fields.forEach((table, f) => {
      const start = table.offsets[tid] as number;
      const end = table.offsets[tid + 1] as number;
      if (start === end) return;
      const freqs: Record<string, number> = {};
      for (let i = start; i < end; i++) freqs[table.docs[i] as number] = table.tfs[i] as number;
      data[f] = freqs;
    });
    index.push([term, data]);
  }
  return {
    documentCount: count,
    nextId: count,
    documentIds,
    fieldIds: Object.fromEntries(fieldNames.map((name, f) => [name, f])),
    fieldLength,
    averageFieldLength: fields.map((table) => table.avgLength),
    storedFields: {},
    dirtCount: 0,
    index,
    serializationVersion: 2,
  };
}
