/**
 * @module
 * The index snapshot on disk, in two parts: a small JSON manifest at the snapshot path (format,
 * documents, and the name, size and CRC-32 of the body) and a binary body beside it holding the
 * passages and the index as typed arrays (`snapshot-body.ts`). The body is named by its checksum
 * and size and written before the manifest, each atomically (temp file, fsync, rename), so a crash
 * at any point leaves a manifest that points at a complete body; the previous manifest is kept for rollback,
 * with its body. A snapshot that is corrupt, from another format version or for other documents
 * is never trusted: the caller rebuilds.
 */
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import {
  readTableFile,
  type Section,
  TableFileError,
  TableVersionError,
  writeTables,
} from "./binary-tables.ts";
import type { SearchIndex } from "./search-index.ts";
import { BODY_KINDS, BODY_VERSION, decodeBody, encodeBody } from "./snapshot-body.ts";
import { checkSnapshot, type SnapshotManifest } from "./snapshot-schema.ts";
import type { DocumentMeta } from "./types.ts";

/** Bump when ingest rules, term processing or the file layout change: old snapshots are rebuilt. */
export const SNAPSHOT_FORMAT = 13;

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
  /** The index, its passages included (stored in the binary body). */
  index: SearchIndex;
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

const BODY_INFIX = ".body-";
const tempPath = (file: string) => `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;

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
  const bodyTemp = tempPath(file);
  let body: SnapshotManifest["body"];
  const handle = await open(bodyTemp, "w");
  try {
    const written = await writeTables(handle, BODY_VERSION, encodeBody(snapshot.index));
    await handle.sync();
    // Named by its content (checksum and size), so saving the same index again keeps the name.
    body = {
      file: `${path.basename(file)}${BODY_INFIX}${written.checksum}-${written.bytes.toString(16)}`,
      bytes: written.bytes,
      crc32: written.checksum,
    };
  } finally {
    await handle.close();
  }
  await rename(bodyTemp, path.join(dir, body.file));
  const { index: _index, ...rest } = snapshot;
  const manifest: SnapshotManifest = { ...rest, body };
  const temp = tempPath(file);
  const manifestHandle = await open(temp, "w");
  try {
    await manifestHandle.writeFile(JSON.stringify(manifest));
    await manifestHandle.sync();
  } finally {
    await manifestHandle.close();
  }
  try {
    const prevTemp = `${previousSnapshotPath(file)}.tmp-${process.pid}`;
    await copyFile(file, prevTemp);
    await rename(prevTemp, previousSnapshotPath(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await rename(temp, file);
  await removeUnusedBodies(file);
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

/** Bodies that neither the snapshot nor the previous one points at. */
async function removeUnusedBodies(file: string): Promise<void> {
  const dir = path.dirname(file);
  const used = new Set<string>();
  for (const manifest of [file, previousSnapshotPath(file)]) {
    const name = await readFile(manifest, "utf8")
      .then((text) => (JSON.parse(text) as { body?: { file?: unknown } }).body?.file)
      .catch(() => undefined);
    if (typeof name === "string") used.add(name);
  }
  const prefix = `${path.basename(file)}${BODY_INFIX}`;
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix) && !used.has(name)) await unlink(path.join(dir, name)).catch(() => {});
  }
}

/** Bytes on disk of a snapshot: manifest plus body. */
export async function snapshotBytes(file: string): Promise<number> {
  const text = await readFile(file, "utf8");
  const body = (JSON.parse(text) as { body?: { bytes?: number } }).body?.bytes ?? 0;
  return Buffer.byteLength(text) + body;
}

/**
 * Reads a snapshot. Returns `undefined` when there is none; throws {@link SnapshotError} when it is
 * unreadable, corrupt, of another format version, or of any shape but the one citebot writes
 * (manifest and body checked whole, before any of it is used).
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
  const shapeError = (problem: string) =>
    new SnapshotError(`index snapshot ${file} does not have the expected shape (${problem})`);
  const check = checkSnapshot(data);
  if (check.problem !== undefined) throw shapeError(check.problem);
  const { body, ...manifest } = check.snapshot;
  // The previous snapshot (`index.json.prev`) points at a body of `index.json`.
  if (!body.file.startsWith(`${path.basename(file).replace(/\.prev$/, "")}${BODY_INFIX}`))
    throw shapeError(`body.file: ${body.file} is not this snapshot's body`);
  const bodyPath = path.join(path.dirname(file), body.file);
  const damaged = (cause: TableFileError) =>
    cause instanceof TableVersionError
      ? new SnapshotError(
          `the index snapshot's body ${bodyPath} was written by another citebot version (${cause.message}), as after an upgrade`,
          { cause },
        )
      : new SnapshotError(`the index snapshot's body ${bodyPath} is damaged (${cause.message})`, { cause });
  const notItsBody = () =>
    new SnapshotError(`the index snapshot's body ${bodyPath} is not the one ${file} was written with`);
  let sections: Section[];
  try {
    const handle = await open(bodyPath, "r");
    try {
      if ((await handle.stat()).size !== body.bytes) throw notItsBody();
      const read = await readTableFile(handle, BODY_VERSION, BODY_KINDS);
      if (read.checksum !== body.crc32) throw notItsBody();
      sections = read.sections;
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (cause instanceof SnapshotError) throw cause;
    if (cause instanceof TableFileError) throw damaged(cause);
    throw new SnapshotError(
      `cannot read the index snapshot's body ${bodyPath}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  try {
    const { index, files } = decodeBody(sections);
    const listed = new Set(manifest.documents.map((d) => d.file));
    const unlisted = files.find((f) => !listed.has(f));
    if (unlisted !== undefined) throw shapeError(`passages: their document ${unlisted} is not listed`);
    return { ...manifest, index };
  } catch (cause) {
    if (cause instanceof SnapshotError) throw cause;
    if (!(cause instanceof TableFileError)) throw cause;
    throw damaged(cause);
  }
}
