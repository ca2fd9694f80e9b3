/**
 * @module
 * Asking the library and turning the answer into a message, shared by /ask, mentions, DMs and
 * the "More sources" button, so all of them answer alike and record usage alike.
 */
import type { BotContext } from "./deps.ts";
import { type DiscordMessage, renderAnswer } from "./render.ts";

/** Quotes shown per message; "More sources" pages by this many. */
export const QUOTES_PER_PAGE = 4;
/** "More sources" stops offering more after this many quotes (keeps a button loop bounded). */
export const MAX_OFFSET = 40;

/** Who asked, and how the answer is shown. */
export interface AskContext {
  user: string;
  private: boolean;
  /** Skip this many quotes ("More sources"). */
  offset?: number;
  /** Reuse this stored answer id instead of storing a new one. */
  answerId?: string;
}

/**
 * Answers `question` from the library as a ready-to-send Discord message, remembers it for the
 * buttons, and records the question (first page only) through `ctx.usage`.
 *
 * @example
 * ```ts
 * await interaction.editReply(answerMessage(ctx, "does whatsapp read my messages?", { user: "1", private: false }));
 * ```
 */
export async function answerMessage(
  ctx: BotContext,
  question: string,
  asked: AskContext,
): Promise<DiscordMessage> {
  const offset = Math.min(Math.max(0, asked.offset ?? 0), MAX_OFFSET);
  // one extra quote tells whether a "More sources" button would lead anywhere
  const answer = await ctx.library.ask(question, { offset, limit: QUOTES_PER_PAGE + 1 });
  const hasMore = answer.quotes.length > QUOTES_PER_PAGE && offset + QUOTES_PER_PAGE < MAX_OFFSET;
  const page = { ...answer, quotes: answer.quotes.slice(0, QUOTES_PER_PAGE) };
  const cited = new Set(page.quotes.map((q) => q.source));
  const sources = page.sources.filter((s) => cited.has(s.n)).map((s) => s.file);
  const answerId =
    asked.answerId ??
    (page.answered ? ctx.answers.put({ question, sources, private: asked.private }) : undefined);
  if (offset === 0) {
    try {
      ctx.usage.recordQuestion({
        platform: "discord",
        question,
        answered: page.answered,
        sources,
        user: asked.user,
      });
    } catch (err) {
      ctx.logger.warn({ err }, "discord: could not record a question");
    }
  }
  return renderAnswer(page, { answerId, nextOffset: hasMore ? offset + QUOTES_PER_PAGE : undefined }, offset);
}
