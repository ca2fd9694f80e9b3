import { describe, expect, it } from "vitest";
import { sniffFormat } from "../../../src/core/formats/sniff.ts";
import { makeDocx, makePdf } from "./fixtures.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("sniffFormat", () => {
  it("tells each format from its bytes, whatever the file is called", async () => {
    expect(sniffFormat(await makePdf([["A line of text."]]))).toBe("pdf");
    expect(sniffFormat(makeDocx([["", "A paragraph."]]))).toBe("docx");
    expect(sniffFormat(utf8('<?xml version="1.0"?>\n<html><body><p>Hi</p></body></html>'))).toBe("html");
    expect(sniffFormat(utf8("<!-- saved -->\n<!DOCTYPE html><p>Hi</p>"))).toBe("html");
    expect(sniffFormat(utf8("# Notes\n\nThe river rose."))).toBe("text");
  });

  it("calls a zip that is not a Word file nothing citebot reads", () => {
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeUndefined();
  });
});
