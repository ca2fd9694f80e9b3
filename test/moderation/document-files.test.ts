import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { locateDocument, UploadError, unlinkDocument, writeDocument } from "../../src/moderation/upload.ts";

/** What `/remove` does with a name: find the document, then delete it. */
async function removeDocument(dataDir: string, name: string): Promise<{ file: string }> {
  const found = await locateDocument(dataDir, name);
  await unlinkDocument(dataDir, found.file);
  return found;
}

let dir: string;
let dataDir: string;
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-docs-"));
  dataDir = path.join(dir, "data");
  fs.mkdirSync(path.join(dataDir, "news"), { recursive: true });
  fs.writeFileSync(path.join(dataDir, "news", "whatsapp.md"), "# WhatsApp\n");
  fs.writeFileSync(path.join(dir, "outside.md"), "not a document\n");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const listing = () => fs.readdirSync(dataDir, { recursive: true }).map(String).sort();

describe("writeDocument", () => {
  it("writes the file and leaves no temp file behind", async () => {
    const result = await writeDocument(dataDir, "faq.md", utf8("# FAQ\n"));
    expect(result).toEqual({ file: "faq.md", replaced: false });
    expect(fs.readFileSync(path.join(dataDir, "faq.md"), "utf8")).toBe("# FAQ\n");
    expect(listing()).toEqual(["faq.md", "news", "news/whatsapp.md"]);
  });

  it("never replaces an existing document silently, and says how to replace it", async () => {
    await writeDocument(dataDir, "faq.md", utf8("first\n"));
    const err = await writeDocument(dataDir, "faq.md", utf8("second\n")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).code).toBe("exists");
    expect((err as UploadError).message).toMatch(
      /"faq.md" already exists\. Remove it first.*overwrite option/,
    );
    expect(fs.readFileSync(path.join(dataDir, "faq.md"), "utf8")).toBe("first\n");
    expect(listing()).toEqual(["faq.md", "news", "news/whatsapp.md"]);
  });

  it("replaces with overwrite and says so", async () => {
    await writeDocument(dataDir, "faq.md", utf8("first\n"));
    expect(await writeDocument(dataDir, "faq.md", utf8("second\n"), { overwrite: true })).toEqual({
      file: "faq.md",
      replaced: true,
    });
    expect(fs.readFileSync(path.join(dataDir, "faq.md"), "utf8")).toBe("second\n");
  });

  it("refuses a name that did not come from validateUpload", async () => {
    await expect(writeDocument(dataDir, "../escape.md", utf8("x"))).rejects.toMatchObject({ code: "name" });
    await expect(writeDocument(dataDir, "Not Safe.md", utf8("x"))).rejects.toMatchObject({ code: "name" });
    expect(fs.existsSync(path.join(dir, "escape.md"))).toBe(false);
  });

  it("lets exactly one of two simultaneous uploads of the same name win", async () => {
    const results = await Promise.allSettled([
      writeDocument(dataDir, "race.md", utf8("a\n")),
      writeDocument(dataDir, "race.md", utf8("b\n")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });
});

describe("removeDocument", () => {
  it("removes by bare file name found in a subfolder, or by relative path", async () => {
    expect(await removeDocument(dataDir, "whatsapp.md")).toEqual({ file: "news/whatsapp.md" });
    fs.writeFileSync(path.join(dataDir, "news", "meta.md"), "# Meta\n");
    expect(await removeDocument(dataDir, "news/meta.md")).toEqual({ file: "news/meta.md" });
    expect(listing()).toEqual(["news"]);
  });

  it("says when the document is missing", async () => {
    await expect(removeDocument(dataDir, "nope.md")).rejects.toMatchObject({
      code: "missing",
      message: expect.stringContaining("/sources lists the files"),
    });
  });

  it("asks for the path when the name is ambiguous", async () => {
    fs.mkdirSync(path.join(dataDir, "old"));
    fs.writeFileSync(path.join(dataDir, "old", "whatsapp.md"), "old\n");
    const err = await removeDocument(dataDir, "whatsapp.md").catch((e: unknown) => e);
    expect((err as UploadError).code).toBe("ambiguous");
    expect((err as UploadError).message).toMatch(/matches 2 documents: .*news\/whatsapp\.md.*Give the path/);
    expect(listing()).toContain("old/whatsapp.md");
  });

  it("refuses paths outside DATA_DIR, including through a symlinked folder", async () => {
    await expect(removeDocument(dataDir, "../outside.md")).rejects.toMatchObject({ code: "outside" });
    await expect(removeDocument(dataDir, path.join(dir, "outside.md"))).rejects.toMatchObject({
      code: "outside",
    });
    fs.symlinkSync(dir, path.join(dataDir, "link"));
    await expect(removeDocument(dataDir, "link/outside.md")).rejects.toMatchObject({ code: "outside" });
    expect(fs.existsSync(path.join(dir, "outside.md"))).toBe(true);
  });

  it("refuses to remove files that are not documents", async () => {
    fs.writeFileSync(path.join(dataDir, "config.json"), "{}");
    await expect(removeDocument(dataDir, "config.json")).rejects.toMatchObject({ code: "type" });
  });
});
