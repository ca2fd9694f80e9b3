/**
 * @module
 * Finds and reads the documents in `DATA_DIR`: Markdown or plain text with optional front matter,
 * and PDF, Word and HTML files, converted to Markdown first (see `formats/convert.ts`).
 * Every problem with one file becomes a {@link DocumentError} naming the file and the fix; it never
 * stops the other files from being read.
 */
import { createHash } from "node:crypto";
import { type Dirent, statSync } from "node:fs";
import { readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { FileTooLargeError, isInside, readAtMost } from "./data-folder.ts";
import { decodeText } from "./encoding.ts";
import { convertDocument } from "./formats/convert.ts";
import { FORMAT_OF_EXTENSION } from "./formats/sniff.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { detectLanguage } from "./language.ts";
import { normalizeText } from "./text.ts";
import type { DocumentMeta } from "./types.ts";

/** File extensions that are indexed: every one a format is known for. */
export const DOCUMENT_EXTENSIONS: readonly string[] = Object.keys(FORMAT_OF_EXTENSION);

/** Names a scan of DATA_DIR passes over: hidden files and folders, and citebot's own temp files. */
export const isSkippedName = (name: string) => name.startsWith(".") || name.includes(".tmp-");

/** Files larger than this are skipped: a document this size is almost certainly a mistake. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Entries of a folder looked up between two turns of the event loop while scanning. Each is a
 * synchronous `stat` (a few microseconds from the cache): through the thread pool, 64 at a time,
 * a folder of 56k files took 0.84–1.08 s to scan, with `statSync` 0.3–0.4 s; a batch this size
 * keeps the event loop free every few milliseconds, so a live reindex never stalls answers.
 */
const LOOKUP_BATCH = 256;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * File names in the order of their UTF-16 code units: the same on every machine. `localeCompare`
 * followed the machine's language (a Swedish one puts "ö" after "z"), and starting its collator
 * was 8 ms of every one-shot `npm run ask`.
 */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A document file found on disk, before it is read. */
export interface DocumentFile {
  /** Relative to the data folder, forward slashes. */
  file: string;
  size: number;
  mtimeMs: number;
}

/** A document read, validated and normalised. */
export interface LoadedDocument {
  file: string;
  size: number;
  mtimeMs: number;
  /** SHA-256 of the raw bytes: what decides whether a file changed. */
  hash: string;
  meta: DocumentMeta;
  /** Normalised body text, front matter removed. */
  body: string;
  /** Front matter that was dropped, and why; absent when there is none. */
  warnings?: string[];
}

/** One file that cannot be indexed, with a reason a moderator can act on. */
export class DocumentError extends Error {
  override name = "DocumentError";
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Lists the document files under `dataDir`, recursively, skipping hidden files and folders.
 * Files with other extensions are returned as errors so a moderator learns why they are ignored.
 * Symlinks are followed only while they stay inside the data folder; one leading out is reported
 * and skipped, and a folder reached twice (a link loop) is walked once.
 *
 * @example
 * ```ts
 * const { files, errors } = await scanDataDir("./data");
 * ```
 */
export async function scanDataDir(
  dataDir: string,
): Promise<{ files: DocumentFile[]; errors: DocumentError[] }> {
  const files: DocumentFile[] = [];
  const errors: DocumentError[] = [];
  let root: string;
  try {
    root = await realpath(dataDir);
  } catch (cause) {
    throw dataDirError(dataDir, cause);
  }
  const walked = new Set<string>([root]);
  // `realDir` is `dir` with links resolved: only a link needs a `realpath` call of its own.
  // `relDir` is `dir` relative to the data folder, "/"-separated ("" at the top): building it
  // as the walk descends spares a `path.relative` per file.
  const walk = async (dir: string, realDir: string, relDir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => !isSkippedName(entry.name))
      .sort((a, b) => byCodeUnits(a.name, b.name));
    for (let from = 0; from < entries.length; from += LOOKUP_BATCH) {
      if (from > 0) await nextTurn();
      const batch = entries.slice(from, from + LOOKUP_BATCH);
      const looked = await Promise.all(batch.map((entry) => lookUp(entry, dir, realDir)));
      for (const [i, entry] of batch.entries()) {
        const abs = path.join(dir, entry.name);
        const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
        const found = looked[i] as Awaited<ReturnType<typeof lookUp>>;
        if ("cause" in found) {
          errors.push(unreadable(rel, entry, found.cause));
          continue;
        }
        const { real, info } = found;
        if (!info) {
          errors.push(new DocumentError(rel, "symlink to outside the data folder, skipped"));
          continue;
        }
        if (info.isDirectory()) {
          // A link back up the tree (or a second link to one folder) is walked once, not forever.
          if (walked.has(real)) continue;
          walked.add(real);
          await walk(abs, real, rel).catch((cause) => errors.push(unreadable(rel, entry, cause)));
          continue;
        }
        const ext = path.extname(entry.name).toLowerCase();
        if (!DOCUMENT_EXTENSIONS.includes(ext)) {
          errors.push(
            new DocumentError(
              rel,
              `unsupported file type "${ext || "none"}": only .md, .txt, .pdf, .docx and .html are indexed`,
            ),
          );
        } else if (info.isFile()) files.push({ file: rel, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  /** An entry's real path and what it is; no `info` when a link leads out of the data folder. */
  const lookUp = async (entry: Dirent, dir: string, realDir: string) => {
    try {
      const real = entry.isSymbolicLink()
        ? await realpath(path.join(dir, entry.name))
        : path.join(realDir, entry.name);
      if (!isInside(root, real)) return { real, info: undefined };
      return { real, info: statSync(real) };
    } catch (cause) {
      return { cause };
    }
  };
  try {
    await walk(dataDir, root, "");
  } catch (cause) {
    throw dataDirError(dataDir, cause);
  }
  return { files, errors };
}

/** Why an entry of the data folder could not be looked at or walked. */
function unreadable(rel: string, entry: Dirent, cause: unknown): DocumentError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = !entry.isSymbolicLink()
    ? `cannot read ${entry.isDirectory() ? "folder" : "file"}: ${(cause as Error).message}`
    : code === "ELOOP"
      ? "symlink loop, skipped: point the link at a document"
      : "broken symlink: its target does not exist; remove it or point it at a document";
  return new DocumentError(rel, reason, { cause });
}

const dataDirError = (dataDir: string, cause: unknown) =>
  new DocumentError(
    ".",
    `citebot: cannot read the data folder ${dataDir}: ${(cause as Error).message}. Set DATA_DIR to a folder of documents (.md, .txt, .pdf, .docx, .html).`,
    { cause },
  );

/** Hashes raw bytes the way {@link LoadedDocument.hash} does. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads, validates and normalises one document. Throws {@link DocumentError} for an unreadable,
 * binary, empty, non-UTF-8/16 or oversized file, a link out of the data folder, or front matter
 * that is not YAML. An oversized file is refused before it is read, and at most one byte past the
 * limit is ever read. `realRoot`, the data folder's real path, is looked up once by a caller
 * reading many files.
 */
export async function readDocument(
  dataDir: string,
  entry: DocumentFile,
  { realRoot }: { realRoot?: Promise<string> } = {},
): Promise<LoadedDocument> {
  const { file } = entry;
  let bytes: Buffer;
  try {
    // Checked again here, not only when scanning: the file may have become a link since.
    const real = await realpath(path.join(dataDir, file));
    if (!isInside(await (realRoot ?? realpath(dataDir)), real))
      throw new DocumentError(file, "symlink to outside the data folder, skipped");
    bytes = await readAtMost(real, MAX_DOCUMENT_BYTES);
  } catch (cause) {
    if (cause instanceof DocumentError) throw cause;
    if (cause instanceof FileTooLargeError) throw tooLarge(file, cause.size);
    throw new DocumentError(file, `cannot read file: ${(cause as Error).message}; check its permissions`, {
      cause,
    });
  }
  let converted: string | undefined;
  try {
    converted = await convertDocument(path.extname(file), bytes);
  } catch (cause) {
    throw new DocumentError(file, (cause as Error).message, { cause });
  }
  return parseDocument(file, bytes, entry, converted);
}

const tooLarge = (file: string, size: number) =>
  new DocumentError(file, `file is ${(size / 1048576).toFixed(1)} MB; the limit is 10 MB, split it`);

/**
 * Validates and parses document bytes; the pure half of {@link readDocument}. `converted` is the
 * Markdown a PDF, DOCX or HTML file was turned into; the hash stays that of the original bytes.
 */
export function parseDocument(
  file: string,
  bytes: Uint8Array,
  stats: { size?: number; mtimeMs?: number } = {},
  converted?: string,
): LoadedDocument {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge(file, bytes.byteLength);
  let text: string;
  try {
    text = converted ?? decodeText(bytes);
  } catch (cause) {
    throw new DocumentError(file, (cause as Error).message, { cause });
  }
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    parsed = parseFrontMatter(text.replace(/^\uFEFF/, ""));
  } catch (cause) {
    throw new DocumentError(file, (cause as Error).message, { cause });
  }
  const body = normalizeText(parsed.content).trim();
  if (!/[\p{L}\p{N}]/u.test(body)) throw new DocumentError(file, "empty document: it has no text to index");
  const warnings: string[] = [];
  const doc: LoadedDocument = {
    file,
    size: stats.size ?? bytes.byteLength,
    mtimeMs: stats.mtimeMs ?? 0,
    hash: hashBytes(bytes),
    meta: readMeta(file, parsed.data, body, warnings),
    body,
  };
  if (warnings.length) doc.warnings = warnings;
  return doc;
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? normalizeText(v).replace(/\n/g, " ").trim() : undefined;

function isoDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined;
}

/**
 * Whether a source link may be shown: only `http:` and `https:`. A `javascript:` or `data:` URL
 * in a document's front matter would otherwise reach every adapter's "open source" button.
 */
export function isWebLink(url: string): boolean {
  return URL.canParse(url) && ["http:", "https:"].includes(new URL(url).protocol);
}

/**
 * Front matter → {@link DocumentMeta}; only what the document states, except a title fallback.
 * What it drops for safety goes to `warnings`.
 */
function readMeta(
  file: string,
  data: Record<string, unknown>,
  body: string,
  warnings: string[],
): DocumentMeta {
  const url = str(data.url);
  // The body's first heading, then the file name: looked for only without a title of its own.
  const untitled = () => {
    const heading = body.match(/^#{1,2}\s+(.+)$/m)?.[1];
    const fromName = path.basename(file, path.extname(file)).replace(/[-_]+/g, " ").trim();
    return str(heading) ?? fromName.charAt(0).toUpperCase() + fromName.slice(1);
  };
  const meta: DocumentMeta = {
    title: str(data.title) ?? untitled(),
    language: str(data.language)?.toLowerCase() ?? detectLanguage(body) ?? "und",
  };
  const publisher = str(data.publisher);
  const date = isoDate(data.date);
  if (publisher) meta.publisher = publisher;
  if (date) meta.date = date;
  if (url && isWebLink(url)) meta.url = url;
  else if (url && URL.canParse(url)) {
    warnings.push(`url dropped: only http and https links are kept, not "${new URL(url).protocol}"`);
  } else if (url) warnings.push("url dropped: it is not a valid link; write it as https://…");
  return meta;
}
