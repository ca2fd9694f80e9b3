/**
 * @module
 * The one error a document converter throws: why a PDF, web page or Word file cannot be read,
 * written for the moderator who added it.
 */

/**
 * A document whose format cannot be read; the message says why and what to do. The reindex
 * reports it against the file, like any other unreadable document.
 *
 * @example
 * ```ts
 * throw new FormatError("no text layer; OCR is not supported: export the PDF with its text, or add a .txt copy");
 * ```
 */
export class FormatError extends Error {
  override name = "FormatError";
}
