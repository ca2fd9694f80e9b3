import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileTooLargeError, isInside, readAtMost } from "../../src/core/data-folder.ts";
import { tempDir } from "../temp-dir.ts";

describe("readAtMost", () => {
  it("reads a file up to the limit whole and refuses one byte more", async () => {
    const dir = await tempDir("citebot-read-");
    await writeFile(path.join(dir, "fits.md"), "x".repeat(100));
    await writeFile(path.join(dir, "over.md"), "x".repeat(101));
    expect((await readAtMost(path.join(dir, "fits.md"), 100)).toString()).toBe("x".repeat(100));
    await expect(readAtMost(path.join(dir, "over.md"), 100)).rejects.toThrow(FileTooLargeError);
  });
});

describe("isInside", () => {
  it("accepts the folder and what lies below it, nothing beside or above", () => {
    expect(isInside("/srv/data", "/srv/data")).toBe(true);
    expect(isInside("/srv/data", "/srv/data/a/..b.md")).toBe(true);
    expect(isInside("/srv/data", "/srv/data-private/a.md")).toBe(false);
    expect(isInside("/srv/data", "/etc/passwd")).toBe(false);
    expect(isInside("/", "/etc/passwd")).toBe(true);
  });
});
