/**
 * @module
 * HTML building blocks for Telegram's `parse_mode: "HTML"`: escaping, whole-sentence trimming and
 * packing blocks into messages that never exceed the length limit nor cut a tag in half.
 */
import { TELEGRAM_LIMITS } from "./limits.ts";

/** One message in two forms: HTML, and the plain text sent if Telegram rejects the HTML. */
export interface RenderedMessage {
  html: string;
  plain: string;
}

/** A self-contained piece of a message (balanced tags), joined to the previous one by `join`. */
export interface Block extends RenderedMessage {
  join?: "\n" | "\n\n";
}

/**
 * Escapes text for Telegram HTML (also safe inside a double-quoted attribute).
 *
 * @example
 * ```ts
 * escapeHtml('<script>&"'); // "&lt;script&gt;&amp;&quot;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A link Telegram accepts in `<a href>`: only absolute http(s) URLs, anything else stays text. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === "http:" || protocol === "https:" ? url : undefined;
}

const sentences = new Intl.Segmenter("und", { granularity: "sentence" });
const words = new Intl.Segmenter("und", { granularity: "word" });

/**
 * Shortens `text` to at most `max` characters (UTF-16 units, as Telegram counts), cutting after a
 * whole sentence when possible, else after a whole word, and marking the cut with "…". Plain text in,
 * plain text out: escape afterwards, so an entity like `&amp;` can never be cut.
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

const size = (b: RenderedMessage) => Math.max(b.html.length, b.plain.length);

/**
 * Packs blocks into as few messages as fit under `limit`, never splitting a block. A block that is
 * alone too long must have been trimmed by the caller; it is then cut as plain text as a last resort.
 *
 * @example
 * ```ts
 * packBlocks([{ html: "<b>a</b>", plain: "a" }, { html: "b", plain: "b", join: "\n" }]);
 * // [{ html: "<b>a</b>\nb", plain: "a\nb" }]
 * ```
 */
export function packBlocks(
  blocks: Block[],
  limit: number = TELEGRAM_LIMITS.messageLength,
): RenderedMessage[] {
  const out: RenderedMessage[] = [];
  let current: RenderedMessage | undefined;
  for (const block of blocks) {
    const fitted = size(block) <= limit ? block : lastResort(block, limit);
    const join = block.join ?? "\n\n";
    if (current && size(current) + join.length + size(fitted) <= limit) {
      current = { html: current.html + join + fitted.html, plain: current.plain + join + fitted.plain };
      continue;
    }
    if (current) out.push(current);
    current = { html: fitted.html, plain: fitted.plain };
  }
  if (current) out.push(current);
  return out;
}

function lastResort(block: Block, limit: number): RenderedMessage {
  // Escaping can grow text up to six-fold (`"` → `&quot;`), so shrink until the HTML fits.
  let max = limit;
  let html = escapeHtml(trimText(block.plain, max));
  while (html.length > limit && max > 1) {
    max = Math.floor(max * 0.8);
    html = escapeHtml(trimText(block.plain, max));
  }
  return { html, plain: trimText(block.plain, limit) };
}
