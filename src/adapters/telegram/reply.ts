/**
 * @module
 * Sends rendered messages: HTML first, and if Telegram rejects the formatting (400 "can't parse
 * entities"), the plain-text twin of the same message, so the user never gets silence.
 */
import { type Context, GrammyError } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { AppLogger } from "../../logger.ts";
import type { RenderedMessage } from "./html.ts";
import { safeError } from "./safe-error.ts";

/** Options for {@link sendRendered}. */
export interface SendOptions {
  /** Keyboard for the last message. */
  keyboard?: InlineKeyboardMarkup;
  /** Message to reply to (groups: keeps the answer next to the question). */
  replyTo?: number;
}

const isFormattingError = (e: unknown) =>
  e instanceof GrammyError && e.error_code === 400 && /parse entities|entit|tag/i.test(e.description);

/**
 * Sends each message in order to the chat of `ctx`; returns the last one sent.
 *
 * @example
 * ```ts
 * await sendRendered(ctx, renderAnswer(answer).messages, logger, { keyboard });
 * ```
 */
export async function sendRendered(
  ctx: Context,
  messages: RenderedMessage[],
  logger: AppLogger,
  options: SendOptions = {},
): Promise<Message.TextMessage | undefined> {
  let last: Message.TextMessage | undefined;
  for (const [i, m] of messages.entries()) {
    const isLast = i === messages.length - 1;
    const extra = {
      ...(isLast && options.keyboard ? { reply_markup: options.keyboard } : {}),
      ...(i === 0 && options.replyTo
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : {}),
      link_preview_options: { is_disabled: true },
    };
    try {
      last = await ctx.reply(m.html, { ...extra, parse_mode: "HTML" });
    } catch (error) {
      if (!isFormattingError(error)) throw error;
      logger.warn(
        { err: safeError(error), chat: ctx.chat?.id },
        "telegram rejected the HTML; sending plain text instead",
      );
      last = await ctx.reply(m.plain, extra);
    }
  }
  return last;
}

/**
 * Edits a message to `m`, falling back to plain text like {@link sendRendered}.
 *
 * @example
 * ```ts
 * await editRendered(ctx, chatId, messageId, renderReindex(report)[0], logger);
 * ```
 */
export async function editRendered(
  ctx: Context,
  chatId: number,
  messageId: number,
  m: RenderedMessage,
  logger: AppLogger,
): Promise<void> {
  try {
    await ctx.api.editMessageText(chatId, messageId, m.html, { parse_mode: "HTML" });
  } catch (error) {
    if (!isFormattingError(error)) throw error;
    logger.warn(
      { err: safeError(error), chat: chatId },
      "telegram rejected the HTML; editing with plain text instead",
    );
    await ctx.api.editMessageText(chatId, messageId, m.plain);
  }
}
