/**
 * @module
 * The section a passage sits in, and how well each section answers a question. A section is the
 * run of consecutive passages of one document under the same heading (or before the first one):
 * an FAQ entry, a manual's option, a report's chapter. An answer often spreads over its section's
 * paragraphs, the question's words in one and their explanation in the next, so a passage counts
 * with its section's BM25 score as well as its own (`answer.ts`, FUSION.section). Sections are
 * found from the passages alone, so any index has them.
 *
 * The section score is BM25 over the section as one text: a term's frequency is the sum of its
 * frequencies in the section's passages (from the postings, whose passage ids are in order, so a
 * section's postings are one binary search away), its length the sum of theirs, and each concept
 * of the question counts its weight, as the refusal rule and coverage do. Only the sections of a
 * question's candidate passages are scored.
 */
import type { Concept } from "./analyze.ts";
import type { FieldTable } from "./postings.ts";
import type { SearchIndex } from "./search-index.ts";

const K = 1.2;
const B = 0.75;

/**
 * A section of more passages than this is a chapter or a document without headings (a man page's
 * OPTIONS, a long article), not one topic: its score says little about any passage in it, so its
 * passages count by themselves. Measured on the bench's man pages at 100k passages: without the
 * cap recall@10 fell from 73/71/68% to 71/69/67% (keywords/natural/typo), with it 72/70/68%; the
 * FAQ and news sets, whose sections are shorter, gave the same answers either way.
 */
export const MAX_SECTION_PASSAGES = 20;

interface Sections {
  /** Passage id → id of the first passage of its section. */
  start: Uint32Array;
  /** Section length (the text field's tokens summed over its passages), at its first passage's id. */
  length: Float64Array;
  avgLength: number;
}

const tables = new WeakMap<SearchIndex, Sections>();

function sections(index: SearchIndex, text: FieldTable): Sections {
  let table = tables.get(index);
  if (!table) {
    const { passages } = index;
    const start = new Uint32Array(passages.length);
    const length = new Float64Array(passages.length);
    let count = 0;
    let total = 0;
    for (let id = 0; id < passages.length; id++) {
      const p = passages[id];
      const prev = passages[id - 1];
      const same = id > 0 && p && prev && p.file === prev.file && p.section === prev.section;
      start[id] = same ? (start[id - 1] as number) : id;
      if (!same) count++;
      const n = text.lengths[id] ?? 0;
      length[start[id] as number] = (length[start[id] as number] as number) + n;
      total += n;
    }
    table = { start, length, avgLength: count > 0 ? total / count : 1 };
    tables.set(index, table);
  }
  return table;
}

/** First position in `docs[from, to)` whose passage id is at least `id`. */
function lowerBound(docs: Int32Array, from: number, to: number, id: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each candidate's section score as a share of the best candidate section's in its language
 * (0–1), by passage id: a passage in another language than the question's matches fewer of its
 * words, and is weighed against its own language's best, as its quote is. None for a passage of
 * a section longer than {@link MAX_SECTION_PASSAGES}; empty when the index has no postings (a
 * hand-made index).
 *
 * @example
 * ```ts
 * const shares = sectionShares(index, concepts, [12, 40]);
 * shares.get(12); // 1 when passage 12's section is the best of the two
 * ```
 */
export function sectionShares(
  index: SearchIndex,
  concepts: readonly Concept[],
  ids: Iterable<number>,
): Map<number, number> {
  const shares = new Map<number, number>();
  const postings = index.postings;
  const text = postings?.fields[0];
  if (!postings || !text) return shares;
  const table = sections(index, text);
  const tids = new Map<string, number>();
  for (const c of concepts)
    for (const alt of c.alternatives)
      for (const t of alt.terms) {
        const tid = postings.terms.get(t);
        if (tid !== undefined) tids.set(t, tid);
      }
  const bySection = new Map<number, number>();
  const best = new Map<string, number>();
  for (const id of ids) {
    const start = table.start[id];
    if (start === undefined) continue;
    let score = bySection.get(start);
    if (score === undefined) {
      let end = start + 1;
      while (end < table.start.length && table.start[end] === start) end++;
      if (end - start > MAX_SECTION_PASSAGES) {
        bySection.set(start, -1);
        continue;
      }
      const norm = K * (1 - B + (B * (table.length[start] as number)) / table.avgLength);
      const saturation = (term: string) => {
        const tid = tids.get(term);
        if (tid === undefined) return 0;
        const from = text.offsets[tid] as number;
        const to = text.offsets[tid + 1] as number;
        let tf = 0;
        for (let i = lowerBound(text.docs, from, to, start); i < to && (text.docs[i] as number) < end; i++)
          tf += text.tfs[i] as number;
        return tf === 0 ? 0 : (tf * (K + 1)) / (tf + norm);
      };
      score = 0;
      for (const c of concepts) {
        let found = 0;
        for (const alt of c.alternatives) {
          let least = Number.POSITIVE_INFINITY;
          for (const t of alt.terms) least = Math.min(least, saturation(t));
          if (alt.terms.length > 0) found = Math.max(found, least * alt.weight);
        }
        score += c.idf * found;
      }
      bySection.set(start, score);
    }
    if (score < 0) continue;
    const language = index.passages[id]?.language ?? "";
    best.set(language, Math.max(best.get(language) ?? 0, score));
    shares.set(id, score);
  }
  for (const [id, score] of shares) {
    const top = best.get(index.passages[id]?.language ?? "") ?? 0;
    shares.set(id, top > 0 ? score / top : 0);
  }
  return shares;
}
