/**
 * @module
 * Long polling with grammY runner's building blocks: updates from many chats are handled concurrently
 * (the bot's `sequentialize` keeps each chat in order). Stopping waits for in-flight updates, then
 * acknowledges the last one to Telegram, so a restart neither loses nor repeats an update.
 */
import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { AppLogger } from "../../logger.ts";
import { ALLOWED_UPDATES } from "./bot.ts";
import { createUpdateFetcher } from "./update-fetcher.ts";

/** How long `stop()` waits for handlers still running before acknowledging anyway. */
const DRAIN_MS = 30_000;

// grammY's typings name the abort-controller polyfill's AbortSignal; Node's own is what it uses at run time.
const abortAfter = (ms: number) => AbortSignal.timeout(ms) as unknown as Parameters<Bot["api"]["getMe"]>[0];

/** A running poller. */
export interface Poller {
  stop(): Promise<void>;
}

/**
 * Starts long polling (the bot must be initialised with `bot.init()` first).
 *
 * @example
 * ```ts
 * const poller = await startPolling(bot, logger);
 * process.once("SIGTERM", () => poller.stop());
 * ```
 */
export async function startPolling(bot: Bot, logger: AppLogger): Promise<Poller> {
  // While a webhook is set, getUpdates answers 409; polling must take over explicitly.
  await bot.api.deleteWebhook();
  let lastUpdateId: number | undefined;
  const fetchUpdates = createUpdateFetcher(bot, {
    timeout: 30,
    allowed_updates: [...ALLOWED_UPDATES],
    onRetry: (err, attempt, pauseMs) =>
      logger.warn({ err, attempt, pauseMs }, "fetching Telegram updates failed; retrying"),
  });
  const source = createSource<Update>({ supply: fetchUpdates });
  const sink = createConcurrentSink<Update>(
    {
      consume: (update) => {
        lastUpdateId = Math.max(lastUpdateId ?? 0, update.update_id);
        return bot.handleUpdate(update);
      },
    },
    // Handlers sit inside an error boundary; this only sees failures of grammY itself.
    async (error) => logger.error({ err: error }, "telegram update failed"),
    { concurrency: 200 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  runner.task()?.catch((err: unknown) => logger.error({ err }, "telegram polling stopped with an error"));
  logger.info({ username: bot.botInfo.username }, "telegram bot polling for updates");

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await runner.stop().catch(() => {});
    // Let handlers that are running finish their replies (bounded: a stuck call must not hang shutdown).
    const deadline = Date.now() + DRAIN_MS;
    while (runner.size() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (runner.size() > 0)
      logger.warn({ pending: runner.size() }, "stopping with Telegram updates still running");
    if (lastUpdateId !== undefined) {
      // Confirm everything handled; whatever this call returns stays unconfirmed and is redelivered later.
      await bot.api
        .getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }, abortAfter(5_000))
        .catch((err: unknown) => logger.warn({ err }, "could not acknowledge the last Telegram update"));
    }
    logger.info({ lastUpdateId }, "telegram polling stopped");
  };
  return {
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
