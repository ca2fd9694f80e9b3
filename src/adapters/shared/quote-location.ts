/**
 * @module
 * "Where in the document" a quote is, in words every adapter shows beside its citation number.
 */
import type { Quote } from "../../core/types.ts";

const MAX_SECTION_CHARS = 60;

/**
 * `¶9 · Carmack Challenges Musk’s Claims` (paragraph number, then the heading it sits under), or
 * an empty string when the answer doesn't say. A quote from a PDF cites its page instead of the
 * paragraph (`p. 12 · Costs`): the page is what a reader can turn to. Plain text: adapters escape
 * it for their markup.
 *
 * @example
 * ```ts
 * quoteLocation({ text: "…", source: 1, paragraph: 9, section: "Claims" }); // "¶9 · Claims"
 * quoteLocation({ text: "…", source: 1, paragraph: 9, page: 12 }); // "p. 12"
 * ```
 */
export function quoteLocation(quote: Pick<Quote, "paragraph" | "section" | "page">): string {
  const section =
    quote.section && quote.section.length > MAX_SECTION_CHARS
      ? `${quote.section.slice(0, MAX_SECTION_CHARS - 1).trimEnd()}…`
      : quote.section;
  const where = quote.page ? `p. ${quote.page}` : quote.paragraph ? `¶${quote.paragraph}` : "";
  return [where, section ?? ""].filter(Boolean).join(" · ");
}
