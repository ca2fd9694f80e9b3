/**
 * @module
 * The link a quote's citation opens: the source page scrolled to the quoted sentence. Browsers
 * highlight a text fragment (`#:~:text=start,end`); PDF viewers open `#page=12`. Every adapter
 * links the citation number with it, so a reader lands on the words, not the top of the page.
 */
import { isWebLink } from "../../core/documents.ts";
import type { Quote, Source } from "../../core/types.ts";

/** Quotes up to this many words are matched whole; longer ones by their first and last words. */
const WHOLE_WORDS = 8;
const EDGE_WORDS = 4;

/**
 * Percent-encodes a fragment term: `-`, `,` and `&` are the directive's own syntax, and encoded
 * parentheses keep the link whole inside Markdown's `[text](url)`.
 */
const term = (words: string[]) =>
  encodeURIComponent(words.join(" ")).replace(
    /[-,&()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The URL to open for a quote, or undefined when its source has no web link.
 *
 * @example
 * ```ts
 * quoteLink({ text: "The river rose two metres overnight.", source: 1 }, { url: "https://example.org/floods" });
 * // "https://example.org/floods#:~:text=The%20river%20rose%20two%20metres%20overnight."
 * quoteLink({ text: "…", source: 1, page: 12 }, { url: "https://example.org/report.pdf" });
 * // "https://example.org/report.pdf#page=12"
 * ```
 */
export function quoteLink(quote: Pick<Quote, "text" | "page">, source: Pick<Source, "url"> | undefined) {
  const url = source?.url;
  if (!url || !isWebLink(url)) return undefined;
  const base = url.replace(/#.*$/, "");
  if (quote.page) return `${base}#page=${quote.page}`;
  // A quote joined with "…" is not contiguous on the page: point at its first part.
  const words = (quote.text.split("…")[0] ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return url;
  const fragment =
    words.length <= WHOLE_WORDS
      ? term(words)
      : `${term(words.slice(0, EDGE_WORDS))},${term(words.slice(-EDGE_WORDS))}`;
  return `${base}#:~:text=${fragment}`;
}
