/**
 * @module
 * The buttons under an answer: "More sources" (the next quotes of the stored ranking, as a reply)
 * and 👍 / 👎 feedback, both through the chat service. A forgotten answer says "too old, ask again".
 */
import { Composer, type Context } from "grammy";
import type { ChatReply } from "../../../service/chat-service.ts";
import { answerKeyboard, parseButton } from "../callback-data.ts";
import type { FeatureEnv } from "../deps.ts";
import { sendReply } from "../reply.ts";
import { askerOf } from "./ask.ts";

/** A notice as the button's toast; a page has no toast. */
const toast = (reply: ChatReply) => (reply.kind === "notice" ? { text: reply.text } : {});

/**
 * Handles presses on answer buttons.
 *
 * @example
 * ```ts
 * bot.use(buttonsFeature(env));
 * ```
 */
export function buttonsFeature(env: FeatureEnv): Composer<Context> {
  const { logger } = env.deps;
  const composer = new Composer<Context>();
  composer.on("callback_query:data", async (ctx) => {
    const action = parseButton(ctx.callbackQuery.data);
    const asker = askerOf(ctx);
    if (action?.kind === "vote") {
      await ctx.answerCallbackQuery(toast(await env.service.vote(asker, action.id, action.vote)));
      return;
    }
    const reply = await env.service.more(asker, action?.id ?? "", action?.offset ?? 0);
    const message = ctx.callbackQuery.message;
    await ctx.answerCallbackQuery(toast(reply));
    if (reply.kind !== "page" || !message || !action) return;
    // Keep 👍/👎 on the earlier page but drop its "More sources", which has now been used.
    await ctx.editMessageReplyMarkup({ reply_markup: answerKeyboard(action.id) }).catch((err: unknown) => {
      logger.debug({ err }, "could not remove the used More sources button");
    });
    await sendReply(ctx, reply, { replyTo: message.message_id });
  });
  return composer;
}
