/**
 * @module
 * The one place that chooses where per-request state lives. Without `REDIS_URL`: this process's
 * memory, as a single `npm start` always had it. With it: Redis, shared by every Telegram webhook
 * replica and Discord shard (answers behind the buttons, rate limits, seen updates, usage events,
 * library generations). Redis down means degraded, never stopped: see `redis-link.ts`.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { MemorySeenUpdates, type SeenUpdates } from "../adapters/telegram/once-per-update.ts";
import type { Library } from "../core/library.ts";
import type { Logger, UsageRecorder } from "../core/types.ts";
import type { AnswerStoreOptions } from "../service/answer-store.ts";
import { type ChatStores, memoryChatStores } from "../service/chat-stores.ts";
import { type SharedCommunities, shareCommunities } from "./community-sync.ts";
import { type SharedLibrary, shareLibrary } from "./library-sync.ts";
import { RedisAnswerStore } from "./redis-answer-store.ts";
import { RedisLink } from "./redis-link.ts";
import { RedisRateLimiter } from "./redis-rate-limiter.ts";
import { RedisSeenUpdates } from "./redis-seen-updates.ts";
import { startUsageWriter, UsageStream } from "./usage-stream.ts";

/** Everything a process shares with the others (or keeps to itself without Redis). */
export interface SharedState {
  /** Whether state is shared (REDIS_URL is set). */
  shared: boolean;
  stores: ChatStores;
  seenUpdates: SeenUpdates;
  /**
   * The recorder the chat service uses. Shared: events go to the Redis stream, and this process
   * writes them to `database` while it holds the writer lock. Alone: `database` itself.
   */
  usage(database: UsageRecorder): UsageRecorder;
  /** Community libraries' changes shared with the other processes; absent without Redis. */
  communities?: SharedCommunities;
  /**
   * Opens the library with `open` and keeps it in step with the other processes, loading their
   * changes with `reopen` (which must not rebuild). Alone: `open()` itself.
   */
  library(open: () => Promise<Library>, reopen: () => Promise<Library>): Promise<Library>;
  /**
   * Resolves once Redis is connected (at once without it), or after `timeoutMs` if it is not:
   * a process waits for it before serving, so its first answers are shared too.
   */
  ready(timeoutMs?: number): Promise<void>;
  /** The library sync, once {@link library} was called with Redis; for tests and diagnostics. */
  readonly sync?: SharedLibrary;
  close(): Promise<void>;
}

/** Options for {@link openSharedState}. */
export interface SharedStateOptions {
  /** `REDIS_URL`; absent: in-memory state. */
  redisUrl?: string;
  logger: Logger;
  answers?: AnswerStoreOptions;
}

/**
 * @example
 * ```ts
 * const state = openSharedState({ redisUrl: config.redisUrl, logger });
 * const service = new ChatService({ library, stores: state.stores, usage: state.usage(usage) });
 * ```
 */
export function openSharedState(options: SharedStateOptions): SharedState {
  const { redisUrl, logger } = options;
  if (!redisUrl) {
    return {
      shared: false,
      stores: memoryChatStores({ answers: options.answers }),
      seenUpdates: new MemorySeenUpdates(),
      usage: (database) => database,
      library: (open) => open(),
      ready: async () => {},
      close: async () => {},
    };
  }
  const link = RedisLink.connect({ url: redisUrl, logger });
  const seenUpdates = new RedisSeenUpdates(link);
  const stops: (() => Promise<void>)[] = [];
  let sync: SharedLibrary | undefined;
  return {
    shared: true,
    stores: {
      answers: new RedisAnswerStore(link, options.answers),
      limiter: (name, policy) => new RedisRateLimiter(link, name, policy),
    },
    seenUpdates,
    communities: shareCommunities(link, logger),
    usage(database) {
      const stream = new UsageStream(link, logger);
      seenUpdates.beforeDone = () => stream.flushed();
      const consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
      stops.push(startUsageWriter({ link, store: database, logger, consumer, stream }));
      return stream;
    },
    async library(open, reopen) {
      sync = await shareLibrary({ link, open, reopen, logger });
      stops.push(() => (sync as SharedLibrary).stop());
      return sync.library;
    },
    async ready(timeoutMs) {
      if (!(await link.ready(timeoutMs)))
        link.markDown(new Error(`no connection after ${timeoutMs ?? 5_000} ms`));
    },
    get sync() {
      return sync;
    },
    async close() {
      seenUpdates.stop();
      for (const stop of stops) await stop();
      await link.close();
    },
  };
}
