/**
 * @module
 * A file of typed arrays and string tables, written as they are: an 8-byte magic, a format
 * version, the section count and a CRC-32 of everything after the header, then each section as
 * (element kind, element count) followed by its bytes, padded to 8. Reading is one read per
 * section straight into its typed array, so a snapshot of a million passages loads in about the
 * time it takes to read and checksum it, with no JSON (and no V8 string limit) anywhere on the way.
 *
 * Goals: no copy on write or read, every length checked against the file before use.
 * Non-goals: random access, streaming, portability to big-endian machines (the header records the
 * byte order; a file from one is refused).
 */
import type { FileHandle } from "node:fs/promises";
import { crc32 } from "node:zlib";

/** The element types a section can hold. */
const KINDS = {
  u8: Uint8Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
  f64: Float64Array,
} as const;

export type SectionKind = keyof typeof KINDS;
export type Section = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;
const KIND_NAMES = Object.keys(KINDS) as SectionKind[];

const MAGIC = Buffer.from("CITEBOT\u0000", "latin1");
/**
 * magic (8) + version (4) + byte-order mark (4) + section count (4) + reserved (4) + checksum
 * (32: a CRC-32, little-endian, then zeros). The checksum catches accidents (a torn copy, a
 * wrong file), not tampering: whoever can write the state folder can write any snapshot. It was
 * a SHA-256, which took a quarter of a 1M-passage load (0.5 s for 780 MB) where CRC-32 takes a
 * third of that.
 */
const HEADER = 56;
const CHECKSUM_AT = 24;
const BOM = 0x01020304;

const hex = (crc: number) => crc.toString(16).padStart(8, "0");

/** A file that is not a complete, untampered table file of the expected version. */
export class TableFileError extends Error {
  override name = "TableFileError";
}

/** A well-formed table file of another format version (written by an older or newer citebot). */
export class TableVersionError extends TableFileError {
  override name = "TableVersionError";
}

/** A string table as sections: UTF-16 length per string, then chunks of UTF-8 (see {@link encodeStrings}). */
export interface StringSections {
  lengths: Uint32Array;
  chunkCounts: Uint32Array;
  chunkBytes: Uint32Array;
  bytes: Uint8Array;
}

/** Reads of one section's pieces issued at once. */
const READS_IN_FLIGHT = 3;

/** Bytes per read of a section: few calls, and small enough to checksum one while others are read. */
const READ_PIECE = 1 << 25;

/**
 * Files up to this size are read in one call and their sections copied out of it: reading a
 * section's head and data one call each (a few hundred calls) was 3–5 ms of opening the bundled
 * documents' 60 kB snapshot. Larger files are read into their sections directly, uncopied.
 */
const READ_WHOLE_BELOW = 1 << 24;

/**
 * Characters per chunk decoded at once. A chunk is one string in V8, and one character past
 * U+00FF makes all of it two-byte: with 16M-character chunks, a few hundred man-page passages
 * holding a "‐" or "’" made every passage two-byte, and decoding 100k passages' text took 80–110
 * ms; 16k-character chunks keep most of them one-byte and take 40–55 ms (a 100k snapshot loads
 * 12% faster). Any chunking reads back the same, so older snapshots load unchanged.
 */
const CHUNK_CHARS = 1 << 14;

/**
 * Encodes strings as one UTF-8 blob in chunks of at most 16k characters (a longer string is a
 * chunk of its own). Lone surrogates become U+FFFD, one code unit for one, so lengths stay exact.
 *
 * @example
 * ```ts
 * decodeStrings(encodeStrings(["a", "b"])); // ["a", "b"]
 * ```
 */
export function encodeStrings(strings: readonly string[]): StringSections {
  const lengths = new Uint32Array(strings.length);
  const counts: number[] = [];
  const sizes: number[] = [];
  const buffers: Buffer[] = [];
  let start = 0;
  while (start < strings.length) {
    let end = start;
    let chars = 0;
    while (
      end < strings.length &&
      (end === start || chars + (strings[end] as string).length <= CHUNK_CHARS)
    ) {
      const s = strings[end] as string;
      lengths[end] = s.length;
      chars += s.length;
      end++;
    }
    const bytes = Buffer.from(strings.slice(start, end).join(""), "utf8");
    counts.push(end - start);
    sizes.push(bytes.length);
    buffers.push(bytes);
    start = end;
  }
  return {
    lengths,
    chunkCounts: Uint32Array.from(counts),
    chunkBytes: Uint32Array.from(sizes),
    bytes: buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers),
  };
}

const decoder = new TextDecoder("utf-8");

/** The strings of {@link encodeStrings}; throws {@link TableFileError} when the sections disagree. */
export function decodeStrings({ lengths, chunkCounts, chunkBytes, bytes }: StringSections): string[] {
  const out: string[] = new Array(lengths.length);
  let at = 0;
  let byte = 0;
  for (let c = 0; c < chunkCounts.length; c++) {
    const count = chunkCounts[c] as number;
    const size = chunkBytes[c] as number;
    if (at + count > lengths.length || byte + size > bytes.length)
      throw new TableFileError("a string table's chunks exceed it");
    const text = decoder.decode(bytes.subarray(byte, byte + size));
    let char = 0;
    for (let i = at; i < at + count; i++) {
      const length = lengths[i] as number;
      out[i] = text.slice(char, char + length);
      char += length;
    }
    if (char !== text.length) throw new TableFileError("a string table's lengths do not match its text");
    at += count;
    byte += size;
  }
  if (at !== lengths.length || byte !== bytes.length)
    throw new TableFileError("a string table's chunks do not cover it");
  return out;
}

/**
 * Writes sections to an open file: header first (with the checksum of what follows), each
 * section's bytes straight from its typed array.
 */
export async function writeTables(
  handle: FileHandle,
  version: number,
  sections: readonly Section[],
): Promise<{ checksum: string; bytes: number }> {
  const pieces: Uint8Array[] = [];
  const pad = new Uint8Array(8);
  for (const section of sections) {
    const head = Buffer.alloc(16);
    const kind = KIND_NAMES.findIndex((k) => section instanceof KINDS[k]);
    if (kind < 0) throw new TypeError("citebot: unsupported section type");
    head.writeUInt32LE(kind, 0);
    head.writeDoubleLE(section.length, 8);
    pieces.push(head, new Uint8Array(section.buffer, section.byteOffset, section.byteLength));
    if (section.byteLength % 8) pieces.push(pad.subarray(0, 8 - (section.byteLength % 8)));
  }
  let crc = 0;
  let bytes = HEADER;
  for (const piece of pieces) {
    // Node 20's crc32 answers 0, not the value it was given, for an empty view of no memory.
    if (piece.byteLength > 0) crc = crc32(piece, crc);
    bytes += piece.byteLength;
  }
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(version, 8);
  header.writeUInt32LE(BOM, 12);
  header.writeUInt32LE(sections.length, 16);
  header.writeUInt32LE(crc, CHECKSUM_AT);
  // Few, large writes: a 100k-passage snapshot is a few dozen sections.
  for (const piece of [header, ...pieces]) {
    for (let done = 0; done < piece.byteLength; ) {
      done += (await handle.write(piece, done, piece.byteLength - done)).bytesWritten;
    }
  }
  return { checksum: hex(crc), bytes };
}

/**
 * Reads a table file's sections from an open file, each into an array of its own, checking magic,
 * version, byte order, checksum, and that every section fits and has the kind `kinds` expects.
 * The checksum is checked once all is read, before any section is returned. Each section owning
 * its memory means no copy is made and what a caller drops (text decoded into strings) is freed alone; the
 * arrays are all allocated before the caller builds any object from them, while the heap is
 * small (allocating hundreds of megabytes of arrays after a million passages made V8 run full
 * collections over them, most of a 1M-passage load).
 */
export async function readTableFile(
  handle: FileHandle,
  version: number,
  kinds: readonly SectionKind[],
  readWholeBelow = READ_WHOLE_BELOW,
  readPiece = READ_PIECE,
): Promise<{ sections: Section[]; checksum: string; bytes: number }> {
  const { size } = await handle.stat();
  let crc = 0;
  let at = 0;
  let whole: Uint8Array | undefined;
  const readAt = async (target: Uint8Array, position: number) => {
    if (whole) {
      if (position + target.byteLength > whole.byteLength) throw new TableFileError("the file ended early");
      target.set(whole.subarray(position, position + target.byteLength));
      return;
    }
    for (let done = 0; done < target.byteLength; ) {
      const { bytesRead } = await handle.read(target, done, target.byteLength - done, position + done);
      if (bytesRead === 0) throw new TableFileError("the file ended early");
      done += bytesRead;
    }
  };
  const fill = async (target: Uint8Array, checksummed = true) => {
    // A few pieces in flight at once (the thread pool copies them from the page cache side by
    // side), each checksummed in order as it arrives.
    const reads: { piece: Uint8Array; read: Promise<void> }[] = [];
    let next = 0;
    const issue = () => {
      const piece = target.subarray(next, next + readPiece);
      reads.push({ piece, read: readAt(piece, at + next) });
      next += readPiece;
    };
    while (next < target.byteLength && reads.length < READS_IN_FLIGHT) issue();
    while (reads.length > 0) {
      const { piece, read } = reads.shift() as (typeof reads)[number];
      await read;
      if (next < target.byteLength) issue();
      if (piece.byteLength && checksummed) crc = crc32(piece, crc);
    }
    at += target.byteLength;
  };
  if (size < readWholeBelow) {
    const bytes = new Uint8Array(size);
    await readAt(bytes, 0);
    whole = bytes;
  }
  const header = new Uint8Array(HEADER);
  if (size < HEADER) throw new TableFileError("not a citebot table file");
  await fill(header, false);
  const view = new DataView(header.buffer);
  if (!MAGIC.equals(header.subarray(0, 8))) throw new TableFileError("not a citebot table file");
  const found = view.getUint32(8, true);
  if (found !== version)
    throw new TableVersionError(`table file version ${found}, this version reads ${version}`);
  if (view.getUint32(12, true) !== BOM)
    throw new TableFileError("table file from a machine of other byte order");
  if (view.getUint32(16, true) !== kinds.length)
    throw new TableFileError(`expected ${kinds.length} sections, found ${view.getUint32(16, true)}`);
  // First the layout, from the section heads alone: every section's kind, count and place.
  const layout: { head: Uint8Array; count: number; bytes: number; padding: number }[] = [];
  let position = at;
  for (const [i, kind] of kinds.entries()) {
    if (position + 16 > size) throw new TableFileError(`section ${i} is cut off`);
    const head = new Uint8Array(16);
    await readAt(head, position);
    const headView = new DataView(head.buffer);
    const named = KIND_NAMES[headView.getUint32(0, true)];
    const count = headView.getFloat64(8, true);
    const bytes = count * KINDS[kind].BYTES_PER_ELEMENT;
    const padding = (8 - (bytes % 8)) % 8;
    if (named !== kind || !Number.isSafeInteger(count) || count < 0 || position + 16 + bytes + padding > size)
      throw new TableFileError(`section ${i} is not ${kind} data within the file`);
    layout.push({ head, count, bytes, padding });
    position += 16 + bytes + padding;
  }
  if (position !== size) throw new TableFileError("trailing bytes after the last section");
  // Then two allocations for all sections: byte sections (string tables' text, which callers
  // decode and drop) in one, the rest in the other. Hundreds of megabytes allocated piece by piece
  // made V8 run a full collection for every few pieces, over all the heap a process already held.
  const isBytes = (kind: SectionKind) => kind === "u8";
  const total = (bytes: boolean) =>
    layout.reduce(
      (sum, l, i) => (isBytes(kinds[i] as SectionKind) === bytes ? sum + l.bytes + l.padding : sum),
      0,
    );
  const memory = { bytes: new ArrayBuffer(total(true)), wide: new ArrayBuffer(total(false)) };
  const used = { bytes: 0, wide: 0 };
  const pad = new Uint8Array(8);
  const sections: Section[] = [];
  for (const [i, kind] of kinds.entries()) {
    const { head, count, bytes, padding } = layout[i] as (typeof layout)[number];
    await fill(head);
    const which = isBytes(kind) ? "bytes" : "wide";
    const section = new KINDS[kind](memory[which], used[which], count);
    used[which] += bytes + padding;
    await fill(new Uint8Array(section.buffer, section.byteOffset, bytes));
    if (padding) await fill(pad.subarray(0, padding));
    sections.push(section);
  }
  const stored = header.subarray(CHECKSUM_AT, HEADER);
  if (view.getUint32(CHECKSUM_AT, true) !== crc || stored.subarray(4).some((b) => b !== 0))
    throw new TableFileError("checksum mismatch: the file is damaged");
  return { sections, checksum: hex(crc), bytes: size };
}
