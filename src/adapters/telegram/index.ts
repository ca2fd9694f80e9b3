/**
 * @module
 * The Telegram adapter: `startTelegram` connects (a wrong token fails here, with a named error),
 * publishes the command menu, and runs long polling or, with `settings.webhook`, a webhook server.
 */
import { type Bot, GrammyError } from "grammy";
import { createTelegramBot } from "./bot.ts";
import { publishCommands } from "./commands.ts";
import type { TelegramDeps, TelegramSettings } from "./deps.ts";
import { TelegramTokenError, TelegramUnreachableError } from "./errors.ts";
import { startPolling } from "./polling.ts";
import { startWebhook } from "./webhook.ts";

export { createTelegramBot } from "./bot.ts";
export type { QuestionLibrary, RateLimit, TelegramDeps, TelegramSettings } from "./deps.ts";
export { TelegramTokenError, TelegramUnreachableError, TelegramWebhookError } from "./errors.ts";
export { isModerator, moderatorsOnly } from "./moderator-guard.ts";

/** How long startup keeps trying to reach the Bot API before giving up. */
const CONNECT_SECONDS = 60;

/** A running Telegram adapter. */
export interface TelegramHandle {
  /** Stops polling (acknowledging the last update) or closes the webhook server. Idempotent. */
  stop(): Promise<void>;
  bot: Bot;
  /** The webhook server's port, in webhook mode. */
  webhookPort?: number;
}

/**
 * Starts the Telegram bot as configured.
 *
 * @example
 * ```ts
 * const telegram = await startTelegram(config.telegram, { library, logger, usage });
 * process.once("SIGTERM", () => telegram.stop());
 * ```
 */
export async function startTelegram(settings: TelegramSettings, deps: TelegramDeps): Promise<TelegramHandle> {
  const bot = createTelegramBot(settings, deps);
  const logger = deps.logger.child({ adapter: "telegram" });
  await connect(bot, settings);
  logger.info(
    { username: bot.botInfo.username, webhook: Boolean(settings.webhook) },
    "telegram bot connected",
  );
  await publishCommands(bot.api, settings.adminIds, logger);
  if (settings.webhook) {
    const server = await startWebhook(bot, settings, logger, deps.webhookHost);
    return { bot, stop: server.stop, webhookPort: server.port };
  }
  const poller = await startPolling(bot, logger);
  return { bot, stop: poller.stop };
}

async function connect(bot: Bot, settings: TelegramSettings): Promise<void> {
  const signal = AbortSignal.timeout(CONNECT_SECONDS * 1000) as unknown as Parameters<Bot["init"]>[0];
  try {
    await bot.init(signal);
  } catch (err) {
    // 404 is what Telegram answers for a token of the wrong shape, 401 for a wrong or revoked one.
    if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
      throw new TelegramTokenError({ cause: err });
    }
    if (err instanceof GrammyError) throw err;
    throw new TelegramUnreachableError(settings.apiRoot ?? "https://api.telegram.org", CONNECT_SECONDS, {
      cause: err,
    });
  }
}
