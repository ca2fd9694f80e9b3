import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentError, parseDocument, scanDataDir } from "../../src/core/documents.ts";
import { tempDir } from "../temp-dir.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseDocument", () => {
  it("reads front matter and keeps only what the document states", () => {
    const doc = parseDocument(
      "news/a.md",
      bytes(
        "---\ntitle: Rivers Rise\npublisher: Example News\ndate: 2023-09-02\nurl: https://example.org/a\n---\nThe river rose by two metres overnight in the old town.",
      ),
    );
    expect(doc.meta).toEqual({
      title: "Rivers Rise",
      publisher: "Example News",
      date: "2023-09-02",
      url: "https://example.org/a",
      language: "en",
    });
    expect(doc.body).toBe("The river rose by two metres overnight in the old town.");
  });

  it("falls back to the first heading, then the file name, for the title and omits unknown fields", () => {
    expect(parseDocument("a.md", bytes("# Flood Report\n\nThe river rose overnight.")).meta.title).toBe(
      "Flood Report",
    );
    const meta = parseDocument(
      "river-flood_notes.txt",
      bytes("The river rose by two metres overnight."),
    ).meta;
    expect(meta.title).toBe("River flood notes");
    expect(meta).not.toHaveProperty("publisher");
    expect(meta).not.toHaveProperty("date");
  });

  it("drops an invalid date or URL rather than guessing", () => {
    const meta = parseDocument(
      "a.md",
      bytes("---\ndate: last week\nurl: not a url\n---\nThe river rose overnight."),
    ).meta;
    expect(meta).not.toHaveProperty("date");
    expect(meta).not.toHaveProperty("url");
  });

  it.each([
    ["javascript:alert(1)", '"javascript:"'],
    ["JavaScript:alert(document.cookie)", '"javascript:"'],
    ["data:text/html,<script>alert(1)</script>", '"data:"'],
    ["file:///etc/passwd", '"file:"'],
  ])("keeps no %s URL, and says so in a warning", (url, scheme) => {
    const doc = parseDocument("a.md", bytes(`---\nurl: "${url}"\n---\nThe river rose overnight.`));
    expect(doc.meta).not.toHaveProperty("url");
    expect(doc.warnings).toEqual([`url dropped: only http and https links are kept, not ${scheme}`]);
  });

  it.each([
    ["binary", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /binary file/],
    ["invalid UTF-8", new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0x6f]), /not valid UTF-8/],
    ["empty", bytes("---\ntitle: Nothing\n---\n \n\n"), /empty document/],
    ["broken front matter", bytes("---\ntitle: [unclosed\n---\ntext here"), /invalid front matter/],
  ])("rejects a %s file with a reason that says what to do", (_name, content, reason) => {
    expect(() => parseDocument("bad.md", content)).toThrow(DocumentError);
    expect(() => parseDocument("bad.md", content)).toThrow(reason);
  });
});

describe("parseDocument front matter", () => {
  const ran = globalThis as { citebotFrontMatterRan?: boolean };

  it.each(["js", "javascript", "JS"])("refuses ---%s front matter without running it", (language) => {
    delete ran.citebotFrontMatterRan;
    const text = `---${language}\n{ title: (globalThis.citebotFrontMatterRan = true, "Owned") }\n---\nThe river rose overnight.`;
    expect(() => parseDocument("evil.md", bytes(text))).toThrow(
      new DocumentError(
        "evil.md",
        `front matter in "${language}" is not read, only YAML: remove "${language}" after the first ---`,
      ),
    );
    expect(ran.citebotFrontMatterRan).toBeUndefined();
  });

  it.each(["coffee", "json", "toml"])("refuses ---%s front matter: only YAML is read", (language) => {
    expect(() =>
      parseDocument("a.md", bytes(`---${language}\n{"title": "A"}\n---\nThe river rose.`)),
    ).toThrow(/is not read, only YAML/);
  });

  it("reads ---yaml and ---yml as YAML", () => {
    for (const language of ["yaml", "yml"]) {
      expect(
        parseDocument("a.md", bytes(`---${language}\ntitle: Rivers\n---\nThe river rose.`)).meta.title,
      ).toBe("Rivers");
    }
  });

  it.each([
    ["a JavaScript tag", "title: !!js/function 'function () { return 1 }'"],
    ["a custom tag", "title: !include /etc/passwd"],
    ["a sentence instead of key: value lines", "just some words"],
    ["a list instead of key: value lines", "- a\n- b"],
  ])("rejects YAML with %s", (_name, yaml) => {
    expect(() => parseDocument("a.md", bytes(`---\n${yaml}\n---\nThe river rose.`))).toThrow(
      /invalid front matter: .*fix the YAML between the --- lines/,
    );
  });
});

describe("parseDocument encodings", () => {
  const utf16 = (text: string, endian: "le" | "be") => {
    const le = Buffer.from(`\uFEFF${text}`, "utf16le");
    return endian === "le" ? le : Buffer.from(le).swap16();
  };

  it.each(["le", "be"] as const)(
    "reads UTF-16%s text with a byte-order mark, front matter included",
    (endian) => {
      const doc = parseDocument(
        "notepad.txt",
        utf16("---\ntitle: Crème brûlée\n---\nThe café on the corner serves crème brûlée.", endian),
      );
      expect(doc.meta.title).toBe("Crème brûlée");
      expect(doc.body).toBe("The café on the corner serves crème brûlée.");
    },
  );

  it.each([
    [
      "Latin-1",
      Buffer.from("Le café est fermé à midi.", "latin1"),
      "not valid UTF-8 text: it looks like Latin-1/Windows-1252; save it as UTF-8",
    ],
    [
      "UTF-16 without a BOM",
      Buffer.from("The river rose overnight.", "utf16le"),
      "UTF-16 text without a byte-order mark: save it as UTF-8 (or as UTF-16 with a BOM)",
    ],
    ["UTF-32", Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), "UTF-32 text is not read: save it as UTF-8"],
    // GBK for 河水上涨: every byte is high, so it is not taken for Latin-1.
    [
      "GBK",
      Buffer.from([0xba, 0xd3, 0xcb, 0xae, 0xc9, 0xcf, 0xd5, 0xc7]),
      "not valid UTF-8 text: re-save the file with UTF-8 encoding",
    ],
  ])("names the encoding of a %s file when it can tell", (_name, content, reason) => {
    expect(() => parseDocument("old.txt", content)).toThrow(new DocumentError("old.txt", reason));
  });
});

describe("scanDataDir", () => {
  it("finds .md and .txt recursively, skips hidden files and reports other types", async () => {
    const dir = await tempDir("citebot-scan-");
    await mkdir(path.join(dir, "sub"));
    await writeFile(path.join(dir, "a.md"), "A");
    await writeFile(path.join(dir, "sub", "b.txt"), "B");
    await writeFile(path.join(dir, ".hidden.md"), "H");
    await writeFile(path.join(dir, "slides.pptx"), "PK");
    const { files, errors } = await scanDataDir(dir);
    expect(files.map((f) => f.file)).toEqual(["a.md", "sub/b.txt"]);
    expect(errors.map((e) => [e.file, e.message])).toEqual([
      ["slides.pptx", 'unsupported file type ".pptx": only .md, .txt, .pdf, .docx and .html are indexed'],
    ]);
  });

  it("lists files in one order on every machine, by code units, whatever its language", async () => {
    const dir = await tempDir("citebot-scan-");
    for (const name of ["zebra.md", "öl.md", "Bravo.md", "alpha.md", "10.md", "9.md", "a-b.md", "a_b.md"])
      await writeFile(path.join(dir, name), "text");
    const { files } = await scanDataDir(dir);
    // A Swedish locale sorted "öl" after "zebra", an English one before it.
    expect(files.map((f) => f.file)).toEqual([
      "10.md",
      "9.md",
      "Bravo.md",
      "a-b.md",
      "a_b.md",
      "alpha.md",
      "zebra.md",
      "öl.md",
    ]);
  });

  it("names the folder and the setting when the data folder is missing", async () => {
    await expect(scanDataDir("/nonexistent/citebot-data")).rejects.toThrow(/DATA_DIR/);
  });
});
