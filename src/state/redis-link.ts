/**
 * @module
 * One Redis connection for a process's shared state (`REDIS_URL`), and what every Redis-backed
 * store does when Redis is down: fail fast (no offline queue, a short command timeout), fall back
 * to its in-memory twin or allow, and log the outage once and the recovery once, not per request.
 */
import { createRequire } from "node:module";
import type { Redis } from "ioredis";
import type { Logger } from "../core/types.ts";

/**
 * ioredis's client class, loaded on the first connection: a process without `REDIS_URL` (every
 * command-line tool, a single bot) never pays the ~0.1 s its import takes.
 */
const redisClient = (): typeof Redis =>
  (createRequire(import.meta.url)("ioredis") as { Redis: typeof Redis }).Redis;

/** Key prefix of everything citebot keeps in Redis, so one Redis can serve other things too. */
export const KEY_PREFIX = "citebot:";

/** Options for {@link RedisLink.connect}. */
export interface RedisLinkOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  logger: Logger;
  /** A command that takes longer fails (and the store degrades); default 1 s. */
  commandTimeoutMs?: number;
}

/** Redis could not be reached; the message says where and what to check, never the password. */
export class RedisUnreachableError extends Error {
  override name = "RedisUnreachableError";
  constructor(where: string, options?: ErrorOptions) {
    super(
      `citebot: Redis at ${where} is unreachable; check REDIS_URL and that redis-server runs. Answering goes on with per-process state until it is back`,
      options,
    );
  }
}

/**
 * A Redis client plus the process's view of whether Redis is up.
 *
 * @example
 * ```ts
 * const link = RedisLink.connect({ url: "redis://127.0.0.1:6379", logger });
 * const id = await link.attempt((r) => r.get("citebot:x"), () => null);
 * ```
 */
export class RedisLink {
  readonly redis: Redis;
  readonly #logger: Logger;
  readonly #where: string;
  #down = false;
  /** Connected at least once: before that, a command that cannot run is not yet an outage. */
  #connected = false;
  #subscriber: Redis | undefined;

  private constructor(redis: Redis, where: string, logger: Logger) {
    this.redis = redis;
    this.#where = where;
    this.#logger = logger;
    redis.on("error", (err) => {
      if (this.#connected) this.markDown(err);
    });
    redis.on("ready", () => {
      this.#connected = true;
      this.markUp();
    });
  }

  /** Connects in the background; commands before the connection is ready degrade like an outage. */
  static connect(options: RedisLinkOptions): RedisLink {
    const redis = new (redisClient())(options.url, redisOptions(options.commandTimeoutMs));
    return new RedisLink(redis, describe(options.url), options.logger);
  }

  /** Where Redis is, for logs: host and port, never the password. */
  get where(): string {
    return this.#where;
  }

  /**
   * Resolves true once the connection is ready, false after `timeoutMs` (start-up waits this long,
   * then serves degraded until Redis comes); never rejects.
   */
  ready(timeoutMs = 5_000): Promise<boolean> {
    if (this.redis.status === "ready") return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.redis.off("ready", onReady);
        resolve(false);
      }, timeoutMs).unref();
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.redis.once("ready", onReady);
    });
  }

  /** Whether the last command or connection attempt failed. */
  get down(): boolean {
    return this.#down;
  }

  /**
   * Runs `command`; when Redis fails, logs the outage once and returns `fallback()` instead.
   * Answering never waits on an outage longer than the command timeout.
   */
  async attempt<T>(command: (redis: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (this.redis.status !== "ready") {
      // Still connecting at start-up: fall back quietly (start-up waits, then reports, see ready()).
      if (this.#connected) this.markDown(new Error(`connection is ${this.redis.status}`));
      return fallback();
    }
    try {
      const value = await command(this.redis);
      this.markUp();
      return value;
    } catch (err) {
      this.markDown(err);
      return fallback();
    }
  }

  /** A second connection for SUBSCRIBE (a subscribed connection can run nothing else). */
  subscriber(): Redis {
    if (!this.#subscriber) {
      // Queued until connected, and subscribed again after every reconnect (ioredis's autoResubscribe).
      this.#subscriber = this.redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
      // Its errors are the same outage the main connection reports; logged there, once.
      this.#subscriber.on("error", () => {});
    }
    return this.#subscriber;
  }

  /** Logs the start of an outage, once. */
  markDown(err: unknown): void {
    if (this.#down) return;
    this.#down = true;
    this.#logger.warn(
      { err: new RedisUnreachableError(this.#where, { cause: err }) },
      `redis at ${this.#where} is unreachable: buttons, rate limits and seen updates fall back to this process until it is back`,
    );
  }

  /** Logs the end of an outage, once. */
  markUp(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#logger.info({ redis: this.#where }, "redis is reachable again: shared state is back");
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    // The subscriber queues commands while disconnected: a QUIT there could wait for ever.
    this.#subscriber?.disconnect();
    await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

function redisOptions(commandTimeoutMs = 1_000) {
  return {
    // Fail at once while disconnected instead of queueing: an answer must not wait for Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    // Keep trying forever, at most every two seconds, so state returns soon after Redis does.
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
  };
}

/** `host:port` of a Redis URL, for logs. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "6379"}`;
  } catch {
    return "REDIS_URL";
  }
}
