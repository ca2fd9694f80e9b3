/**
 * @module
 * Telegram's hard limits (Bot API documentation). The renderer keeps under them, and the loopback
 * fake in the tests rejects anything over them exactly as Telegram does, so both read from here.
 */
export const TELEGRAM_LIMITS = {
  /** Characters of message text (entities do not count). */
  messageLength: 4096,
  /** Bytes of `callback_data` on an inline button. */
  callbackData: 64,
  /** Characters of the toast shown by `answerCallbackQuery`. */
  callbackAnswerText: 200,
  /** Results in one `answerInlineQuery`. */
  inlineResults: 50,
  /** Bytes of an inline result id. */
  inlineResultId: 64,
  /** Characters of a command description in `setMyCommands`. */
  commandDescription: 256,
  /** Bytes of a file a bot may download with getFile ("up to 20MB"; decimal, to stay under either reading). */
  fileDownload: 20_000_000,
} as const;
