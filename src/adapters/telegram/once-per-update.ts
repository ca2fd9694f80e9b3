/**
 * @module
 * Telegram delivers each update at least once: a webhook POST it thinks failed (a slow answer, a
 * reset connection, a replica that died) is sent again with the same `update_id`, and a redelivered
 * question must not be answered twice. Which ids were seen lives behind {@link SeenUpdates}: this
 * process's memory by default, Redis with `REDIS_URL` (`src/state/redis-seen-updates.ts`), so that
 * replicas behind a load balancer answer each update once between them.
 */
import type { Context, MiddlewareFn } from "grammy";
import { LRUCache } from "lru-cache";
import type { AppLogger } from "../../logger.ts";

/**
 * How many recent update ids are remembered in memory. Telegram redelivers within minutes, and even
 * a busy bot receives far fewer updates than this in that time; the bound keeps memory flat forever.
 */
export const RECENT_UPDATES = 10_000;

/**
 * `new`: handle it. `seen`: handled, or being handled in this process; drop it. `elsewhere`: a live
 * replica is handling it right now; ask Telegram to deliver it again later, so that it is still
 * answered if that replica dies before it replies.
 */
export type UpdateClaim = "new" | "seen" | "elsewhere";

/** The update ids already taken on by this bot. */
export interface SeenUpdates {
  /** Takes update `id` on, unless it already was. */
  claim(id: number): Promise<UpdateClaim>;
  /** Marks update `id` answered, so that a later delivery is `seen` wherever it lands. */
  done(id: number): Promise<void>;
}

/** The ids this process has seen, bounded (the oldest are forgotten first). */
export class MemorySeenUpdates implements SeenUpdates {
  readonly #seen: LRUCache<number, true>;

  constructor(max = RECENT_UPDATES) {
    this.#seen = new LRUCache({ max });
  }

  async claim(id: number): Promise<UpdateClaim> {
    if (this.#seen.has(id)) return "seen";
    this.#seen.set(id, true);
    return "new";
  }

  async done(): Promise<void> {}
}

/** Another replica is answering this update now; the webhook answers 503 so Telegram retries. */
export class UpdateElsewhereError extends Error {
  override name = "UpdateElsewhereError";
  constructor(readonly update: number) {
    super(`citebot: update ${update} is being answered by another replica; Telegram will deliver it again`);
  }
}

/** Whether a webhook handler's error means "answered elsewhere, deliver again" (grammY may wrap it). */
export function isUpdateElsewhere(err: unknown): boolean {
  return (
    err instanceof UpdateElsewhereError ||
    (err instanceof Error && "error" in err && err.error instanceof UpdateElsewhereError)
  );
}

/**
 * Middleware that passes each `update_id` on once and drops later deliveries of it (they are still
 * acknowledged, so Telegram stops resending). `elsewhere`: in webhook mode an update another replica
 * is still answering throws {@link UpdateElsewhereError} (a 503, redelivered later); polling, which
 * runs in one process only, drops it.
 *
 * @example
 * ```ts
 * bot.use(oncePerUpdate(logger, new MemorySeenUpdates())); // first, before anything that answers
 * ```
 */
export function oncePerUpdate(
  logger: AppLogger,
  seen: SeenUpdates = new MemorySeenUpdates(),
  elsewhere: "retry" | "drop" = "drop",
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    // Claimed before handling, so a copy arriving while the first is still being answered is dropped too.
    const claim = await seen.claim(id);
    if (claim === "elsewhere" && elsewhere === "retry") throw new UpdateElsewhereError(id);
    if (claim !== "new") {
      logger.info({ update: id }, "telegram delivered an update again; it was already handled");
      return;
    }
    await next();
    await seen.done(id);
  };
}
