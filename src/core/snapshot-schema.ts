/**
 * @module
 * The shape a snapshot's manifest must have before any of it is used. A manifest is JSON written
 * by citebot, but a disk, a hand edit or another version can leave anything in it, and loading
 * that crashed start-up. Its structure is checked (strictly at the top and in `body`: an unknown
 * key there is another version's file; documents keep only the keys citebot reads), then names
 * that must be unique. The binary body it points at is checked by `snapshot-body.ts`. Written by
 * hand rather than with zod: a manifest lists every document, and zod took a quarter of a second
 * on the 56k documents of a million passages.
 */

import { isWebLink } from "./documents.ts";
import type { SnapshotDocument } from "./snapshot.ts";
import type { DocumentMeta } from "./types.ts";

/** A manifest as citebot writes it. */
export interface SnapshotManifest {
  format: number;
  createdAt: string;
  documents: SnapshotDocument[];
  body: { file: string; bytes: number; crc32: string };
  rolledBack?: boolean;
}

/** What is wrong, where (`documents.3.meta.title`). */
class ShapeProblem extends Error {}

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const wrong = (at: string, expected: string, v: unknown): never => {
  throw new ShapeProblem(`${at || "(top)"}: expected ${expected}, received ${kind(v)}`);
};
const text = (v: unknown, at: string): string => (typeof v === "string" ? v : wrong(at, "string", v));
const finite = (v: unknown, at: string): number =>
  typeof v === "number" && Number.isFinite(v) ? v : wrong(at, "number", v);
const count = (v: unknown, at: string): number =>
  Number.isSafeInteger(v) && (v as number) >= 0
    ? (v as number)
    : wrong(at, "a whole number of at least 0", v);
const matching = (v: unknown, at: string, re: RegExp, message: string): string => {
  if (!re.test(text(v, at))) throw new ShapeProblem(`${at}: ${message}`);
  return v as string;
};

/** An object's fields; with `only`, a key outside it is a problem. */
function record(v: unknown, at: string, only?: readonly string[]): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return wrong(at, "object", v);
  if (only)
    for (const key of Object.keys(v))
      if (!only.includes(key)) throw new ShapeProblem(`${at || "(top)"}: unrecognized key "${key}"`);
  return v as Record<string, unknown>;
}

function meta(v: unknown, at: string): DocumentMeta {
  const m = record(v, at);
  const out: DocumentMeta = {
    title: text(m.title, `${at}.title`),
    language: text(m.language, `${at}.language`),
  };
  if (m.publisher !== undefined) out.publisher = text(m.publisher, `${at}.publisher`);
  if (m.date !== undefined) out.date = text(m.date, `${at}.date`);
  if (m.url !== undefined) {
    if (!isWebLink(text(m.url, `${at}.url`))) throw new ShapeProblem(`${at}.url: not an http(s) link`);
    out.url = m.url as string;
  }
  return out;
}

function document(v: unknown, at: string): SnapshotDocument {
  const d = record(v, at);
  const out: SnapshotDocument = {
    file: text(d.file, `${at}.file`),
    size: count(d.size, `${at}.size`),
    // Any finite time: a file dated before 1970 must not make every start rebuild.
    mtimeMs: finite(d.mtimeMs, `${at}.mtimeMs`),
    hash: text(d.hash, `${at}.hash`),
    meta: meta(d.meta, `${at}.meta`),
  };
  if (d.warnings !== undefined) {
    if (!Array.isArray(d.warnings)) wrong(`${at}.warnings`, "array", d.warnings);
    out.warnings = (d.warnings as unknown[]).map((w, i) => text(w, `${at}.warnings.${i}`));
  }
  return out;
}

/** The manifest, checked whole; throws {@link ShapeProblem} at the first thing wrong. */
function manifest(data: unknown): SnapshotManifest {
  const top = record(data, "", ["format", "createdAt", "documents", "body", "rolledBack"]);
  if (!Array.isArray(top.documents)) wrong("documents", "array", top.documents);
  const body = record(top.body, "body", ["file", "bytes", "crc32"]);
  const out: SnapshotManifest = {
    format: finite(top.format, "format"),
    createdAt: text(top.createdAt, "createdAt"),
    documents: (top.documents as unknown[]).map((d, i) => document(d, `documents.${i}`)),
    body: {
      // A bare file name beside the manifest: nothing in a manifest may point elsewhere.
      file: matching(
        body.file,
        "body.file",
        /^[^/\\]+\.body-[0-9a-f]{8}-[0-9a-f]{1,13}$/,
        "not a body file name",
      ),
      bytes: count(body.bytes, "body.bytes"),
      crc32: matching(body.crc32, "body.crc32", /^[0-9a-f]{8}$/, "not a CRC-32"),
    },
  };
  if (top.rolledBack !== undefined) {
    if (typeof top.rolledBack !== "boolean") wrong("rolledBack", "boolean", top.rolledBack);
    out.rolledBack = top.rolledBack as boolean;
  }
  return out;
}

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
  let snapshot: SnapshotManifest;
  try {
    snapshot = manifest(data);
  } catch (err) {
    if (err instanceof ShapeProblem) return { problem: err.message };
    throw err;
  }
  const files = new Set<string>();
  for (const d of snapshot.documents) {
    if (files.has(d.file)) return { problem: `documents: ${d.file} is listed twice` };
    files.add(d.file);
  }
  return { snapshot };
}
