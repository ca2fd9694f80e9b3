/**
 * @module
 * Sends what the chat service answered: a page of quotes with its buttons, or a short notice.
 * Messages go as text with entities, which Telegram never has to parse, so no formatting can be
 * rejected and no plain-text fallback is needed.
 */
import type { Context } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { ChatReply } from "../../service/chat-service.ts";
import { message } from "../../service/messages.ts";
import { answerKeyboard } from "./callback-data.ts";
import type { RenderedMessage } from "./formatted.ts";
import { renderAnswer } from "./render.ts";

/** Reply parameters that thread a reply under the user's message in a group. */
export function replyTo(ctx: Context) {
  const id = ctx.msg?.message_id;
  return id && ctx.chat?.type !== "private"
    ? { reply_parameters: { message_id: id, allow_sending_without_reply: true } }
    : {};
}

/**
 * Sends the service's reply in the chat of `ctx`: a page rendered with "More sources" (when the
 * ranking holds more than was shown) and 👍/👎, a notice as plain text, silence when told to.
 *
 * @example
 * ```ts
 * await sendReply(ctx, await service.ask(asker, text), { replyTo: ctx.msg?.message_id });
 * ```
 */
export async function sendReply(
  ctx: Context,
  reply: ChatReply,
  options: { replyTo?: number } = {},
): Promise<void> {
  if (reply.kind === "quiet") return;
  if (reply.kind === "notice") {
    await ctx.reply(reply.text, replyTo(ctx));
    return;
  }
  const { page, locale } = reply;
  const { messages, quotesShown } = renderAnswer(page.answer, { locale });
  // The renderer may show fewer quotes than the page holds (very long ones): "more" goes on from there.
  const next = page.offset + quotesShown;
  const more = page.answer.answered && quotesShown > 0 && next < page.total ? next : undefined;
  const buttons =
    page.answer.kind === "smalltalk"
      ? undefined
      : answerKeyboard(page.id, more, message(locale, "more_sources"));
  await sendRendered(ctx, messages, { keyboard: buttons, replyTo: options.replyTo });
}

/** Options for {@link sendRendered}. */
export interface SendOptions {
  /** Keyboard for the last message. */
  keyboard?: InlineKeyboardMarkup;
  /** Message to reply to (groups: keeps the answer next to the question). */
  replyTo?: number;
}

/**
 * Sends each message in order to the chat of `ctx`; returns the last one sent.
 *
 * @example
 * ```ts
 * await sendRendered(ctx, renderAnswer(answer).messages, { keyboard });
 * ```
 */
export async function sendRendered(
  ctx: Context,
  messages: RenderedMessage[],
  options: SendOptions = {},
): Promise<Message.TextMessage | undefined> {
  let last: Message.TextMessage | undefined;
  for (const [i, m] of messages.entries()) {
    const isLast = i === messages.length - 1;
    last = await ctx.reply(m.text, {
      entities: m.entities,
      ...(isLast && options.keyboard ? { reply_markup: options.keyboard } : {}),
      ...(i === 0 && options.replyTo
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : {}),
      link_preview_options: { is_disabled: true },
    });
  }
  return last;
}

/**
 * Edits a message to `m`.
 *
 * @example
 * ```ts
 * await editRendered(ctx, chatId, messageId, renderReindex(report)[0]);
 * ```
 */
export async function editRendered(
  ctx: Context,
  chatId: number,
  messageId: number,
  m: RenderedMessage,
): Promise<void> {
  await ctx.api.editMessageText(chatId, messageId, m.text, { entities: m.entities });
}
