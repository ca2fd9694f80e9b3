/**
 * @module
 * One per-user limit on questions (and button presses), shared by every way of asking, so a single
 * user can't flood the bot. The first refused message gets a short "slow down"; the rest are dropped.
 */
import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import { DEFAULT_RATE_LIMIT, type RateLimit } from "./deps.ts";

export const SLOW_DOWN = "You're asking faster than I can answer. Please wait a few seconds and try again.";

/**
 * Middleware that lets at most `rate.limit` updates per user through in each `rate.windowMs`.
 *
 * @example
 * ```ts
 * const limiter = questionLimiter({ limit: 6, windowMs: 10_000 });
 * composer.command("ask", limiter, handler);
 * ```
 */
export function questionLimiter(rate: RateLimit = DEFAULT_RATE_LIMIT): MiddlewareFn<Context> {
  return limit<Context, never>({
    timeFrame: rate.windowMs,
    limit: rate.limit,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: SLOW_DOWN });
      else if (ctx.inlineQuery)
        return; // nowhere to say it; inline results simply pause
      else if (ctx.chat) await ctx.reply(SLOW_DOWN, replyTo(ctx));
    },
  });
}

/** Reply parameters that thread a reply under the user's message, if there is one. */
export function replyTo(ctx: Context) {
  const id = ctx.msg?.message_id;
  return id && ctx.chat?.type !== "private"
    ? { reply_parameters: { message_id: id, allow_sending_without_reply: true } }
    : {};
}
