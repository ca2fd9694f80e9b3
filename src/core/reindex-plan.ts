/**
 * @module
 * The first half of a reindex: compare the data folder with the live index and read only what
 * changed. Unchanged files (same size and time, or same bytes) keep their passages; a file that
 * broke keeps its last good version; removed files drop out.
 */
import { type DocumentError, readDocument, scanDataDir } from "./documents.ts";
import { type Passage, splitPassages } from "./passages.ts";
import type { SnapshotDocument } from "./snapshot.ts";
import type { FileError, FileWarning, ReindexProgress } from "./types.ts";

/** An indexed document and its passages. */
export interface IndexedDocument extends SnapshotDocument {
  passages: Passage[];
}

/** What the folder holds now, and how it differs from the live index. */
export interface ReindexPlan {
  next: Map<string, IndexedDocument>;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  errors: FileError[];
  /** Indexed files with something left out, unchanged ones included. */
  warnings: FileWarning[];
  /** Some unchanged files have new modification times (e.g. a fresh checkout): worth saving. */
  refreshed: boolean;
}

const toFileError = (e: DocumentError): FileError => ({ file: e.file, reason: e.message });

/** Documents read ahead of the one being split. */
const READ_AHEAD = 8;

/**
 * Scans `dataDir` against the documents of the live index.
 *
 * @example
 * ```ts
 * const plan = await planReindex("data", live.documents);
 * plan.added; // ["new-article.md"]
 * ```
 */
export async function planReindex(
  dataDir: string,
  old: ReadonlyMap<string, IndexedDocument>,
  onProgress?: ReindexProgress,
): Promise<ReindexPlan> {
  const { files, errors: scanErrors } = await scanDataDir(dataDir);
  const plan: ReindexPlan = {
    next: new Map(),
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    errors: scanErrors.map(toFileError),
    warnings: [],
    refreshed: false,
  };
  const unchanged = (entry: (typeof files)[number]) => {
    const prev = old.get(entry.file);
    return prev !== undefined && prev.size === entry.size && prev.mtimeMs === entry.mtimeMs;
  };
  // Reading ahead while the current document is split: one file at a time left the process
  // idle on the disk for a fifth of a cold start. Results are still taken in order.
  const reads = new Map<number, ReturnType<typeof readDocument>>();
  const readAhead = (from: number) => {
    for (let j = from; j < Math.min(files.length, from + READ_AHEAD); j++) {
      const entry = files[j] as (typeof files)[number];
      if (reads.has(j) || unchanged(entry)) continue;
      const read = readDocument(dataDir, entry);
      // Handled where it is awaited, in order; this only keeps an early failure from being unhandled.
      read.catch(() => {});
      reads.set(j, read);
    }
  };
  for (const [i, entry] of files.entries()) {
    onProgress?.(i, files.length, entry.file);
    const prev = old.get(entry.file);
    if (prev && unchanged(entry)) {
      plan.next.set(entry.file, prev);
      plan.unchanged++;
      continue;
    }
    readAhead(i);
    const read = reads.get(i) as ReturnType<typeof readDocument>;
    reads.delete(i);
    try {
      const doc = await read;
      if (prev && prev.hash === doc.hash) {
        plan.next.set(entry.file, { ...prev, mtimeMs: doc.mtimeMs });
        plan.unchanged++;
        plan.refreshed = true;
        continue;
      }
      const passages = splitPassages(doc.file, doc.body, doc.meta);
      if (passages.length === 0) throw new Error("no paragraph of text left after removing page furniture");
      const { body: _body, ...stored } = doc;
      plan.next.set(entry.file, { ...stored, passages });
      (prev ? plan.changed : plan.added).push(entry.file);
    } catch (err) {
      const reason = (err as Error).message;
      // A broken edit of a good document keeps the last good version answering.
      if (prev) plan.next.set(entry.file, prev);
      plan.errors.push({
        file: entry.file,
        reason: prev ? `${reason} (the previous version is still indexed)` : reason,
      });
    }
  }
  onProgress?.(files.length, files.length, "");
  plan.removed = [...old.keys()].filter((file) => !plan.next.has(file));
  for (const doc of plan.next.values()) {
    for (const message of doc.warnings ?? []) plan.warnings.push({ file: doc.file, message });
  }
  return plan;
}
