/**
 * @module
 * The bot's own words, once for every adapter, in English and Hindi. The texts live in
 * `messages/<locale>.json` (data, not code); adapters only add their markup around them.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const en = require("./messages/en.json") as Record<string, string>;
const hi = require("./messages/hi.json") as Record<string, string>;

/** A key of the catalogue (English is the reference: every key exists there). */
export type MessageKey = keyof typeof en & string;
/** The languages the bot speaks in its own messages. */
export type Locale = "en" | "hi";
/** Every locale, for command menus and Discord localizations. */
export const LOCALES: readonly Locale[] = ["en", "hi"];

const catalogue: Record<Locale, Record<string, string>> = { en, hi };
const DEVANAGARI = /[\u0900-\u097F]/;

/**
 * The locale for a user: Hindi when the platform says so (`hi`, `hi-IN`) or the question is typed in
 * Devanagari, English otherwise.
 *
 * @example
 * ```ts
 * pickLocale({ language: "hi" });                 // "hi"
 * pickLocale({ text: "क्या WhatsApp सुरक्षित है?" }); // "hi"
 * pickLocale({ language: "en-GB" });              // "en"
 * ```
 */
export function pickLocale(hints: { language?: string; text?: string }): Locale {
  if (hints.text && DEVANAGARI.test(hints.text)) return "hi";
  return hints.language?.toLowerCase().startsWith("hi") ? "hi" : "en";
}

/**
 * One message in `locale`, with `{name}` placeholders filled; a key missing in Hindi falls back
 * to English.
 *
 * @example
 * ```ts
 * message("en", "too_long", { length: 900, max: 500 }); // "That message is 900 characters long. …"
 * ```
 */
export function message(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = catalogue[locale][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
