/**
 * @module
 * Named startup errors with a message that says the fix. Tokens never appear in them.
 */

/** Telegram answered 401/404 to getMe: the token is wrong or revoked. */
export class TelegramTokenError extends Error {
  override name = "TelegramTokenError";
  constructor(options?: { cause?: unknown }) {
    super(
      "citebot: the Telegram bot token is wrong or was revoked (Telegram answered 401 Unauthorized). " +
        "Copy the token again from @BotFather (/mybots → your bot → API Token) into TELEGRAM_BOT_TOKEN.",
      options,
    );
  }
}

/** The Bot API could not be reached at startup. */
export class TelegramUnreachableError extends Error {
  override name = "TelegramUnreachableError";
  constructor(apiRoot: string, seconds: number, options?: { cause?: unknown }) {
    super(
      `citebot: could not reach the Telegram Bot API at ${apiRoot} within ${seconds} s. ` +
        "Check the network, or TELEGRAM_API_ROOT if you run a local Bot API server.",
      options,
    );
  }
}

/** The webhook server could not listen. */
export class TelegramWebhookError extends Error {
  override name = "TelegramWebhookError";
  constructor(port: number, options?: { cause?: unknown }) {
    super(
      `citebot: the Telegram webhook server could not listen on port ${port}. ` +
        "Free the port or set TELEGRAM_WEBHOOK_PORT to another one.",
      options,
    );
  }
}
