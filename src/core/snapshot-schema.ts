/**
 * @module
 * The shape a snapshot's manifest must have before any of it is used. A manifest is JSON written
 * by citebot, but a disk, a hand edit or another version can leave anything in it, and loading
 * that crashed start-up. Its structure is checked with zod (strictly: an unknown key is another
 * version's file), then names that must be unique. The binary body it points at is checked by
 * `snapshot-body.ts`.
 */
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

/** The manifest as citebot writes it. */
export const snapshotSchema = z.strictObject({
  format: z.number(),
  createdAt: text,
  documents: z.array(documentSchema),
  body: z.strictObject({
    // A bare file name beside the manifest: nothing in a manifest may point elsewhere.
    file: text.regex(/^[^/\\]+\.body-[0-9a-f]{16}$/, "not a body file name"),
    bytes: count,
    sha256: text.regex(/^[0-9a-f]{64}$/, "not a SHA-256"),
  }),
  rolledBack: z.boolean().optional(),
});

/** A manifest that has passed {@link checkSnapshot}. */
export type SnapshotManifest = z.infer<typeof snapshotSchema>;

/** Either the manifest, checked, or what is wrong with it (a path and a reason, for the log). */
export type SnapshotCheck = { snapshot: SnapshotManifest; problem?: undefined } | { problem: string };

/**
 * Checks a parsed manifest whole: structure, then names that must be unique.
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
  const files = new Set<string>();
  for (const d of parsed.data.documents) {
    if (files.has(d.file)) return { problem: `documents: ${d.file} is listed twice` };
    files.add(d.file);
  }
  return { snapshot: parsed.data };
}
