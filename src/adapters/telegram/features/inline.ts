/**
 * @module
 * Inline mode: `@bot question` in any chat offers the answer and its top passages as results.
 */
import { Composer, type Context } from "grammy";
import { message } from "../../../service/messages.ts";
import type { FeatureEnv } from "../deps.ts";
import { renderInlineResults } from "../render-inline.ts";
import { askerOf } from "./ask.ts";

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
  const composer = new Composer<Context>();
  composer.on("inline_query", async (ctx) => {
    const reply = await env.service.preview(askerOf(ctx), ctx.inlineQuery.query);
    if (reply.kind === "quiet") return; // nowhere to say "slow down"; results simply pause
    if (reply.kind === "notice") {
      // Typing has just begun (or the text is unusable): offer the help instead of results.
      await ctx.answerInlineQuery([], {
        cache_time: 5,
        button: { text: message(reply.locale, "inline_help"), start_parameter: "help" },
      });
      return;
    }
    await ctx.answerInlineQuery(renderInlineResults(reply.page.answer), { cache_time: CACHE_SECONDS });
  });
  return composer;
}
