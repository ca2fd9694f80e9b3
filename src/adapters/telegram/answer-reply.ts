/**
 * @module
 * Answers one question in a chat: asks the library, renders, sends with the buttons, remembers the
 * answer for those buttons and records usage. Shared by private chats, groups and "More sources".
 */
import type { Context } from "grammy";
import type { Answer } from "../../core/types.ts";
import type { AnswerStore } from "./answer-store.ts";
import { answerKeyboard } from "./callback-data.ts";
import type { TelegramDeps } from "./deps.ts";
import { renderAnswer } from "./render.ts";
import { sendRendered } from "./reply.ts";
import { safeError } from "./safe-error.ts";

/** Quotes per page; "More sources" asks for the next page. */
export const PAGE_SIZE = 4;

/** What the feature composers share. */
export interface FeatureEnv {
  deps: TelegramDeps;
  store: AnswerStore;
}

/**
 * Asks `question` and replies in the chat of `ctx`.
 *
 * @example
 * ```ts
 * await replyWithAnswer(ctx, env, "does whatsapp read my messages?", { replyTo: ctx.msg?.message_id });
 * ```
 */
export async function replyWithAnswer(
  ctx: Context,
  env: FeatureEnv,
  question: string,
  options: { offset?: number; replyTo?: number; answer?: Answer } = {},
): Promise<void> {
  const { library, logger, usage } = env.deps;
  const offset = options.offset ?? 0;
  const answer = options.answer ?? (await library.ask(question, { offset, limit: PAGE_SIZE }));
  const { messages, quotesShown } = renderAnswer(answer);
  const shown = answer.quotes.slice(0, quotesShown);
  const cited = new Set(shown.map((q) => q.source));
  const files = answer.sources.filter((s) => cited.has(s.n)).map((s) => s.file);
  const next = offset + quotesShown;
  const hasMore =
    answer.answered &&
    quotesShown > 0 &&
    (await library.ask(question, { offset: next, limit: 1 })).quotes.length > 0;
  const id = env.store.put({ question, files, voters: new Set(), expanded: new Set() });
  await sendRendered(ctx, messages, logger, {
    keyboard: answerKeyboard(id, hasMore ? next : undefined),
    replyTo: options.replyTo,
  });
  logger.debug(
    { chat: ctx.chat?.id, answered: answer.answered, quotes: quotesShown, offset },
    "telegram answer sent",
  );
  if (offset > 0) return; // a page of an earlier question, already counted
  try {
    usage?.recordQuestion({
      platform: "telegram",
      question,
      answered: answer.answered,
      sources: files,
      user: ctx.from ? String(ctx.from.id) : undefined,
    });
  } catch (err) {
    logger.warn({ err: safeError(err) }, "recording the question failed");
  }
}
