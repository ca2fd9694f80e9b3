/**
 * @module
 * Telegram messages as plain text plus entities (grammY's `@grammyjs/parse-mode`): nothing is
 * escaped and nothing is parsed by Telegram, so document text can never break the markup, and a
 * message's length is simply the length of its text. Helpers for whole-sentence trimming and for
 * packing blocks into messages that never exceed the limit.
 */
import { FormattedString } from "@grammyjs/parse-mode";
import { TELEGRAM_LIMITS } from "./limits.ts";

/** One message: its text and the entities that format it. */
export type RenderedMessage = FormattedString;

/** A self-contained piece of a message, joined to the previous one by `join`. */
export interface Block {
  text: FormattedString | string;
  join?: "\n" | "\n\n";
}

/** A link Telegram accepts in a text link: only absolute http(s) URLs, anything else stays text. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === "http:" || protocol === "https:" ? url : undefined;
}

const sentences = new Intl.Segmenter("und", { granularity: "sentence" });
const words = new Intl.Segmenter("und", { granularity: "word" });

/**
 * Shortens `text` to at most `max` characters (UTF-16 units, as Telegram counts), cutting after a
 * whole sentence when possible, else after a whole word, and marking the cut with "…".
 *
 * @example
 * ```ts
 * trimText("One. Two. Three.", 10); // "One. Two.…"
 * ```
 */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  const budget = Math.max(1, max - 1);
  for (const segmenter of [sentences, words]) {
    let end = 0;
    for (const { index, segment } of segmenter.segment(text)) {
      if (index + segment.length > budget) break;
      end = index + segment.length;
    }
    if (end > budget / 3) return `${text.slice(0, end).trimEnd()}…`;
  }
  // One giant "word": cut on a code point boundary so no surrogate pair is split.
  return `${Array.from(text.slice(0, budget))
    .join("")
    .replace(/[\uD800-\uDBFF]$/, "")}…`;
}

const formatted = (text: FormattedString | string) =>
  typeof text === "string" ? new FormattedString(text) : text;

/**
 * Packs blocks into as few messages as fit under `limit`, never splitting a block. A block that is
 * alone too long must have been trimmed by the caller; it is then cut as plain text as a last resort.
 *
 * @example
 * ```ts
 * packBlocks([{ text: bold("Sources") }, { text: "[1] A", join: "\n" }]); // one message "Sources\n[1] A"
 * ```
 */
export function packBlocks(
  blocks: Block[],
  limit: number = TELEGRAM_LIMITS.messageLength,
): RenderedMessage[] {
  const out: RenderedMessage[] = [];
  let current: FormattedString | undefined;
  for (const block of blocks) {
    const text = formatted(block.text);
    const fitted = text.text.length <= limit ? text : new FormattedString(trimText(text.text, limit));
    const join = block.join ?? "\n\n";
    if (current && current.text.length + join.length + fitted.text.length <= limit) {
      current = current.concat(new FormattedString(join), fitted);
      continue;
    }
    if (current) out.push(current);
    current = fitted;
  }
  if (current) out.push(current);
  return out;
}
