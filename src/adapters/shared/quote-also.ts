/**
 * @module
 * The note every adapter shows beside a quote that other documents repeat: where else it is said.
 */
import type { Quote } from "../../core/types.ts";
import { type Locale, message } from "../../service/messages.ts";
import { quoteLocation } from "./quote-location.ts";

/**
 * `also in [2] ¶4, [5] p. 3` for a quote that sources 2 and 5 repeat (in the bot's locale), or
 * undefined when no other source does. Plain text: adapters add their own brackets and markup.
 *
 * @example
 * ```ts
 * quoteAlso({ text: "…", source: 1, also: [{ source: 2, paragraph: 4 }] }, "en"); // "also in [2] ¶4"
 * quoteAlso({ text: "…", source: 1 }, "en");                                     // undefined
 * ```
 */
export function quoteAlso(quote: Pick<Quote, "also">, locale: Locale = "en"): string | undefined {
  if (!quote.also?.length) return undefined;
  const places = quote.also.map((p) => {
    const where = quoteLocation(p);
    return where ? `[${p.source}] ${where}` : `[${p.source}]`;
  });
  return message(locale, "also_in", { sources: places.join(", ") });
}

/** The sources an answer's quotes cite, their own and those that repeat them, in number order. */
export function citedSources(quotes: readonly Pick<Quote, "source" | "also">[]): number[] {
  return [...new Set(quotes.flatMap((q) => [q.source, ...(q.also ?? []).map((p) => p.source)]))].sort(
    (a, b) => a - b,
  );
}
