/**
 * @module
 * Questions: any text in a private chat; in groups `/ask …`, `/ask@bot …`, a mention of the bot or a
 * reply to one of its messages (a reply to an answer is a follow-up to it). Ordinary group chatter
 * never reaches the service.
 */
import { Composer, type Context } from "grammy";
import type { Asker } from "../../../service/chat-service.ts";
import type { FeatureEnv } from "../deps.ts";
import { groupQuestion } from "../group-question.ts";
import { sendReply } from "../reply.ts";

const startsWithCommand = (ctx: Context) =>
  ctx.msg?.entities?.some((e) => e.type === "bot_command" && e.offset === 0);

/**
 * Who is asking where, for the service: the conversation is the user in this chat.
 *
 * @example
 * ```ts
 * await service.ask(askerOf(ctx), ctx.msg.text);
 * ```
 */
export function askerOf(ctx: Context): Asker {
  const user = String(ctx.from?.id ?? ctx.chat?.id ?? "");
  return {
    platform: "telegram",
    user,
    chat: String(ctx.chat?.id ?? user),
    language: ctx.from?.language_code,
    community: communityOf(ctx),
  };
}

/**
 * The community a Telegram update belongs to: its group. Private chats and inline queries (which
 * carry no chat) have none, so they are answered from the base library.
 *
 * @example
 * ```ts
 * communityOf(ctx); // "telegram:-100123" in a supergroup
 * ```
 */
export function communityOf(ctx: Context): string | undefined {
  const chat = ctx.chat;
  return chat && (chat.type === "group" || chat.type === "supergroup") ? `telegram:${chat.id}` : undefined;
}

async function answer(ctx: Context, env: FeatureEnv, text: string): Promise<void> {
  const reply = await env.service.ask(askerOf(ctx), text);
  const threaded = ctx.chat?.type === "private" ? undefined : ctx.msg?.message_id;
  await sendReply(ctx, reply, { replyTo: threaded });
}

/**
 * The ways of asking.
 *
 * @example
 * ```ts
 * bot.use(askFeature(env));
 * ```
 */
export function askFeature(env: FeatureEnv): Composer<Context> {
  const composer = new Composer<Context>();

  // A bare /ask gets the service's "please type a question", like any empty question.
  composer.command("ask", (ctx) => answer(ctx, env, ctx.match));

  const privateChat = composer.chatType("private");
  privateChat.on("message:text").filter(
    (ctx) => !startsWithCommand(ctx),
    (ctx) => answer(ctx, env, ctx.msg.text),
  );

  const groups = composer.chatType(["group", "supergroup"]);
  groups.on("message:text").filter(
    (ctx) => groupQuestion(ctx.msg, ctx.me) !== undefined,
    (ctx) => answer(ctx, env, groupQuestion(ctx.msg, ctx.me) ?? ""),
  );
  return composer;
}
