/**
 * @module
 * What a file is, from its bytes: a name says what someone called it, the bytes say what it is.
 * Uploads and the indexer both decide by this, so a PDF renamed `.md` or a script renamed
 * `.pdf` is caught before any parser sees it.
 */

/** The formats citebot reads; `text` is Markdown or plain text. */
export type DocumentFormat = "pdf" | "docx" | "html" | "text";

/** Which format each indexed extension promises. */
export const FORMAT_OF_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  ".md": "text",
  ".markdown": "text",
  ".txt": "text",
  ".pdf": "pdf",
  ".docx": "docx",
  ".html": "html",
  ".htm": "html",
};

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

/**
 * The format the bytes hold: `%PDF-` near the start is a PDF, a zip holding `word/document.xml`
 * is a DOCX, a document opening with `<!doctype html>`, `<html`, `<head` or a body tag is HTML; anything else
 * is treated as text (which the text reader then checks for encoding and binary data). A zip that
 * is not a Word file is `undefined`: it is nothing citebot reads.
 *
 * @example
 * ```ts
 * sniffFormat(new TextEncoder().encode("%PDF-1.7\n…")); // "pdf"
 * ```
 */
export function sniffFormat(bytes: Uint8Array): DocumentFormat | undefined {
  // The PDF reference allows junk before the header; readers accept it within the first 1 KB.
  if (ascii(bytes, 0, 1024).includes("%PDF-")) return "pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // File names are stored uncompressed in a zip's directory, so the bytes show them.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("word/document.xml")
      ? "docx"
      : undefined;
  }
  const head = new TextDecoder("utf-8")
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (
    /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|meta|article|main|div|p|h[1-6])[\s>]/i.test(
      head,
    )
  )
    return "html";
  return "text";
}
