/**
 * @module
 * Word (.docx) → HTML with mammoth → Markdown through the web page path, so headings become
 * sections. The zip is unpacked under a budget first ({@link checkUnpackedSize}): a zip bomb is
 * an error, not an out-of-memory crash. Images are left out; they hold nothing to quote.
 */
import mammoth from "mammoth";
import { FormatError } from "./format-error.ts";
import { htmlToMarkdown } from "./html.ts";
import { checkUnpackedSize } from "./zip-size.ts";

/** A DOCX may unpack to at most this much; a text document is far below it. */
export const MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * Converts DOCX bytes to Markdown with front matter.
 *
 * @throws {FormatError} for a zip bomb, a damaged file, or one without text.
 * @example
 * ```ts
 * const markdown = await docxToMarkdown(await readFile("minutes.docx"));
 * ```
 */
export async function docxToMarkdown(
  bytes: Uint8Array,
  maxUnpacked = MAX_DOCX_UNPACKED_BYTES,
): Promise<string> {
  checkUnpackedSize(bytes, maxUnpacked);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    html = result.value;
  } catch (cause) {
    throw new FormatError(
      `the Word file cannot be read (${(cause as Error).message}); save it again as .docx from Word and add the new copy`,
      { cause },
    );
  }
  return htmlToMarkdown(`<html><body>${html}</body></html>`, { whole: true });
}
