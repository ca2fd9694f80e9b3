/**
 * @module
 * The buttons under an answer: "More sources" (the next quotes, as a reply) and 👍 / 👎 feedback
 * recorded through the usage recorder. A button whose answer was forgotten says "too old, ask again".
 */
import { Composer, type Context } from "grammy";
import { type FeatureEnv, PAGE_SIZE, replyWithAnswer } from "../answer-reply.ts";
import { answerKeyboard, parseButton } from "../callback-data.ts";
import { questionLimiter } from "../rate-limit.ts";
import { safeError } from "../safe-error.ts";

export const TOO_OLD = "This answer is too old for its buttons now. Please ask your question again.";

/**
 * Handles presses on answer buttons.
 *
 * @example
 * ```ts
 * bot.use(buttonsFeature(env));
 * ```
 */
export function buttonsFeature(env: FeatureEnv): Composer<Context> {
  const { library, logger, usage } = env.deps;
  const composer = new Composer<Context>();
  composer.on("callback_query:data", questionLimiter(env.deps.rateLimit), async (ctx) => {
    const action = parseButton(ctx.callbackQuery.data);
    const stored = action && env.store.get(action.id);
    if (!action || !stored) {
      await ctx.answerCallbackQuery({ text: TOO_OLD });
      return;
    }
    if (action.kind === "vote") {
      if (stored.voters.has(ctx.from.id)) {
        await ctx.answerCallbackQuery({ text: "You already rated this answer. Thank you!" });
        return;
      }
      stored.voters.add(ctx.from.id);
      try {
        usage?.recordFeedback({
          platform: "telegram",
          vote: action.vote,
          question: stored.question,
          sources: stored.files,
          user: String(ctx.from.id),
        });
      } catch (err) {
        logger.warn({ err: safeError(err) }, "recording feedback failed");
      }
      await ctx.answerCallbackQuery({
        text: action.vote === "up" ? "Thanks, glad it helped!" : "Thanks, noted.",
      });
      return;
    }
    if (stored.expanded.has(action.offset)) {
      await ctx.answerCallbackQuery({ text: "Those sources are already shown below." });
      return;
    }
    const page = await library.ask(stored.question, { offset: action.offset, limit: PAGE_SIZE });
    const message = ctx.callbackQuery.message;
    if (!page.answered || !page.quotes.length || !message) {
      await ctx.answerCallbackQuery({ text: "There are no more sources for this question." });
      return;
    }
    stored.expanded.add(action.offset);
    await ctx.answerCallbackQuery();
    // Keep 👍/👎 on the earlier page but drop its "More sources", which has now been used.
    await ctx.editMessageReplyMarkup({ reply_markup: answerKeyboard(action.id) }).catch((err: unknown) => {
      logger.debug({ err: safeError(err) }, "could not remove the used More sources button");
    });
    await replyWithAnswer(ctx, env, stored.question, {
      offset: action.offset,
      answer: page,
      replyTo: message.message_id,
    });
  });
  return composer;
}
