/**
 * @module
 * "Where in the document" a quote is, in words every adapter shows beside its citation number.
 */
import type { Quote } from "../../core/types.ts";

const MAX_SECTION_CHARS = 60;

/**
 * `¶9 · Carmack Challenges Musk’s Claims` (paragraph number, then the heading it sits under), or
 * an empty string when the answer doesn't say. Plain text: adapters escape it for their markup.
 *
 * @example
 * ```ts
 * quoteLocation({ text: "…", source: 1, paragraph: 9, section: "Claims" }); // "¶9 · Claims"
 * ```
 */
export function quoteLocation(quote: Pick<Quote, "paragraph" | "section">): string {
  const section =
    quote.section && quote.section.length > MAX_SECTION_CHARS
      ? `${quote.section.slice(0, MAX_SECTION_CHARS - 1).trimEnd()}…`
      : quote.section;
  return [quote.paragraph ? `¶${quote.paragraph}` : "", section ?? ""].filter(Boolean).join(" · ");
}
