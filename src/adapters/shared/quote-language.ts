/**
 * @module
 * The short label every adapter shows beside a quote in another language than the question's
 * (an English question answered from a Hindi article): the language's name, in the bot's locale.
 */
import type { Quote } from "../../core/types.ts";
import type { Locale } from "../../service/messages.ts";

const names = new Map<Locale, Intl.DisplayNames>();

/**
 * `Hindi` for a Hindi quote shown to an English speaker (`अंग्रेज़ी` for an English quote shown in
 * Hindi), or undefined when the quote is in the question's language. Plain text: adapters add
 * their own brackets and markup.
 *
 * @example
 * ```ts
 * quoteLanguage({ text: "…", source: 1, language: "hi" }, "en"); // "Hindi"
 * quoteLanguage({ text: "…", source: 1 }, "en");                 // undefined
 * ```
 */
export function quoteLanguage(quote: Pick<Quote, "language">, locale: Locale = "en"): string | undefined {
  const code = quote.language;
  if (!code || code === "und") return undefined;
  let display = names.get(locale);
  if (!display) {
    display = new Intl.DisplayNames([locale, "en"], { type: "language", fallback: "code" });
    names.set(locale, display);
  }
  try {
    return display.of(code) ?? code;
  } catch {
    // not a well-formed language code: show it as it is
    return code;
  }
}
