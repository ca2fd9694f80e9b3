/**
 * @module
 * A document file in any format citebot reads → Markdown text for the common pipeline. Markdown
 * and text pass through untouched (their bytes are decoded by the reader, which checks the
 * encoding); PDF, DOCX and HTML are converted, after the bytes prove they are what the name says.
 */
import { decodeText } from "../encoding.ts";
import { docxToMarkdown } from "./docx.ts";
import { FormatError } from "./format-error.ts";
import { htmlToMarkdown } from "./html.ts";
import { pdfToMarkdown } from "./pdf.ts";
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
  if (named === "pdf") return pdfToMarkdown(bytes);
  if (named === "docx") return docxToMarkdown(bytes);
  return htmlToMarkdown(decodeText(bytes));
}
