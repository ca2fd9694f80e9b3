import { open, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeStrings,
  encodeStrings,
  readTableFile,
  type Section,
  type SectionKind,
  TableFileError,
  writeTables,
} from "../../src/core/binary-tables.ts";
import { tempDir } from "../temp-dir.ts";

// Passages as a snapshot holds them: mostly ASCII, some with curly quotes, dashes or Devanagari.
const passages = Array.from({ length: 3000 }, (_, i) =>
  i % 97 === 0 ? `व्हाट्सएप ${i} का डेटा’s “quoted” ‐ text` : `passage ${i} ${"word ".repeat(i % 13)}`,
);

describe("string tables", () => {
  it("reads back every string across many chunks, a string longer than a chunk, and empty ones", () => {
    const strings = [...passages, "x".repeat(40_000), "", "tail ’ end", ""];
    const table = encodeStrings(strings);
    expect(table.chunkCounts.length).toBeGreaterThan(3);
    expect(decodeStrings(table)).toEqual(strings);
  });

  it("keeps lengths exact when a string holds a lone surrogate (it reads back as U+FFFD)", () => {
    const decoded = decodeStrings(encodeStrings(["a\uD800b", "ok"]));
    expect(decoded).toEqual(["a\uFFFDb", "ok"]);
  });

  it("reads a table written as one chunk, as snapshots before smaller chunks were", () => {
    const bytes = Buffer.from(passages.join(""), "utf8");
    const table = {
      lengths: Uint32Array.from(passages.map((p) => p.length)),
      chunkCounts: Uint32Array.of(passages.length),
      chunkBytes: Uint32Array.of(bytes.length),
      bytes,
    };
    expect(decodeStrings(table)).toEqual(passages);
  });

  it("refuses a table whose lengths do not match its text", () => {
    const table = encodeStrings(["abc", "def"]);
    table.lengths[1] = 4;
    expect(() => decodeStrings(table)).toThrow(TableFileError);
  });
});

describe("table files", () => {
  const sections: Section[] = [
    Uint32Array.from({ length: 5000 }, (_, i) => i * 7),
    new Uint8Array(0),
    Buffer.from("text of a few passages, ’quoted’ and व्हाट्सएप"),
    Float64Array.of(1.5, 2.25),
  ];
  const kinds: SectionKind[] = ["u32", "u8", "u8", "f64"];
  const write = async (file: string) => {
    const handle = await open(file, "w");
    try {
      return await writeTables(handle, 7, sections);
    } finally {
      await handle.close();
    }
  };
  const read = async (file: string, readWholeBelow?: number, readPiece?: number) => {
    const handle = await open(file, "r");
    try {
      return await readTableFile(handle, 7, kinds, readWholeBelow, readPiece);
    } finally {
      await handle.close();
    }
  };

  it("reads back every section, whole or in many small pieces at once, with its checksum", async () => {
    const file = path.join(await tempDir("citebot-tables-"), "t.bin");
    const written = await write(file);
    for (const [whole, piece] of [
      [undefined, undefined],
      [0, 64],
      [0, 1],
    ] as const) {
      const got = await read(file, whole, piece);
      expect(got.checksum).toBe(written.checksum);
      expect(got.sections.map((x) => Array.from(x))).toEqual(sections.map((x) => Array.from(x)));
    }
  });

  it("refuses a file with one byte of its data changed, read whole or in pieces", async () => {
    const file = path.join(await tempDir("citebot-tables-"), "t.bin");
    await write(file);
    const bytes = await readFile(file);
    for (const at of [56 + 16 + 10, bytes.length >> 1, bytes.length - 9]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      await writeFile(file, damaged);
      await expect(read(file)).rejects.toThrow(/checksum mismatch/);
      await expect(read(file, 0, 64)).rejects.toThrow(/checksum mismatch/);
    }
  });
});
