/**
 * @module
 * Last in the chain, private chats only: unknown commands and non-text messages get a hint instead
 * of silence. Groups stay quiet (anything not addressed to the bot is chatter).
 */
import { Composer, type Context } from "grammy";
import { message, pickLocale } from "../../../service/messages.ts";

/**
 * Hints for private messages nobody else handled.
 *
 * @example
 * ```ts
 * bot.use(fallbackFeature()); // after every other feature
 * ```
 */
export function fallbackFeature(): Composer<Context> {
  const composer = new Composer<Context>();
  const privateChat = composer.chatType("private");
  const say = (ctx: Context, key: "unknown_command" | "text_only") =>
    ctx.reply(message(pickLocale({ language: ctx.from?.language_code }), key));
  privateChat.on("message:text", (ctx) => say(ctx, "unknown_command"));
  privateChat.on("message", (ctx) => say(ctx, "text_only"));
  return composer;
}
