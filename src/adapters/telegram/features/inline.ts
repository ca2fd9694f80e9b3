/**
 * @module
 * Inline mode: `@bot question` in any chat offers the answer and its top passages as results.
 */
import { Composer, type Context, GrammyError } from "grammy";
import type { FeatureEnv } from "../answer-reply.ts";
import { PAGE_SIZE } from "../answer-reply.ts";
import { checkQuestion } from "../question-input.ts";
import { questionLimiter } from "../rate-limit.ts";
import { renderInlineResults } from "../render-inline.ts";
import { safeError } from "../safe-error.ts";

/** Telegram caches results per query text; documents change rarely, so a minute is safe. */
const CACHE_SECONDS = 60;

/**
 * Answers inline queries.
 *
 * @example
 * ```ts
 * bot.use(inlineFeature(env));
 * ```
 */
export function inlineFeature(env: FeatureEnv): Composer<Context> {
  const { library, logger } = env.deps;
  const composer = new Composer<Context>();
  // Inline queries fire as the user types, so they get their own, looser budget.
  const rate = env.deps.rateLimit;
  const limiter = questionLimiter(
    rate ? { ...rate, limit: rate.limit * 5 } : { limit: 30, windowMs: 10_000 },
  );
  composer.on("inline_query", limiter, async (ctx) => {
    const check = checkQuestion(ctx.inlineQuery.query);
    if (!check.ok) {
      // Typing has just begun (or the text is unusable): offer the help instead of results.
      await ctx.answerInlineQuery([], {
        cache_time: 5,
        button: { text: "How to ask me", start_parameter: "help" },
      });
      return;
    }
    const answer = await library.ask(check.question, { limit: PAGE_SIZE });
    try {
      await ctx.answerInlineQuery(renderInlineResults(answer), { cache_time: CACHE_SECONDS });
    } catch (error) {
      if (!(error instanceof GrammyError && error.error_code === 400 && /entit|tag/i.test(error.description)))
        throw error;
      logger.warn({ err: safeError(error) }, "telegram rejected inline HTML; answering with plain text");
      await ctx.answerInlineQuery(renderInlineResults(answer, true), { cache_time: CACHE_SECONDS });
    }
  });
  return composer;
}
