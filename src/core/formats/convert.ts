/**
 * @module
 * A document file in any format citebot reads → Markdown text for the common pipeline. Markdown
 * and text pass through untouched (their bytes are decoded by the reader, which checks the
 * encoding); PDF, DOCX and HTML are converted, after the bytes prove they are what the name says.
 */
import { decodeText } from "../encoding.ts";
import { FormatError } from "./format-error.ts";
import { type DocumentFormat, FORMAT_OF_EXTENSION, sniffFormat } from "./sniff.ts";

const NAMES: Record<DocumentFormat, string> = {
  pdf: "a PDF",
  docx: "a Word file",
  html: "a web page",
  text: "text",
};

/**
 * Markdown for a converted format, or `undefined` for a Markdown or text file (read as it is).
 *
 * @throws {FormatError} when the bytes are not the format the extension names, or cannot be read.
 * @example
 * ```ts
 * const markdown = await convertDocument(".pdf", bytes); // "<!-- page 1 -->\n\nThe river rose…"
 * ```
 */
export async function convertDocument(extension: string, bytes: Uint8Array): Promise<string | undefined> {
  const named = FORMAT_OF_EXTENSION[extension.toLowerCase()] ?? "text";
  if (named === "text") return undefined;
  const actual = sniffFormat(bytes);
  if (actual !== named) {
    throw new FormatError(
      `named ${extension} but ${actual ? `it is ${NAMES[actual]}` : "its bytes are not a format citebot reads"}: rename it or export it again`,
    );
  }
  // Loaded on first use: pdf.js, mammoth and the HTML stack take a third of a second to import,
  // and answering from a snapshot, or a folder of Markdown, never needs them.
  if (named === "pdf") return (await import("./pdf.ts")).pdfToMarkdown(bytes);
  if (named === "docx") return (await import("./docx.ts")).docxToMarkdown(bytes);
  return (await import("./html.ts")).htmlToMarkdown(decodeText(bytes));
}
