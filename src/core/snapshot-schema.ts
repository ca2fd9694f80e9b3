/**
 * @module
 * The shape a snapshot must have before any of it is used. A snapshot is valid JSON written by
 * citebot, but a disk, a hand edit or another version can leave `"index": {}` or a `nextId` of
 * 1e12 in it, and loading that crashed start-up. Everything the loader and the answer path rely
 * on is checked here: structure with zod, then lengths and id ranges in one linear pass (snapshots
 * of 100k passages are loaded at every start, so nothing here may be worse than linear).
 */
import type { AsPlainObject } from "minisearch";
import { z } from "zod";
import { isWebLink } from "./documents.ts";

const count = z.number().int().nonnegative();
const text = z.string();

const metaSchema = z.object({
  title: text,
  language: text,
  publisher: text.optional(),
  date: text.optional(),
  url: text.refine(isWebLink, "not an http(s) link").optional(),
});

const documentSchema = z.object({
  file: text,
  size: count,
  // Any finite time: a file dated before 1970 must not make every start rebuild.
  mtimeMs: z.number(),
  hash: text,
  meta: metaSchema,
  warnings: z.array(text).optional(),
});

const passageSchema = z.object({
  file: text,
  section: text.optional(),
  paragraph: z.number().int().positive(),
  page: z.number().int().positive().optional(),
  listItem: z.boolean().optional(),
  text,
  sentences: z.array(z.object({ start: count, end: count })),
  language: text,
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The snapshot as citebot writes it; `index.mini` is checked by {@link miniProblem}. */
export const snapshotSchema = z.object({
  format: z.number(),
  createdAt: text,
  documents: z.array(documentSchema),
  passages: z.array(passageSchema),
  index: z.object({
    // Passed through uncopied: its posting lists hold millions of entries, checked by hand below.
    mini: z.custom<AsPlainObject>(isRecord, "expected an object"),
    df: z.array(z.tuple([text, z.number().int().positive()])),
    vocabulary: z.array(z.tuple([text, text])),
    names: z.array(text),
  }),
  rolledBack: z.boolean().optional(),
});

/** A snapshot that has passed {@link checkSnapshot}. */
export type CheckedSnapshot = z.infer<typeof snapshotSchema>;

/** Either the snapshot, checked, or what is wrong with it (a path and a reason, for the log). */
export type SnapshotCheck = { snapshot: CheckedSnapshot; problem?: undefined } | { problem: string };

/**
 * Checks a parsed snapshot whole: structure, then names, spans and id ranges.
 *
 * @example
 * ```ts
 * const check = checkSnapshot(JSON.parse(text));
 * if (check.problem !== undefined) rebuild(check.problem);
 * ```
 */
export function checkSnapshot(data: unknown): SnapshotCheck {
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join(".") || "(top)"}: ${issue?.message ?? "invalid"}` };
  }
  const problem = snapshotProblem(parsed.data);
  return problem ? { problem } : { snapshot: parsed.data };
}

/** Cross-field checks zod's structure cannot express: names that must match, spans, ids. */
function snapshotProblem(s: CheckedSnapshot): string | undefined {
  const files = new Set<string>();
  for (const d of s.documents) {
    if (files.has(d.file)) return `documents: ${d.file} is listed twice`;
    files.add(d.file);
  }
  for (const [i, p] of s.passages.entries()) {
    if (!files.has(p.file)) return `passages.${i}: its document ${p.file} is not listed`;
    for (const span of p.sentences) {
      if (span.start > span.end || span.end > p.text.length)
        return `passages.${i}: a sentence span is out of range`;
    }
  }
  for (const [term, df] of s.index.df) {
    if (df > s.passages.length) return `index.df: ${term} is in more passages than there are`;
  }
  return miniProblem(s.index.mini, s.passages.length);
}

const isCount = (v: unknown): v is number => typeof v === "number" && v >= 0 && v % 1 === 0;
/**
 * A MiniSearch short id: an integer record key below `nextId`. Run for every posting (millions),
 * hence arithmetic rather than `Number.isInteger` and string round trips.
 */
const isShortId = (key: string, nextId: number) => {
  const n = +key;
  return n >= 0 && n < nextId && n % 1 === 0;
};

/**
 * The MiniSearch plain object, against the passages: what `postingsFromPlain` indexes arrays
 * with and sizes typed arrays by must be in range. The postings themselves (term → passage →
 * count, millions of entries) are not walked here: `postingsFromPlain` skips any passage id out of
 * range as it reads them, and walking them here as well added half a second (a quarter) to loading 100k passages.
 */
function miniProblem(mini: AsPlainObject, passages: number): string | undefined {
  const { documentCount, nextId, documentIds, fieldIds, fieldLength, averageFieldLength, index } = mini;
  if (documentCount !== passages) return `index.mini.documentCount: ${documentCount} is not ${passages}`;
  // citebot writes fresh indexes only (nothing is ever discarded), so short ids are 0 … count-1;
  // a larger nextId would size an array by it.
  if (nextId !== documentCount) return `index.mini.nextId: ${nextId} is not ${documentCount}`;
  if (!isRecord(documentIds) || !isRecord(fieldIds) || !isRecord(fieldLength))
    return "index.mini: documentIds, fieldIds and fieldLength must be objects";
  // Every passage has at least one token per field, so a zero average would only divide by zero.
  const average = (n: number) => Number.isFinite(n) && (n > 0 || (n === 0 && documentCount === 0));
  if (!Array.isArray(averageFieldLength) || !averageFieldLength.every(average))
    return "index.mini.averageFieldLength: expected an array of positive lengths";
  const fields = averageFieldLength.length;
  for (const name of ["text", "head"]) {
    const id = fieldIds[name];
    if (!isCount(id) || id >= fields) return `index.mini.fieldIds.${name}: missing or out of range`;
  }
  let ids = 0;
  for (const key in documentIds) {
    const id = documentIds[key];
    if (!isShortId(key, nextId) || !isCount(id) || id >= documentCount)
      return `index.mini.documentIds.${key}: out of range`;
    ids++;
  }
  if (ids !== documentCount) return `index.mini.documentIds: ${ids} ids for ${documentCount} passages`;
  for (const key in fieldLength) {
    const lengths = fieldLength[key];
    if (
      !isShortId(key, nextId) ||
      !Array.isArray(lengths) ||
      lengths.length !== fields ||
      !lengths.every(isCount)
    )
      return `index.mini.fieldLength.${key}: out of range`;
  }
  if (!Array.isArray(index)) return "index.mini.index: expected an array";
  const terms = new Set<string>();
  for (const [i, entry] of index.entries()) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string" || !isRecord(entry[1]))
      return `index.mini.index.${i}: expected [term, postings]`;
    if (terms.has(entry[0])) return `index.mini.index.${i}: ${entry[0]} is listed twice`;
    terms.add(entry[0]);
    for (const field in entry[1]) {
      if (!isShortId(field, fields) || !isRecord(entry[1][field]))
        return `index.mini.index.${i}: bad postings for field ${field}`;
    }
  }
  return undefined;
}
