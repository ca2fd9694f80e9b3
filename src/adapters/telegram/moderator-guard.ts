/**
 * @module
 * The one permission rule for moderator commands (`/reindex`, `/add`, `/remove`, `/rollback`, `/stats`):
 * in groups, the group's administrators and creator (asked of Telegram with getChatMember); in private
 * chats, the user ids in `TELEGRAM_ADMIN_IDS`. With `TELEGRAM_MODERATOR_CHATS` set, only the groups
 * listed there count: anyone can create a group and add the bot, and the documents are shared by all.
 * Everyone else gets a polite refusal and nothing runs, and the attempt goes to the audit log.
 */
import type { Context, MiddlewareFn } from "grammy";
import type { AppLogger } from "../../logger.ts";
import type { RefusalRecorder } from "../../moderation/audit-log.ts";
import { moderatorOf } from "./moderator-action.ts";
import { replyTo } from "./reply.ts";

/** Who may moderate: {@link TelegramSettings}'s `adminIds` and `moderatorChats` (empty: any group). */
export interface ModeratorRule {
  adminIds: readonly number[];
  moderatorChats?: readonly number[];
}

/** Whether group administrators of this chat may moderate at all. */
const groupMayModerate = (rule: ModeratorRule, chatId: number) =>
  !rule.moderatorChats?.length || rule.moderatorChats.includes(chatId);

/**
 * Whether the sender of this update may moderate here.
 *
 * @example
 * ```ts
 * if (await isModerator(ctx, settings)) await library.reindex();
 * ```
 */
export async function isModerator(ctx: Context, rule: ModeratorRule): Promise<boolean> {
  return (await refusalReason(ctx, rule)) === undefined;
}

/** Why the sender may not moderate here, for the audit log; `undefined` when they may. */
async function refusalReason(ctx: Context, rule: ModeratorRule): Promise<string | undefined> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return "no chat or sender";
  if (chat.type === "private")
    return rule.adminIds.includes(from.id) ? undefined : "private chat, user not in TELEGRAM_ADMIN_IDS";
  if (chat.type !== "group" && chat.type !== "supergroup") return `not allowed in a ${chat.type}`;
  if (!groupMayModerate(rule, chat.id)) return "group not in TELEGRAM_MODERATOR_CHATS";
  // An anonymous administrator posts as the group itself; only admins can do that.
  if (ctx.msg?.sender_chat?.id === chat.id) return undefined;
  const member = await ctx.api.getChatMember(chat.id, from.id);
  return member.status === "creator" || member.status === "administrator"
    ? undefined
    : `not an administrator of this group (${member.status})`;
}

/**
 * {@link isModerator} for what is only a courtesy (showing moderator help, file names in /sources):
 * if Telegram can't tell, the answer is no, and the failure is logged rather than thrown.
 *
 * @example
 * ```ts
 * const help = renderHelp(docs, me, chatType, { moderator: await mayModerate(ctx, settings, logger) });
 * ```
 */
export async function mayModerate(ctx: Context, rule: ModeratorRule, logger: AppLogger): Promise<boolean> {
  try {
    return await isModerator(ctx, rule);
  } catch (err) {
    logger.warn({ err, chat: ctx.chat?.id }, "could not check administrator status");
    return false;
  }
}

/**
 * Middleware that lets only moderators through to `command`'s handler; every refusal is recorded
 * in `audit` (who, as a hash and label; which command; why).
 *
 * @example
 * ```ts
 * composer.command("reindex", moderatorsOnly("/reindex", settings, logger, audit), runReindex);
 * ```
 */
export function moderatorsOnly(
  command: string,
  rule: ModeratorRule,
  logger: AppLogger,
  audit?: RefusalRecorder,
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    let reason: string | undefined;
    try {
      reason = await refusalReason(ctx, rule);
    } catch (err) {
      // If Telegram can't tell us, refuse: running a moderator command by mistake is worse.
      logger.warn({ err, chat: ctx.chat?.id }, "could not check administrator status");
      reason = "administrator status could not be checked";
    }
    if (reason === undefined) return next();
    logger.info({ chat: ctx.chat?.id, user: ctx.from?.id, command, reason }, "moderator command refused");
    const { platform, user, label, community } = moderatorOf(ctx);
    await audit?.refused({ platform, user, label, community, command, reason });
    const refusal =
      ctx.chat?.type === "private"
        ? `Sorry, only citebot's moderators can use ${command}. If that should include you, ask the operator to add your user id ${ctx.from?.id ?? ""} to TELEGRAM_ADMIN_IDS.`
        : groupMayModerate(rule, ctx.chat?.id ?? 0)
          ? `Sorry, only this group's administrators can use ${command}.`
          : `Sorry, ${command} is not enabled in this group. The operator can allow it by adding this group's id ${ctx.chat?.id ?? ""} to TELEGRAM_MODERATOR_CHATS.`;
    await ctx.reply(refusal, replyTo(ctx));
  };
}
