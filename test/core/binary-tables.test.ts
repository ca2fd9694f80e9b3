import { describe, expect, it } from "vitest";
import { decodeStrings, encodeStrings, TableFileError } from "../../src/core/binary-tables.ts";

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
