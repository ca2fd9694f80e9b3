/**
 * @module
 * Pure rendering of an {@link Answer} for Telegram, as text with entities: quotes as blockquotes
 * (long ones expandable), citation numbers that link to the source, and a source list. Document
 * text is never markup, so nothing needs escaping, and output always fits Telegram's limits.
 */
import { FormattedString as F, fmt } from "@grammyjs/parse-mode";
import type { Answer, Quote, Source } from "../../core/types.ts";
import { type Locale, message } from "../../service/messages.ts";
import { citedSources, quoteAlso } from "../shared/quote-also.ts";
import { quoteLanguage } from "../shared/quote-language.ts";
import { quoteLink } from "../shared/quote-link.ts";
import { quoteLocation } from "../shared/quote-location.ts";
import { type Block, packBlocks, type RenderedMessage, safeUrl, trimText } from "./formatted.ts";
import { TELEGRAM_LIMITS } from "./limits.ts";

export type { RenderedMessage } from "./formatted.ts";

/** Options for {@link renderAnswer}. */
export interface RenderAnswerOptions {
  /** Longest message, default Telegram's 4096. */
  limit?: number;
  /** Split into at most this many messages; whole quotes beyond are left for "More sources". Default 3. */
  maxMessages?: number;
  /** Repeat the question on top (inline results land in chats that never saw it). */
  showQuestion?: boolean;
  /** Quotes longer than this many characters are collapsed into an expandable blockquote. Default 400. */
  expandableOver?: number;
  /** The language of the bot's own words; default English. */
  locale?: Locale;
}

/** What {@link renderAnswer} produced. */
export interface RenderedAnswer {
  messages: RenderedMessage[];
  /** How many of `answer.quotes` the messages show (the rest is for "More sources"). */
  quotesShown: number;
}

const defaults: Required<RenderAnswerOptions> = {
  limit: TELEGRAM_LIMITS.messageLength,
  maxMessages: 3,
  showQuestion: false,
  expandableOver: 400,
  locale: "en",
};

/** Words shown when the core abstains. */
export const NOT_COVERED = message("en", "not_covered");

/**
 * Renders an answer as one or more Telegram messages.
 *
 * @example
 * ```ts
 * const { messages } = renderAnswer(library.ask("does whatsapp read my messages?"));
 * for (const m of messages) await ctx.reply(m.text, { entities: m.entities });
 * ```
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions = {}): RenderedAnswer {
  const opts = { ...defaults, ...options };
  if (answer.kind === "smalltalk")
    return { messages: packBlocks(smalltalkBlocks(answer, opts.locale)), quotesShown: 0 };
  const answered = answer.answered && answer.quotes.length > 0;
  // When abstaining, at most two closest passages, clearly labelled as not an answer.
  const candidates = answered ? answer.quotes : answer.quotes.slice(0, 2);
  // Drop whole quotes from the end until the rest fits; never cut a quote in the middle of a tag.
  const fewest = Math.min(1, candidates.length);
  for (let count = candidates.length; ; count--) {
    const messages = packBlocks(buildBlocks(answer, candidates.slice(0, count), answered, opts), opts.limit);
    // Even the best quote alone overflowing (only with absurd titles) still never exceeds the limits.
    if (messages.length <= opts.maxMessages || count <= fewest) {
      return { messages: messages.slice(0, Math.max(1, opts.maxMessages)), quotesShown: count };
    }
  }
}

function buildBlocks(
  answer: Answer,
  quotes: Quote[],
  answered: boolean,
  opts: Required<RenderAnswerOptions>,
): Block[] {
  const blocks: Block[] = [];
  if (opts.showQuestion) {
    const q = trimText(answer.question, 200);
    blocks.push({ text: fmt`❓ ${F.italic(q)}` });
  }
  const say = (key: "not_covered" | "closest" | "sources") => message(opts.locale, key);
  if (!answered) {
    blocks.push({ text: F.bold(say("not_covered")) });
    if (quotes.length) blocks.push({ text: say("closest") });
  }
  const byN = new Map(answer.sources.map((s) => [s.n, s]));
  // Leave room for the source list next to a long quote, so a quote alone never needs cutting.
  const quoteRoom = opts.limit - 700;
  for (const quote of quotes)
    blocks.push(quoteBlock(quote, byN.get(quote.source), quoteRoom, opts.expandableOver, opts.locale));
  const sources = citedSources(quotes)
    .map((n) => byN.get(n))
    .filter((s): s is Source => s !== undefined);
  if (sources.length) {
    blocks.push({ text: F.bold(say("sources")) });
    for (const s of sources) blocks.push({ text: sourceLine(s), join: "\n" });
  }
  return blocks;
}

/** A friendly reply to "hi" or "thanks", with questions the documents can answer. */
function smalltalkBlocks(answer: Answer, locale: Locale): Block[] {
  const intro = message(locale, "smalltalk");
  const examples = (answer.examples ?? []).slice(0, 5).map((e) => trimText(e, 200));
  return [{ text: intro }, ...examples.map((e) => ({ text: fmt`• ${F.italic(e)}`, join: "\n" as const }))];
}

function quoteBlock(
  quote: Quote,
  source: Source | undefined,
  room: number,
  expandableOver: number,
  locale: Locale,
): Block {
  // the citation is a text_link entity to the quoted words (a text fragment, or a PDF's page)
  const url = safeUrl(quoteLink(quote, source));
  const cite = url ? F.link(`[${quote.source}]`, url) : `[${quote.source}]`;
  const text = trimText(quote.text.trim(), room);
  const where = quoteLocation(quote);
  const language = quoteLanguage(quote, locale);
  const also = quoteAlso(quote, locale);
  const body = fmt`${text} ${cite}${where ? fmt` ${F.italic(where)}` : ""}${language ? ` (${language})` : ""}${also ? ` (${also})` : ""}`;
  return { text: text.length > expandableOver ? F.expandableBlockquote(body) : F.blockquote(body) };
}

/**
 * One entry of a source list: number, title (linked when a URL is known), publisher and date.
 *
 * @example
 * ```ts
 * sourceLine({ n: 1, title: "A & B", file: "a.md", language: "en" }).text; // "[1] A & B", the title bold
 * ```
 */
export function sourceLine(s: {
  /** The citation number, or a bullet for lists that are not an answer's sources. */
  n: number | "•";
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
}): F {
  const title = trimText(s.title, 200);
  const url = safeUrl(s.url);
  const details = [s.publisher && trimText(s.publisher, 100), s.date].filter(Boolean).join(", ");
  const mark = s.n === "•" ? "•" : `[${s.n}]`;
  return fmt`${mark} ${url ? F.link(title, url) : F.bold(title)}${details ? ` — ${details}` : ""}`;
}
