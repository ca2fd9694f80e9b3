/**
 * @module
 * Who is asking where, as the chat service sees it. A thread is one conversation shared by
 * everyone in it (follow-ups there belong to the question that opened it); anywhere else the
 * conversation is the user in that channel.
 */
import type { Interaction, Message } from "discord.js";
import type { Asker } from "../../service/chat-service.ts";

/**
 * The asker of an interaction or a message.
 *
 * @example
 * ```ts
 * await ctx.service.ask(askerOf(interaction), question);
 * ```
 */
export function askerOf(event: Interaction | Message): Asker {
  const user = "user" in event ? event.user.id : event.author.id;
  const chat = event.channelId ?? user;
  const inThread = event.channel?.isThread() ?? false;
  return {
    platform: "discord",
    user,
    chat,
    conversation: inThread ? `thread:${chat}` : undefined,
    language: "locale" in event ? event.locale : undefined,
    community: event.guildId ? `discord:${event.guildId}` : undefined,
  };
}
