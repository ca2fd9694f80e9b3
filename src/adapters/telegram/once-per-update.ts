/**
 * @module
 * Telegram delivers each update at least once: a webhook POST it thinks failed (a slow answer, a
 * reset connection) is sent again with the same `update_id`, and a redelivered question must not be
 * answered twice. One process remembers the ids it has seen; several replicas behind a load balancer
 * would need that memory shared, which this does not provide.
 */
import type { Context, MiddlewareFn } from "grammy";
import { LRUCache } from "lru-cache";
import type { AppLogger } from "../../logger.ts";

/**
 * How many recent update ids are remembered. Telegram redelivers within minutes, and even a busy
 * bot receives far fewer updates than this in that time; the bound keeps memory flat forever.
 */
export const RECENT_UPDATES = 10_000;

/**
 * Middleware that passes each `update_id` on once and drops later deliveries of it (they are still
 * acknowledged, so Telegram stops resending).
 *
 * @example
 * ```ts
 * bot.use(oncePerUpdate(logger)); // first, before anything that answers
 * ```
 */
export function oncePerUpdate(logger: AppLogger, max = RECENT_UPDATES): MiddlewareFn<Context> {
  const seen = new LRUCache<number, true>({ max });
  return (ctx, next) => {
    const id = ctx.update.update_id;
    if (seen.has(id)) {
      logger.info({ update: id }, "telegram delivered an update again; it was already handled");
      return;
    }
    // Marked before handling, so a copy arriving while the first is still being answered is dropped too.
    seen.set(id, true);
    return next();
  };
}
