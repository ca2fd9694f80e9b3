/**
 * @module
 * Builds the configured grammY bot: flood-limit retries, per-chat ordering, one composer per feature
 * inside an error boundary (a failing handler logs and apologises; the process keeps running).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, type Context } from "grammy";
import { message } from "../../service/messages.ts";
import { chatServiceOf } from "../shared/deps.ts";
import type { FeatureEnv, TelegramDeps, TelegramSettings } from "./deps.ts";
import { askFeature } from "./features/ask.ts";
import { buttonsFeature } from "./features/buttons.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { helpFeature } from "./features/help.ts";
import { inlineFeature } from "./features/inline.ts";
import { moderationFeature } from "./features/moderation.ts";
import { oncePerUpdate, UpdateElsewhereError } from "./once-per-update.ts";

/** The update kinds the bot handles; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "inline_query", "callback_query", "my_chat_member"] as const;

export const APOLOGY = message("en", "apology");

/**
 * Creates the bot without starting it (see `startTelegram` for polling or webhooks).
 *
 * @example
 * ```ts
 * const bot = createTelegramBot(config.telegram, { library, logger });
 * await bot.init();
 * ```
 */
export function createTelegramBot(settings: TelegramSettings, options: TelegramDeps): Bot {
  // Every log line from the handlers says which adapter wrote it.
  const deps: TelegramDeps = { ...options, logger: options.logger.child({ adapter: "telegram" }) };
  const apiRoot = settings.apiRoot?.replace(/\/+$/, "");
  const bot = new Bot(settings.token, { client: apiRoot ? { apiRoot } : {} });
  // 429s (and Telegram's 5xx) are waited out and retried, so answers are delayed, not lost.
  const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300 });
  // Except getUpdates, which retries itself with a capped pause (update-fetcher.ts): auto-retry's pause
  // doubles inside one call (3 s, 6 s, 12 s, 24 s, 48 s), so a few failed polls left the bot deaf
  // for a minute or more after Telegram had recovered.
  bot.api.config.use((prev, method, payload, signal) =>
    method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal),
  );
  const env: FeatureEnv = { deps, service: chatServiceOf(deps) };

  // Webhooks and polling alike: an update Telegram delivers again is answered only once (by one
  // replica of several, with shared seen updates).
  bot.use(oncePerUpdate(deps.logger, deps.seenUpdates, settings.webhook ? "retry" : "drop"));
  // Chats run concurrently, but each chat (or, without one, each user) strictly in order.
  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));
  bot.errorBoundary(
    (error) => apologise(error, deps),
    helpFeature(env, settings),
    askFeature(env),
    inlineFeature(env),
    buttonsFeature(env),
    moderationFeature(settings, env),
    fallbackFeature(),
  );
  // Only reached if the apology itself throws; never let it take the process down.
  bot.catch((error) => {
    // Not a failure: the webhook answers 503, and Telegram delivers the update again later.
    if (error.error instanceof UpdateElsewhereError) throw error.error;
    deps.logger.error({ err: error.error, update: error.ctx.update.update_id }, "telegram handler failed");
  });
  return bot;
}

async function apologise(error: BotError<Context>, deps: TelegramDeps): Promise<void> {
  const ctx = error.ctx;
  deps.logger.error(
    { err: error.error, update: ctx.update.update_id, chat: ctx.chat?.id },
    "telegram handler failed",
  );
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: APOLOGY });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat) await ctx.reply(APOLOGY);
  } catch (err) {
    deps.logger.warn({ err, update: ctx.update.update_id }, "could not send the apology either");
  }
}
