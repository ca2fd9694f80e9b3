/**
 * @module
 * Questions asked by mentioning the bot in a channel (answered in a thread), in a direct message,
 * or in a thread the bot opened (a follow-up there needs no mention). All are off unless enabled:
 * mentions and threads need the Message Content intent (`DISCORD_MESSAGE_CONTENT=true`), DMs need
 * `DISCORD_DMS=true`. Without the intent, follow-ups in a thread are asked with `/ask` there.
 */
import { ChannelType, type Message } from "discord.js";
import { pickLocale, message as say } from "../../service/messages.ts";
import { askerOf } from "./asker.ts";
import type { BotContext } from "./deps.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { truncateWords } from "./markdown.ts";
import { renderNotice, renderReply } from "./render.ts";

/**
 * The question in a message, with mentions of the bot (as a user, or its own role) removed.
 *
 * @example
 * ```ts
 * questionFrom("<@42> does whatsapp read my messages?", ["42"]); // "does whatsapp read my messages?"
 * ```
 */
export function questionFrom(content: string, ids: string[]): string {
  let text = content;
  for (const id of ids.filter((i) => /^\d+$/.test(i)))
    text = text.replace(new RegExp(`<@[!&]?${id}>`, "g"), " ");
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A thread name from a question: one line, at most 100 characters, never empty.
 *
 * @example
 * ```ts
 * threadName("  does\nwhatsapp read my messages? "); // "does whatsapp read my messages?"
 * ```
 */
export function threadName(question: string): string {
  const name = question.replace(/\s+/g, " ").trim();
  return truncateWords(name, L.threadName) || "Question";
}

/**
 * Answers a mention (in a thread started on the message) or a DM; ignores everything else.
 *
 * @example
 * ```ts
 * client.on(Events.MessageCreate, (m) => void handleMessage(m, ctx));
 * ```
 */
export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const botId = message.client.user.id;
  if (message.author.bot || message.system) return;
  const isDm = message.channel.type === ChannelType.DM;
  // people often pick the bot's own role from the @ list instead of the bot; treat both alike
  const botRoles = message.mentions.roles.filter((r) => r.tags?.botId === botId).map((r) => r.id);
  const mentioned = message.mentions.users.has(botId) || botRoles.length > 0;
  const inOwnThread = message.channel.isThread() && message.channel.ownerId === botId;
  if (isDm ? !ctx.settings.dms : !(ctx.settings.messageContent && (mentioned || inOwnThread))) return;

  const question = questionFrom(message.content, [botId, ...botRoles]);
  if (!question) {
    await message.reply(renderNotice(say(pickLocale({ text: message.content }), "ask_after_mention")));
    return;
  }
  const asker = askerOf(message);
  const reply = await ctx.service.ask(asker, question);
  const answer = renderReply(reply);
  if (!answer) return;
  if (isDm || message.channel.isThread()) {
    await message.reply(answer);
    return;
  }
  try {
    const thread = await message.startThread({ name: threadName(question), autoArchiveDuration: 1440 });
    // follow-ups in the thread continue this question
    if (reply.kind === "page") await ctx.service.continueIn(asker, reply.page, `thread:${thread.id}`);
    await thread.send(answer);
  } catch (err) {
    // no thread permission, or a channel type without threads: answer in place instead
    ctx.logger.warn(
      { err, channel: message.channelId },
      "discord: could not start a thread; replying inline",
    );
    await message.reply(answer);
  }
}
