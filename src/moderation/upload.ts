/**
 * @module
 * Checks a document a moderator sent in chat before it goes anywhere near DATA_DIR: a Markdown,
 * text, PDF, Word or HTML file, small enough, really what its name says (the format is sniffed
 * from the bytes; text must be strict UTF-8, not binary), not empty, and a file name that cannot
 * escape the folder. Writing and removing live in `document-files.ts`.
 */
import path from "node:path";
import { type DocumentFormat, FORMAT_OF_EXTENSION, sniffFormat } from "../core/formats/sniff.ts";
import { printable, safeFileName } from "./file-name.ts";
import { tooLargeMessage, UploadError } from "./upload-error.ts";

export { locateDocument, unlinkDocument, type WrittenDocument, writeDocument } from "./document-files.ts";
export { printable, safeFileName, UPLOAD_EXTENSIONS } from "./file-name.ts";
export { UploadError, type UploadErrorCode } from "./upload-error.ts";

/** Control characters (other than tab, newlines, form feed, ESC) above this share mean "not text". */
const MAX_CONTROL_RATIO = 0.02;

/** A file that passed {@link validateUpload}. */
export interface ValidatedUpload {
  /** The safe name to store it under, e.g. `whatsapp-privacy-faq.md`. */
  fileName: string;
  /** The decoded text (a UTF-8 byte order mark removed); empty for a PDF, DOCX or HTML file. */
  text: string;
  bytes: Uint8Array;
  /** What the bytes hold; anything but `text` is converted when it is indexed. */
  format: DocumentFormat;
}

const NAMES: Record<DocumentFormat, string> = {
  pdf: "a PDF (name it .pdf)",
  docx: "a Word file (name it .docx)",
  html: "a web page (name it .html)",
  text: "text (name it .md or .txt)",
};

/**
 * Validates an uploaded document and returns its safe name and text.
 *
 * @throws {UploadError} with a message for the moderator, e.g. `"report.md" is 3.2 MB; the limit is 1 MB (UPLOAD_MAX_BYTES).`
 * @example
 * ```ts
 * const doc = validateUpload(attachment.name, bytes, { maxBytes: config.uploadMaxBytes });
 * await writeDocument(config.dataDir, doc.fileName, doc.bytes, { overwrite: false });
 * ```
 */
export function validateUpload(
  fileName: string,
  bytes: Uint8Array,
  options: { maxBytes: number },
): ValidatedUpload {
  const safe = safeFileName(fileName);
  const shown = printable(fileName);
  if (bytes.byteLength > options.maxBytes) {
    throw new UploadError("size", tooLargeMessage(shown, bytes.byteLength, options.maxBytes));
  }
  const ext = path.extname(safe);
  const named = FORMAT_OF_EXTENSION[ext] ?? "text";
  const actual = sniffFormat(bytes);
  // HTML in a .md file is still Markdown; any other mismatch means the name is wrong.
  if (actual !== named && !(named === "text" && actual === "html")) {
    throw new UploadError(
      "type",
      `"${shown}" is named ${ext} but ${actual ? `it is ${NAMES[actual]}` : "it is a zip archive, not a Word file"}; rename it or export it again.`,
    );
  }
  if (named !== "text") return { fileName: safe, text: "", bytes, format: named };
  if (looksBinary(bytes)) {
    throw new UploadError(
      "binary",
      `"${shown}" is not a text file (it contains binary data) even though it is named ${safe.slice(safe.lastIndexOf("."))}; export it as plain Markdown or text.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new UploadError(
      "encoding",
      `"${shown}" is not valid UTF-8 text; save it as UTF-8 (most editors: "Save with encoding → UTF-8") and send it again.`,
      { cause },
    );
  }
  if (!text.trim()) {
    throw new UploadError("empty", `"${shown}" is empty; there is nothing to quote from it.`);
  }
  return { fileName: safe, text, bytes, format: "text" };
}

/** NUL bytes, or more than a small share of control bytes, mean the file is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    // tab, LF, FF, CR and ESC (ANSI colours in pasted logs) are normal in text files
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) || b === 0x7f) control++;
  }
  return bytes.byteLength > 0 && control / bytes.byteLength > MAX_CONTROL_RATIO;
}
