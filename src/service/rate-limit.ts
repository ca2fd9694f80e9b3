/**
 * @module
 * One rate-limit policy for every platform: at most so many questions (and button presses) per
 * user, and per chat, in a sliding window. The first refusal in a window is told to the user; the
 * rest are dropped quietly, so a flood cannot make the bot flood back. {@link MemoryRateLimiter}
 * counts in this process; with `REDIS_URL` the Redis limiter (`src/state/redis-rate-limiter.ts`)
 * counts once for every replica and shard.
 */
import { LRUCache } from "lru-cache";

/** At most `limit` requests in every `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The policy: per user, and per chat (a group or channel shared by many users). */
export interface RatePolicy {
  user: RateLimit;
  chat: RateLimit;
}

/** Six questions per user and twenty per chat in ten seconds. */
export const DEFAULT_RATE_POLICY: RatePolicy = {
  user: { limit: 6, windowMs: 10_000 },
  chat: { limit: 20, windowMs: 10_000 },
};

/** Whether a request may go ahead; when not, whether this is the first refusal to tell about. */
export type RateDecision = { allowed: true } | { allowed: false; tell: boolean };

/** Counts requests against a {@link RatePolicy}. */
export interface RateLimiter {
  /** Counts one request by `user` in `chat`, unless either is over its limit. */
  take(user: string, chat: string): Promise<RateDecision>;
}

interface Window {
  hits: number[];
  told: boolean;
}

/**
 * Sliding-window counters, bounded in memory (the least recently seen keys go first).
 *
 * @example
 * ```ts
 * const limiter = new MemoryRateLimiter();
 * await limiter.take("telegram:42", "telegram:-100"); // { allowed: true }
 * ```
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #policy: RatePolicy;
  readonly #now: () => number;
  readonly #windows = new LRUCache<string, Window>({ max: 50_000 });

  constructor(policy: Partial<RatePolicy> = {}, now: () => number = Date.now) {
    this.#policy = { ...DEFAULT_RATE_POLICY, ...policy };
    this.#now = now;
  }

  async take(user: string, chat: string): Promise<RateDecision> {
    return this.takeNow(user, chat);
  }

  /** {@link take}, synchronously (the Redis limiter's fallback while Redis is down). */
  takeNow(user: string, chat: string): RateDecision {
    const now = this.#now();
    const u = this.#window(`u:${user}`, this.#policy.user, now);
    const c = user === chat ? undefined : this.#window(`c:${chat}`, this.#policy.chat, now);
    const over = [u, c].find((w) => w && w.window.hits.length >= w.limit);
    if (over) {
      const tell = !over.window.told;
      over.window.told = true;
      return { allowed: false, tell };
    }
    for (const w of [u, c]) w?.window.hits.push(now);
    return { allowed: true };
  }

  #window(key: string, rate: RateLimit, now: number) {
    let window = this.#windows.get(key);
    if (!window) {
      window = { hits: [], told: false };
      this.#windows.set(key, window);
    }
    const since = now - rate.windowMs;
    while (window.hits.length && (window.hits[0] as number) <= since) window.hits.shift();
    if (window.hits.length < rate.limit) window.told = false;
    return { window, limit: rate.limit };
  }
}
