/**
 * @module
 * Decides whether a group message is addressed to the bot (it mentions the bot, or replies to one of
 * the bot's messages) and extracts the question. Everything else in a group is chatter and ignored.
 */
import type { Message, UserFromGetMe } from "grammy/types";

/**
 * The question in a group message, with the bot's mention removed; `undefined` when the message is
 * not addressed to the bot (or is a command, which command handlers own). May return "" for a bare mention.
 *
 * @example
 * ```ts
 * groupQuestion(ctx.msg, ctx.me); // "does whatsapp read my messages?" for "@cite_bot does whatsapp read my messages?"
 * ```
 */
export function groupQuestion(msg: Message, me: UserFromGetMe): string | undefined {
  const text = msg.text ?? "";
  const entities = msg.entities ?? [];
  if (entities.some((e) => e.type === "bot_command" && e.offset === 0)) return undefined;
  const handle = `@${me.username}`.toLowerCase();
  let question = text;
  let mentioned = false;
  // Cut mentions from the end so earlier offsets stay valid (offsets are UTF-16, like JS strings).
  for (const e of [...entities].sort((a, b) => b.offset - a.offset)) {
    const isMe =
      (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === "text_mention" && e.user.id === me.id);
    if (!isMe) continue;
    mentioned = true;
    question = question.slice(0, e.offset) + question.slice(e.offset + e.length);
  }
  const repliesToMe = msg.reply_to_message?.from?.id === me.id;
  if (!mentioned && !repliesToMe) return undefined;
  return question
    .replace(/^[\s,:;—–-]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}
