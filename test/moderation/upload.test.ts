import { describe, expect, it } from "vitest";
import { safeFileName, UploadError, validateUpload } from "../../src/moderation/upload.ts";
import { makeDocx, makePdf } from "../core/formats/fixtures.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
const limits = { maxBytes: 1_000_000 };

function refusal(run: () => unknown): UploadError {
  try {
    run();
  } catch (err) {
    if (err instanceof UploadError) return err;
    throw err;
  }
  throw new Error("expected an UploadError");
}

describe("validateUpload", () => {
  it("accepts a Markdown file and gives its safe name and text", () => {
    const doc = validateUpload(
      "WhatsApp Privacy FAQ (2024).MD",
      utf8("\uFEFF# FAQ\n\nMessages are secure by default.\n"),
      limits,
    );
    expect(doc.fileName).toBe("whatsapp-privacy-faq-2024.md");
    expect(doc.text).toBe("# FAQ\n\nMessages are secure by default.\n");
  });

  it("accepts Hindi text and keeps Devanagari letters in the name", () => {
    const doc = validateUpload("व्हाट्सऐप गोपनीयता.txt", utf8("संदेश सुरक्षित हैं।"), limits);
    expect(doc.fileName).toBe("व्हाट्सऐप-गोपनीयता.txt");
  });

  it("refuses a binary file even when named .md", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const err = refusal(() => validateUpload("photo.md", png, limits));
    expect(err.code).toBe("binary");
    expect(err.message).toMatch(/not a text file.*export it as plain Markdown/);
  });

  it("refuses text full of control characters", () => {
    const noisy = utf8(`${"\x01\x02\x03\x04".repeat(10)}hello`);
    expect(refusal(() => validateUpload("noise.txt", noisy, limits)).code).toBe("binary");
  });

  it("refuses an oversized file naming its size, the limit and the setting", () => {
    const err = refusal(() => validateUpload("big.md", new Uint8Array(3_200_000).fill(0x61), limits));
    expect(err.code).toBe("size");
    expect(err.message).toContain('"big.md" is 3.2 MB; the limit is 1 MB (UPLOAD_MAX_BYTES)');
  });

  it("refuses an empty or whitespace-only file", () => {
    expect(refusal(() => validateUpload("empty.md", new Uint8Array(0), limits)).code).toBe("empty");
    expect(refusal(() => validateUpload("blank.txt", utf8(" \n\t\n "), limits)).message).toMatch(/is empty/);
  });

  it("refuses invalid UTF-8 and says how to fix it", () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café" in Latin-1
    const err = refusal(() => validateUpload("menu.txt", latin1, limits));
    expect(err.code).toBe("encoding");
    expect(err.message).toMatch(/not valid UTF-8.*save it as UTF-8/);
    expect(err.cause).toBeInstanceOf(TypeError);
  });

  it("refuses other file types", () => {
    const err = refusal(() => validateUpload("slides.pptx", utf8("PK"), limits));
    expect(err.code).toBe("type");
    expect(err.message).toContain("only .md, .txt, .pdf, .docx and .html");
  });
});

describe("safeFileName", () => {
  it.each(["../../etc/passwd.md", "..\\..\\secrets.txt", "/etc/hosts.txt", "notes/../../x.md"])(
    "refuses the traversal name %s",
    (name) => {
      expect(refusal(() => safeFileName(name)).code).toBe("name");
    },
  );

  it("refuses hidden files and names without a stem become 'document'", () => {
    expect(refusal(() => safeFileName(".env.md")).message).toMatch(/hidden file/);
    expect(safeFileName("!!!.md")).toBe("document.md");
    expect(safeFileName("CON.txt")).toBe("con-document.txt");
    expect(safeFileName(`${"a".repeat(300)}.md`)).toHaveLength(83);
  });
});

describe("tooLargeMessage", () => {
  it("shows exact bytes when rounding would make the size look equal to the limit", async () => {
    const { tooLargeMessage } = await import("../../src/moderation/upload-error.ts");
    expect(tooLargeMessage("a.md", 10_001, 10_000)).toContain(
      '"a.md" is 10001 bytes; the limit is 10000 bytes',
    );
    expect(tooLargeMessage("a.md", 3_200_000, 1_000_000)).toContain('"a.md" is 3.2 MB; the limit is 1 MB');
  });
});

describe("validateUpload with PDF, Word and HTML files", () => {
  it("accepts each format when the bytes are what the name says", async () => {
    const pdf = await makePdf([["The levee held all night long."]]);
    expect(validateUpload("Flood Report.PDF", pdf, limits)).toMatchObject({
      fileName: "flood-report.pdf",
      format: "pdf",
    });
    expect(validateUpload("minutes.docx", makeDocx([["", "Budget approved."]]), limits).format).toBe("docx");
    expect(validateUpload("page.html", utf8("<!doctype html><p>Hello there.</p>"), limits).format).toBe(
      "html",
    );
  });

  it("sniffs the type from the bytes, not the name", async () => {
    const pdf = await makePdf([["The levee held all night long."]]);
    expect(refusal(() => validateUpload("notes.md", pdf, limits)).message).toBe(
      '"notes.md" is named .md but it is a PDF (name it .pdf); rename it or export it again.',
    );
    expect(refusal(() => validateUpload("report.pdf", utf8("just text"), limits)).message).toContain(
      "is named .pdf but it is text",
    );
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(refusal(() => validateUpload("minutes.docx", zip, limits)).message).toContain(
      "it is a zip archive, not a Word file",
    );
  });

  it("checks the size before anything else", async () => {
    const pdf = await makePdf([["The levee held all night long."]]);
    expect(refusal(() => validateUpload("r.pdf", pdf, { maxBytes: 100 })).code).toBe("size");
  });
});
