/**
 * @module
 * Last in the chain, private chats only: unknown commands and non-text messages get a hint instead
 * of silence. Groups stay quiet (anything not addressed to the bot is chatter).
 */
import { Composer, type Context } from "grammy";

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
  privateChat.on("message:text", (ctx) =>
    ctx.reply(
      "I don't know that command. Send your question as a plain message, or /help to see how I work.",
    ),
  );
  privateChat.on("message", (ctx) =>
    ctx.reply("I can only read text questions. Please type your question as a message."),
  );
  return composer;
}
