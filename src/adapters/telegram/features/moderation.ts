/**
 * @module
 * Moderator commands. `/reindex` re-reads the documents folder and replies with the report; the
 * library queues concurrent reindexes, so two moderators at once never run in parallel.
 */
import { Composer, type Context } from "grammy";
import type { FeatureEnv } from "../answer-reply.ts";
import type { TelegramSettings } from "../deps.ts";
import { escapeHtml } from "../html.ts";
import { moderatorsOnly } from "../moderator-guard.ts";
import { replyTo } from "../rate-limit.ts";
import { renderReindex } from "../render-lists.ts";
import { editRendered, sendRendered } from "../reply.ts";
import { safeError } from "../safe-error.ts";

/**
 * The moderator commands, each behind {@link moderatorsOnly}.
 *
 * @example
 * ```ts
 * bot.use(moderationFeature(settings, env));
 * ```
 */
export function moderationFeature(settings: TelegramSettings, env: FeatureEnv): Composer<Context> {
  const { library, logger } = env.deps;
  const composer = new Composer<Context>();
  composer.command("reindex", moderatorsOnly("/reindex", settings.adminIds, logger), async (ctx) => {
    const status = await ctx.reply("Reindexing the documents…", replyTo(ctx));
    logger.info({ chat: ctx.chat.id, user: ctx.from?.id }, "reindex requested on telegram");
    let messages: ReturnType<typeof renderReindex>;
    try {
      messages = renderReindex(await library.reindex());
    } catch (err) {
      logger.error({ err: safeError(err) }, "reindex failed");
      const text = `Reindex failed: ${err instanceof Error ? err.message : String(err)}. The previous index is still answering.`;
      messages = [{ html: escapeHtml(text.slice(0, 3000)), plain: text.slice(0, 3000) }];
    }
    const [first, ...rest] = messages;
    if (first) await editRendered(ctx, ctx.chat.id, status.message_id, first, logger);
    if (rest.length) await sendRendered(ctx, rest, logger);
  });
  return composer;
}
