/**
 * @module
 * PDF → Markdown with page markers, through pdf.js (the 5.4 line: 6.x needs Node 22). Each page's
 * text layer becomes paragraphs (see `pdf-layout.ts`), each page opens with a
 * {@link pageMarker} so passages know their page, and the document's own title becomes front
 * matter. A PDF without text (a scan), with a password, or damaged is a {@link FormatError}.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { FormatError } from "./format-error.ts";
import { frontMatter } from "./front-matter-text.ts";
import { pageMarker } from "./page-marker.ts";
import { dropRunningLines, type PageLine, type TextRun, toLines, toParagraphs } from "./pdf-layout.ts";

/** Pages beyond this are not read: a 5,000-page PDF is a data dump, not a document to quote. */
export const MAX_PDF_PAGES = 2000;

/**
 * Converts PDF bytes to Markdown: front matter (the title the PDF states), then each page's
 * paragraphs after its page marker.
 *
 * @throws {FormatError} for a PDF without a text layer, an encrypted or a damaged one.
 * @example
 * ```ts
 * const markdown = await pdfToMarkdown(await readFile("report.pdf"));
 * // "---\ntitle: \"Annual Report\"\n---\n<!-- page 1 -->\n\nThe river rose…"
 * ```
 */
export async function pdfToMarkdown(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of (detaches) the buffer it is given; the caller still hashes its bytes.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise.catch((cause: unknown) => {
      throw openError(cause);
    });
    const count = Math.min(pdf.numPages, MAX_PDF_PAGES);
    const pages: PageLine[][] = [];
    for (let n = 1; n <= count; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      const runs: TextRun[] = content.items.flatMap((item) =>
        "str" in item
          ? [
              {
                str: item.str,
                x: item.transform[4],
                y: item.transform[5],
                height: item.height,
                hasEOL: item.hasEOL,
              },
            ]
          : [],
      );
      pages.push(toLines(runs));
    }
    const kept = dropRunningLines(pages);
    if (!kept.some((lines) => lines.some((l) => /[\p{L}\p{N}]/u.test(l.text)))) {
      throw new FormatError(
        "no text layer; OCR is not supported: this PDF holds images of pages (a scan). Export it with its text, or add a .txt copy",
      );
    }
    const info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
    const body = kept
      .map((lines, i) => [pageMarker(i + 1), ...toParagraphs(lines)].join("\n\n"))
      .join("\n\n");
    return `${frontMatter({ title: info.Title })}${body}\n`;
  } finally {
    await task.destroy();
  }
}

/** pdf.js's reasons, in words a moderator can act on. */
function openError(cause: unknown): FormatError {
  const name = (cause as Error)?.name;
  const reason = (cause as Error)?.message ?? String(cause);
  if (name === "PasswordException")
    return new FormatError(
      "the PDF is encrypted with a password: save a copy without the password and add that",
      { cause },
    );
  return new FormatError(
    `the PDF is damaged or not a PDF (${reason}): export it again and add the new copy`,
    {
      cause,
    },
  );
}
