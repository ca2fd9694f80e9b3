/**
 * @module
 * The first half of a reindex: compare the data folder with the live index and read only what
 * changed. Unchanged files (same size and time, or same bytes) keep their passages; a file that
 * broke keeps its last good version; removed files drop out.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { DOCUMENT_EXTENSIONS, type DocumentError, isSkippedName, scanDataDir } from "./documents.ts";
import type { Passage } from "./passages.ts";
import type { SnapshotDocument } from "./snapshot.ts";
import { readAndSplit, type SplitDocument, splitDocuments } from "./split-documents.ts";
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

/**
 * Scans `dataDir` against the documents of the live index. `onWorkerError`: a thread splitting
 * documents failed, and the main thread took over its files.
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
  onWorkerError?: (error: Error) => void,
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
  // Every file to read is handed out at once (to worker threads when there are many); results
  // are still taken in the folder's order.
  const toRead = files.filter((entry) => !unchanged(entry));
  const splits = splitDocuments(
    dataDir,
    toRead.map((entry) => ({ entry, sameAs: old.get(entry.file)?.hash })),
    { onWorkerError },
  );
  let next = 0;
  for (const [i, entry] of files.entries()) {
    onProgress?.(i, files.length, entry.file);
    const prev = old.get(entry.file);
    if (prev && unchanged(entry)) {
      plan.next.set(entry.file, prev);
      plan.unchanged++;
      continue;
    }
    await planRead(plan, prev, entry.file, splits[next++] as Promise<SplitDocument>);
  }
  onProgress?.(files.length, files.length, "");
  plan.removed = [...old.keys()].filter((file) => !plan.next.has(file));
  return withWarnings(plan);
}

/**
 * Plans a change of only the listed files (relative to `dataDir`): each is read as it is on disk
 * now, added or changed if it is a document, dropped if it is gone; every other document keeps its
 * passages without being looked at. A file whose size and time match the live index is unchanged
 * unread: that is how a watcher's echo of a change the library itself indexed costs nothing.
 *
 * @example
 * ```ts
 * const plan = await planFiles("data", live.documents, ["faq.md"]);
 * plan.added; // ["faq.md"] when it is new
 * ```
 */
export async function planFiles(
  dataDir: string,
  old: ReadonlyMap<string, IndexedDocument>,
  files: readonly string[],
): Promise<ReindexPlan> {
  const plan: ReindexPlan = {
    next: new Map(old),
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    errors: [],
    warnings: [],
    refreshed: false,
  };
  for (const file of new Set(files)) {
    const prev = old.get(file);
    const info = await stat(path.join(dataDir, file)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") return undefined;
      throw err;
    });
    if (!info?.isFile()) {
      if (prev) {
        plan.next.delete(file);
        plan.removed.push(file);
      }
      continue;
    }
    // What a scan would skip is skipped here too: hidden files, temp files, other extensions.
    const skipped = file.split("/").some(isSkippedName);
    if (skipped || !DOCUMENT_EXTENSIONS.includes(path.extname(file).toLowerCase())) continue;
    const entry = { file, size: info.size, mtimeMs: info.mtimeMs };
    if (prev && prev.size === entry.size && prev.mtimeMs === entry.mtimeMs) continue;
    await planRead(plan, prev, file, readAndSplit(dataDir, { entry, sameAs: prev?.hash }));
  }
  plan.unchanged = plan.next.size - plan.added.length - plan.changed.length;
  return withWarnings(plan);
}

/** Takes one read document into the plan: its new passages, or its last good version when it broke. */
async function planRead(
  plan: ReindexPlan,
  prev: IndexedDocument | undefined,
  file: string,
  split: Promise<SplitDocument>,
): Promise<void> {
  try {
    const { doc, passages } = await split;
    if (prev && !passages) {
      plan.next.set(file, { ...prev, mtimeMs: doc.mtimeMs, size: doc.size });
      plan.unchanged++;
      plan.refreshed = true;
      return;
    }
    plan.next.set(file, { ...doc, passages: passages ?? [] });
    (prev ? plan.changed : plan.added).push(file);
  } catch (err) {
    const reason = (err as Error).message;
    // A broken edit of a good document keeps the last good version answering.
    if (prev) plan.next.set(file, prev);
    plan.errors.push({ file, reason: prev ? `${reason} (the previous version is still indexed)` : reason });
  }
}

function withWarnings(plan: ReindexPlan): ReindexPlan {
  for (const doc of plan.next.values()) {
    for (const message of doc.warnings ?? []) plan.warnings.push({ file: doc.file, message });
  }
  return plan;
}
