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
    quote.section && quote.section.length > MAX_SECTION_CHARS ? shortenAtWord(quote.section) : quote.section;
  const where = quote.page ? `p. ${quote.page}` : quote.paragraph ? `¶${quote.paragraph}` : "";
  return [where, section ?? ""].filter(Boolean).join(" · ");
}

/** A heading cut at the last word boundary that fits, so it never ends in half a word. */
function shortenAtWord(text: string): string {
  const cut = text.slice(0, MAX_SECTION_CHARS);
  const space = cut.lastIndexOf(" ");
  // one giant word: nothing better than a cut inside it
  return `${(space > MAX_SECTION_CHARS / 2 ? cut.slice(0, space) : cut.slice(0, -1)).trimEnd()}…`;
}
