/**
 * @module
 * The shape a snapshot's manifest must have before any of it is used. A manifest is JSON written
 * by citebot, but a disk, a hand edit or another version can leave anything in it, and loading
 * that crashed start-up. Its structure is checked with zod (strictly: an unknown key is another
 * version's file), then names that must be unique. The binary body it points at is checked by
 * `snapshot-body.ts`.
 */

import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { isWebLink } from "./documents.ts";

// zod's small build, with its English messages (the problems it finds are logged).
z.config(en());

const count = z.int().check(z.nonnegative());
const text = z.string();

const metaSchema = z.object({
  title: text,
  language: text,
  publisher: z.optional(text),
  date: z.optional(text),
  url: z.optional(text.check(z.refine(isWebLink, "not an http(s) link"))),
});

const documentSchema = z.object({
  file: text,
  size: count,
  // Any finite time: a file dated before 1970 must not make every start rebuild.
  mtimeMs: z.number(),
  hash: text,
  meta: metaSchema,
  warnings: z.optional(z.array(text)),
});

/** The manifest as citebot writes it. */
export const snapshotSchema = z.strictObject({
  format: z.number(),
  createdAt: text,
  documents: z.array(documentSchema),
  body: z.strictObject({
    // A bare file name beside the manifest: nothing in a manifest may point elsewhere.
    file: text.check(z.regex(/^[^/\\]+\.body-[0-9a-f]{16}$/, "not a body file name")),
    bytes: count,
    sha256: text.check(z.regex(/^[0-9a-f]{64}$/, "not a SHA-256")),
  }),
  rolledBack: z.optional(z.boolean()),
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
