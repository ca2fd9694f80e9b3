/**
 * @module
 * What the chat service keeps between requests, behind interfaces: the answer store behind the
 * buttons and the rate-limit counters. One process keeps them in memory (`npm start`'s default);
 * with `REDIS_URL`, `src/state/shared-state.ts` hands the service Redis-backed ones instead, so
 * every replica and shard sees the same answers and the same counts.
 */
import { type AnswerStore, type AnswerStoreOptions, MemoryAnswerStore } from "./answer-store.ts";
import { MemoryRateLimiter, type RateLimiter, type RatePolicy } from "./rate-limit.ts";

/** The stores of a {@link import("./chat-service.ts").ChatService}. */
export interface ChatStores {
  answers: AnswerStore;
  /** A limiter for `policy`; `name` keeps two policies' counts apart (questions, previews). */
  limiter(name: string, policy: RatePolicy): RateLimiter;
}

/**
 * Stores in this process's memory.
 *
 * @example
 * ```ts
 * const service = new ChatService({ library, stores: memoryChatStores({ answers: { ttlMs: 60_000 } }) });
 * ```
 */
export function memoryChatStores(
  options: { answers?: AnswerStoreOptions; now?: () => number } = {},
): ChatStores {
  return {
    answers: new MemoryAnswerStore({ now: options.now, ...options.answers }),
    limiter: (_name, policy) => new MemoryRateLimiter(policy, options.now),
  };
}
