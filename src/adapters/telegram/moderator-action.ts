/**
 * @module
 * Runs one moderator action in a chat: posts a status line ("Adding faq.md…"), does the work, then
 * edits the status into the result. Errors written for the moderator (a refused upload, no index to
 * roll back to, a failed download) are shown as they are; anything else is logged, and the
 * moderator gets a short apology instead of internals such as file system paths.
 */
import type { Context } from "grammy";
import { isModeratorFacingError, type Moderator } from "../../moderation/moderator-actions.ts";
import { UploadError } from "../../moderation/upload-error.ts";
import type { FeatureEnv } from "./deps.ts";
import { communityOf } from "./features/ask.ts";
import { TelegramDownloadError } from "./file-download.ts";
import type { RenderedMessage } from "./formatted.ts";
import { renderNotice } from "./render-moderation.ts";
import { editRendered, replyTo, sendRendered } from "./reply.ts";

/** Said when moderation is not wired into this deployment (no `moderation` in the deps). */
export const NOT_CONFIGURED =
  "Moderation is not configured on this deployment, so this command is unavailable here. Ask the operator to start citebot with moderation (as `npm start` does).";

/**
 * Who is acting, for the audit log: the raw id (stored only hashed) and a readable label.
 *
 * @example
 * ```ts
 * await moderation.rollback(moderatorOf(ctx));
 * ```
 */
export function moderatorOf(ctx: Context): Moderator {
  const from = ctx.from;
  const where = { platform: "telegram" as const, community: communityOf(ctx) };
  // An anonymous administrator posts as the group; Telegram hides who it was.
  if (ctx.msg?.sender_chat && ctx.msg.sender_chat.id === ctx.chat?.id) {
    return { ...where, label: "anonymous group administrator" };
  }
  if (!from) return where;
  return { ...where, user: String(from.id), label: from.username ? `@${from.username}` : from.first_name };
}

/**
 * Posts `status`, runs `work`, and edits the status into its result (extra messages follow).
 *
 * @example
 * ```ts
 * await runModeratorAction(ctx, env, "Rolling back…", "roll back", async () =>
 *   renderRollback(await moderation.rollback(moderatorOf(ctx))));
 * ```
 */
export async function runModeratorAction(
  ctx: Context,
  env: FeatureEnv,
  status: string,
  verb: string,
  work: () => Promise<RenderedMessage[]>,
): Promise<void> {
  const { logger } = env.deps;
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const posted = await ctx.reply(status, replyTo(ctx));
  logger.info({ chat: chatId, user: ctx.from?.id, action: verb }, "moderator action on telegram");
  let messages: RenderedMessage[];
  try {
    messages = await work();
  } catch (err) {
    messages = [renderNotice(failureText(err, verb, env))];
  }
  const [first, ...rest] = messages;
  if (first) await editRendered(ctx, chatId, posted.message_id, first);
  if (rest.length) await sendRendered(ctx, rest);
}

/** The words for a failed action: the error's own message when it is written for the moderator. */
export function failureText(err: unknown, verb: string, env: FeatureEnv): string {
  if (err instanceof UploadError && err.code === "exists") {
    return `${err.message} Here: send the file again with the caption /add overwrite.`;
  }
  if (err instanceof TelegramDownloadError) {
    env.deps.logger.warn({ err }, "downloading a moderator's file failed");
    return err.message;
  }
  if (err instanceof UploadError) return err.message;
  if (isModeratorFacingError(err)) return `Could not ${verb}: ${err.message}`;
  env.deps.logger.error({ err, action: verb }, "moderator action failed");
  return `Sorry, I could not ${verb} because of an internal error; the details are in citebot's log.`;
}
