/**
 * @module
 * The index snapshot on disk: one JSON file, written atomically (temp file, fsync, rename) with
 * the previous one kept beside it for rollback. A snapshot that is corrupt, from another format
 * version or for other documents is never trusted: the caller rebuilds.
 */
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import type { Passage } from "./passages.ts";
import type { SerializedIndex } from "./search-index.ts";
import { checkSnapshot } from "./snapshot-schema.ts";
import type { DocumentMeta } from "./types.ts";

/** Bump when ingest rules, term processing or the file layout change: old snapshots are rebuilt. */
export const SNAPSHOT_FORMAT = 4;

/** What the snapshot remembers about each document, to tell whether it changed. */
export interface SnapshotDocument {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string;
  meta: DocumentMeta;
  /** What reading it left out; kept so that every reindex reports it, not only the first. */
  warnings?: string[];
}

export interface Snapshot {
  format: number;
  createdAt: string;
  documents: SnapshotDocument[];
  passages: Passage[];
  index: SerializedIndex;
  /**
   * Set by a rollback: the index deliberately differs from the files, so startup keeps it
   * instead of reindexing. The next reindex clears it.
   */
  rolledBack?: boolean;
}

/** A snapshot file that cannot be used; the message says why. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

/** Path of the previous snapshot, kept for rollback. */
export const previousSnapshotPath = (file: string) => `${file}.prev`;

/**
 * Writes a snapshot atomically; the one it replaces becomes the `.prev` snapshot. A crash at any
 * point leaves a complete snapshot at `file` (old or new), never a torn one.
 *
 * @example
 * ```ts
 * await saveSnapshot("state/index.json", snapshot);
 * ```
 */
export async function saveSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(file);
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(JSON.stringify(snapshot));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    const prevTemp = `${previousSnapshotPath(file)}.tmp-${process.pid}`;
    await copyFile(file, prevTemp);
    await rename(prevTemp, previousSnapshotPath(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await rename(temp, file);
}

/** Temp files left by a crash between write and rename. */
async function removeStaleTemps(file: string): Promise<void> {
  const base = path.basename(file);
  const dir = path.dirname(file);
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${base}.tmp-`) || name.startsWith(`${base}.prev.tmp-`)) {
      await unlink(path.join(dir, name)).catch(() => {});
    }
  }
}

/**
 * Reads a snapshot. Returns `undefined` when there is none; throws {@link SnapshotError} when it is
 * unreadable, corrupt, of another format version, or of any shape but the one citebot writes
 * (checked whole, before any of it is used).
 */
export async function loadSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SnapshotError(`cannot read index snapshot ${file}: ${(err as Error).message}`, { cause: err });
  }
  let data: { format?: unknown };
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new SnapshotError(`index snapshot ${file} is corrupt (${(cause as Error).message})`, { cause });
  }
  if (data?.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(
      `index snapshot ${file} has format ${String(data?.format)}, this version reads ${SNAPSHOT_FORMAT}`,
    );
  }
  const check = checkSnapshot(data);
  if (check.problem !== undefined) {
    throw new SnapshotError(`index snapshot ${file} does not have the expected shape (${check.problem})`);
  }
  return check.snapshot;
}
