/**
 * @module
 * How much a zip (a DOCX) really unpacks to, found by unpacking it under a byte budget. The sizes
 * a zip declares are written by whoever made it, so a zip bomb (kilobytes that inflate to
 * gigabytes) can declare anything; only inflating with a hard output limit proves the size
 * without ever holding more than the budget in memory.
 */
import { inflateRawSync } from "node:zlib";
import { FormatError } from "./format-error.ts";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Unpacks every entry of a zip, counting bytes, and throws once the total passes `maxBytes`.
 * Returns the total when it fits.
 *
 * @throws {FormatError} for a zip over the budget, a zip64 or an unreadable zip.
 * @example
 * ```ts
 * checkUnpackedSize(docxBytes, 50 * 1024 * 1024); // 183_204
 * ```
 */
export function checkUnpackedSize(bytes: Uint8Array, maxBytes: number): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(view);
  const entries = view.readUInt16LE(eocd + 10);
  let offset = view.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > view.length || view.readUInt32LE(offset) !== CENTRAL)
      throw damaged("its file list is cut short");
    const method = view.readUInt16LE(offset + 10);
    const compressed = view.readUInt32LE(offset + 20);
    const local = view.readUInt32LE(offset + 42);
    const next =
      offset +
      46 +
      view.readUInt16LE(offset + 28) +
      view.readUInt16LE(offset + 30) +
      view.readUInt16LE(offset + 32);
    if (compressed === 0xffffffff || local === 0xffffffff) throw tooLarge(maxBytes);
    if (local + 30 > view.length || view.readUInt32LE(local) !== LOCAL) throw damaged("an entry is missing");
    const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    const data = view.subarray(start, start + compressed);
    const room = maxBytes - total;
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(room + 1, 1) }).length;
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
        throw damaged(`an entry does not unpack (${(cause as Error).message})`, cause);
      }
    } else throw damaged(`an entry uses compression method ${method}, which Word does not write`);
    if (total > maxBytes) throw tooLarge(maxBytes);
    offset = next;
  }
  return total;
}

function findEndOfDirectory(view: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  for (let i = view.length - 22; i >= Math.max(0, view.length - 65557); i--) {
    if (view.readUInt32LE(i) === EOCD) return i;
  }
  throw damaged("it is not a zip archive");
}

const damaged = (reason: string, cause?: unknown) =>
  new FormatError(`the Word file is damaged: ${reason}; save it again from Word and add the new copy`, {
    cause,
  });

const tooLarge = (maxBytes: number) =>
  new FormatError(
    `the Word file unpacks to more than ${Math.round(maxBytes / 1048576)} MB (a zip bomb, or mostly images); save the text as a smaller .docx or as .md`,
  );
