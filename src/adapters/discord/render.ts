/**
 * @module
 * Pure rendering of an {@link Answer} into a Discord message payload: quotes verbatim (escaped)
 * with their citation numbers, the cited sources as fields, buttons, and empty allowed mentions.
 * Every payload it returns is within Discord's limits, whatever the documents contain.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  bold,
  hyperlink,
  italic,
  quote as quoteLine,
} from "discord.js";
import type { Answer, Quote, Source } from "../../core/types.ts";
import type { AnswerPage, ChatReply } from "../../service/chat-service.ts";
import { type Locale, message } from "../../service/messages.ts";
import { citedSources, quoteAlso } from "../shared/quote-also.ts";
import { quoteLanguage } from "../shared/quote-language.ts";
import { quoteLink } from "../shared/quote-link.ts";
import { quoteLocation } from "../shared/quote-location.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { defuseMentions, toDiscordText, truncateWords } from "./markdown.ts";

/** No `@everyone`, role or user ping, ever; set on the client and on every reply. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

/** A message payload discord.js accepts for replies, edits, follow-ups and channel sends. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
}

/** What the buttons under an answer point back to. */
export interface AnswerButtons {
  /** Short id of the stored question (see `AnswerStore`); without it no buttons are shown. */
  answerId?: string;
  /** Offset of the next page of quotes, when there may be more. */
  nextOffset?: number;
  /** The language of the bot's own words; default English. */
  locale?: Locale;
}

const COLOR_ANSWER = 0x2b7a78;
const COLOR_ABSTAIN = 0x8a8a8a;
export const NOT_COVERED = message("en", "not_covered");

/**
 * Characters an embed counts toward Discord's 6000 total.
 *
 * @example
 * ```ts
 * embedLength({ title: "ab", description: "cd" }); // 4
 * ```
 */
export function embedLength(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    fields +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}

const fits = (e: APIEmbed) =>
  embedLength(e) <= L.embedTotal &&
  (e.description?.length ?? 0) <= L.embedDescription &&
  (e.fields?.length ?? 0) <= L.embedFields;

/** What is shown beside a quote's text: the link its citation opens, and its language when it differs. */
interface QuoteMarks {
  link?: string;
  language?: string;
  /** Where else the quote is said ("also in [2]"). */
  also?: string;
}

/**
 * `> quote text [**[n]**](link) *¶9 · Section* (Hindi) (also in [2])`, every line of the quote
 * kept inside the block quote; the citation links to the quoted words when the source has a web
 * address.
 */
function formatQuote(text: string, quote: Quote, marks: QuoteMarks = {}): string {
  const where = quoteLocation(quote);
  const { link, language, also } = marks;
  const number = bold(`[${quote.source}]`);
  // a link Markdown can't hold whole (spaces, parentheses, very long) is left off; the number stays
  const cite = link && link.length <= 512 && !/[\s()]/.test(link) ? hyperlink(number, link) : number;
  const body = `${toDiscordText(text.trim())} ${cite}${where ? ` ${italic(toDiscordText(where))}` : ""}${language ? ` (${toDiscordText(language)})` : ""}${also ? ` (${toDiscordText(also)})` : ""}`;
  return body.split(/\r?\n/).map(quoteLine).join("\n");
}

/** The longest word-boundary prefix of the quote whose formatted form fits `budget`. */
function formatQuoteWithin(quote: Quote, budget: number, marks: QuoteMarks): string | undefined {
  if (quote.text.length <= budget) {
    const full = formatQuote(quote.text, quote, marks);
    if (full.length <= budget) return full;
  }
  // escaping only ever lengthens text, so nothing past `budget` raw characters can fit
  const words = truncateWords(quote.text.trim(), budget).split(/(?<=\s)/);
  let lo = 0;
  let hi = words.length - 1;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = formatQuote(
      `${words
        .slice(0, mid + 1)
        .join("")
        .trimEnd()}…`,
      quote,
      marks,
    );
    if (candidate.length <= budget) {
      best = candidate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function sourceField(s: Source): APIEmbedField {
  // raw text is cut to the limit first: escaping only lengthens it, and is slow on long text
  const name = truncateWords(
    `[${s.n}] ${toDiscordText(truncateWords(s.title || s.file, L.fieldName))}`,
    L.fieldName,
  );
  const facts = [s.publisher, s.date]
    .filter(Boolean)
    .map((v) => toDiscordText(truncateWords(String(v), 400)));
  const lines = [facts.join(" · ") || toDiscordText(s.file)];
  if (s.url && /^https?:\/\//i.test(s.url) && s.url.length < L.fieldValue / 2) lines.push(s.url);
  return { name, value: truncateWords(lines.join("\n"), L.fieldValue) };
}

function title(answer: Answer, offset: number): string {
  const q =
    toDiscordText(truncateWords(answer.question.replace(/\s+/g, " ").trim(), L.embedTitle)) ||
    "Your question";
  return truncateWords(offset > 0 ? `More sources: ${q}` : q, L.embedTitle);
}

function buttons(answered: boolean, b: AnswerButtons): DiscordMessage["components"] {
  if (!b.answerId || !answered) return [];
  const row: APIButtonComponent[] = [];
  if (b.nextOffset !== undefined) {
    const label = message(b.locale ?? "en", "more_sources");
    row.push({ type: 2, style: 2, label, custom_id: `more:${b.answerId}:${b.nextOffset}` });
  }
  row.push({ type: 2, style: 2, emoji: { name: "👍" }, custom_id: `vote:up:${b.answerId}` });
  row.push({ type: 2, style: 2, emoji: { name: "👎" }, custom_id: `vote:down:${b.answerId}` });
  return [{ type: 1, components: row }];
}

/** Escaping is costly on long text (discord.js's escapeMarkdown is super-linear), so each quote and source is formatted once. */
class Formatted {
  readonly #quotes = new Map<Quote, string>();
  readonly #fields = new Map<number, APIEmbedField>();
  constructor(
    readonly sources: Source[] = [],
    readonly locale: Locale = "en",
  ) {}
  marks(q: Quote): QuoteMarks {
    return {
      link: quoteLink(
        q,
        this.sources.find((s) => s.n === q.source),
      ),
      language: quoteLanguage(q, this.locale),
      also: quoteAlso(q, this.locale),
    };
  }
  quote(q: Quote): string {
    const text = this.#quotes.get(q) ?? formatQuote(q.text, q, this.marks(q));
    this.#quotes.set(q, text);
    return text;
  }
  field(s: Source): APIEmbedField {
    const field = this.#fields.get(s.n) ?? sourceField(s);
    this.#fields.set(s.n, field);
    return field;
  }
}

function quotesEmbed(answer: Answer, offset: number, shown: Quote[], trimFirst: boolean, f: Formatted) {
  const cited = new Set(citedSources(shown));
  const embed: APIEmbed = {
    color: COLOR_ANSWER,
    title: title(answer, offset),
    fields: answer.sources.filter((s) => cited.has(s.n)).map((s) => f.field(s)),
    footer: { text: "Verbatim quotes from the indexed documents; [n] cites the numbered source." },
  };
  const budget = Math.min(L.embedDescription, L.embedTotal - embedLength(embed));
  // cheap early exit before escaping: escaped text is never shorter than the raw text
  if (!trimFirst && shown.reduce((n, q) => n + q.text.length, 0) > budget) return undefined;
  if (trimFirst) {
    const first = shown[0] && formatQuoteWithin(shown[0], budget, f.marks(shown[0]));
    if (!first) return undefined;
    embed.description = first;
  } else embed.description = shown.map((q) => f.quote(q)).join("\n\n");
  return fits(embed) ? embed : undefined;
}

/**
 * Renders an answer (or one page of it, for "More sources") as a Discord message.
 * Quotes that do not fit are dropped whole, from the last; a lone quote longer than an embed
 * allows is cut at a word boundary with "…".
 *
 * @example
 * ```ts
 * const message = renderAnswer(library.ask("does whatsapp read my messages?"), { answerId: "a1", nextOffset: 4 });
 * await interaction.editReply(message);
 * ```
 */
export function renderAnswer(answer: Answer, b: AnswerButtons = {}, offset = 0): DiscordMessage {
  const locale = b.locale ?? "en";
  if (answer.kind === "smalltalk") return renderSmalltalk(answer, locale);
  if (!answer.answered || answer.quotes.length === 0) {
    const description =
      offset > 0
        ? "No more quotes in the documents for this question."
        : `${bold(message(locale, "not_covered"))} ${toDiscordText(message(locale, "not_covered_hint"))}`;
    const embed: APIEmbed = { color: COLOR_ABSTAIN, title: title(answer, offset), description };
    return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
  }
  const f = new Formatted(answer.sources, locale);
  let embed: APIEmbed | undefined;
  for (let k = answer.quotes.length; k >= 1 && !embed; k--) {
    embed = quotesEmbed(answer, offset, answer.quotes.slice(0, k), false, f);
  }
  embed ??= quotesEmbed(answer, offset, answer.quotes.slice(0, 1), true, f);
  // Only possible with a pathological source list: fall back to a plain, always-valid message.
  embed ??= {
    color: COLOR_ANSWER,
    title: title(answer, offset),
    description: "The answer is too large to show.",
  };
  return { embeds: [embed], components: buttons(true, b), allowedMentions: NO_MENTIONS };
}

/** A friendly reply to "hi" or "thanks", with questions the documents can answer. */
function renderSmalltalk(answer: Answer, locale: Locale): DiscordMessage {
  const examples = (answer.examples ?? [])
    .slice(0, 5)
    .map((e) => `• ${italic(toDiscordText(truncateWords(e, 200)))}`);
  return renderNotice([message(locale, "smalltalk"), ...examples].join("\n"));
}

/**
 * The chat service's reply as a message: a page of an answer with its buttons, or a notice;
 * `undefined` when the service says to stay quiet (a flood past its first "slow down").
 *
 * @example
 * ```ts
 * const message = renderReply(await ctx.service.ask(asker, question));
 * if (message) await interaction.editReply(message);
 * ```
 */
export function renderReply(reply: ChatReply): DiscordMessage | undefined {
  if (reply.kind === "quiet") return undefined;
  if (reply.kind === "notice") return renderNotice(reply.text);
  return renderPage(reply.page, reply.locale);
}

function renderPage(page: AnswerPage, locale: Locale): DiscordMessage {
  const nextOffset = page.hasMore ? page.offset + page.answer.quotes.length : undefined;
  return renderAnswer(page.answer, { answerId: page.id, nextOffset, locale }, page.offset);
}

/**
 * A short plain-text message (errors, confirmations), trimmed to Discord's content limit.
 *
 * @example
 * ```ts
 * await interaction.reply({ ...renderNotice("Sorry, something went wrong."), flags: MessageFlags.Ephemeral });
 * ```
 */
export function renderNotice(text: string): DiscordMessage {
  return {
    content: truncateWords(defuseMentions(text), L.content),
    embeds: [],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}
