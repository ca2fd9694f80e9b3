/**
 * @module
 * Sentence and word vectors on disk beside the snapshot (`index.json.vectors`): binary, so 100k passages
 * cost megabytes rather than a JSON string V8 cannot hold, written atomically like the snapshot.
 * Layout: "CBV1", a uint32 header length, a JSON header {model, dims, rows, keys}, then per-row
 * float32 scales and the int8 rows. Anything that does not add up is ignored (vectors are
 * recomputed), never trusted.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import type { VectorRows } from "./vectors.ts";

const MAGIC = "CBV1";

/** Path of the vector file for a snapshot. */
export const vectorPath = (snapshotPath: string) => `${snapshotPath}.vectors`;

/**
 * Saves vectors atomically (temp file, fsync, rename).
 *
 * @example
 * ```ts
 * await saveVectors("state/index.json.vectors", vectors);
 * ```
 */
export async function saveVectors(file: string, vectors: VectorRows): Promise<void> {
  const rows = vectors.scale.length;
  const header = Buffer.from(
    JSON.stringify({ model: vectors.model, dims: vectors.dims, rows, keys: vectors.keys }),
  );
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(header.length, 4);
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const handle = await open(temp, "w");
  try {
    for (const part of [
      head,
      header,
      Buffer.from(vectors.scale.buffer, vectors.scale.byteOffset, vectors.scale.byteLength),
      Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength),
    ])
      await handle.write(part);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file).catch(async (err) => {
    await unlink(temp).catch(() => {});
    throw err;
  });
}

/**
 * Loads vectors saved by {@link saveVectors}; `undefined` when the file is missing, damaged, or for
 * another model. Row positions are resolved later, by sentence key, against the live passages.
 */
export async function loadVectors(file: string, model: string): Promise<VectorRows | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    if (bytes.length < 8 || bytes.toString("latin1", 0, 4) !== MAGIC) return undefined;
    const length = bytes.readUInt32LE(4);
    if (8 + length > bytes.length) return undefined;
    const header = JSON.parse(bytes.toString("utf8", 8, 8 + length)) as {
      model?: unknown;
      dims?: unknown;
      rows?: unknown;
      keys?: unknown;
    };
    const { dims, rows, keys } = header;
    if (header.model !== model || !Number.isInteger(dims) || !Number.isInteger(rows) || !Array.isArray(keys))
      return undefined;
    const d = dims as number;
    const r = rows as number;
    if (d <= 0 || r < 0 || keys.length !== r || !keys.every((k) => typeof k === "string")) return undefined;
    const start = 8 + length;
    if (bytes.length !== start + r * 4 + r * d) return undefined;
    // Copy: the file buffer's offset need not be aligned for a Float32Array view.
    const scale = new Float32Array(r);
    Buffer.from(scale.buffer).set(bytes.subarray(start, start + r * 4));
    const data = new Int8Array(r * d);
    Buffer.from(data.buffer).set(bytes.subarray(start + r * 4));
    return { model, dims: d, keys: keys as string[], data, scale };
  } catch {
    return undefined;
  }
}
