/**
 * @module
 * A lock in Redis held by one process at a time: `SET key token NX PX ttl`, renewed while the work
 * runs, released only by its holder (a Lua compare-and-delete, so a holder whose lock expired can
 * never release the next holder's). Used for the one builder of the library and the one writer
 * of the usage database.
 */
import { randomBytes } from "node:crypto";
import type { RedisLink } from "./redis-link.ts";

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * @example
 * ```ts
 * const lock = new RedisLock(link, "citebot:lock:builder", 30_000);
 * if (await lock.acquire()) try { await work(); } finally { await lock.release(); }
 * ```
 */
export class RedisLock {
  readonly #link: RedisLink;
  readonly #key: string;
  readonly #ttlMs: number;
  readonly #token = randomBytes(12).toString("hex");

  constructor(link: RedisLink, key: string, ttlMs: number) {
    this.#link = link;
    this.#key = key;
    this.#ttlMs = ttlMs;
  }

  /** Takes the lock, or renews it if this process holds it; false when another holds it or Redis is down. */
  acquire(): Promise<boolean> {
    return this.#link.attempt(
      async (r) =>
        (await r.set(this.#key, this.#token, "PX", this.#ttlMs, "NX")) === "OK" ||
        (await r.eval(RENEW, 1, this.#key, this.#token, this.#ttlMs)) === 1,
      () => false,
    );
  }

  /**
   * Waits for the lock, trying every `everyMs`, for at most `timeoutMs`. `held`: the lock is this
   * process's; `unavailable`: Redis is down (callers go on alone, as one process would); `timeout`.
   */
  async wait(timeoutMs: number, everyMs = 200): Promise<"held" | "unavailable" | "timeout"> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await this.acquire()) return "held";
      if (this.#link.down) return "unavailable";
      if (Date.now() >= until) return "timeout";
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  /** Keeps the lock while `work` runs, then releases it. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => void this.acquire(), this.#ttlMs / 3).unref();
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await this.release();
    }
  }

  /** Releases the lock if this process still holds it. */
  async release(): Promise<void> {
    await this.#link.attempt(
      (r) => r.eval(RELEASE, 1, this.#key, this.#token),
      () => 0,
    );
  }
}
