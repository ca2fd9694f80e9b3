/**
 * @module
 * One store of recent answers for every platform: the whole ranking of a question, kept so that
 * "More sources" pages from it instead of ranking again, and who voted on it, so 👍/👎 count once
 * per user. Buttons carry only the short id; a forgotten id (expired, evicted, restarted) is normal
 * and callers ask the user to ask again. {@link MemoryAnswerStore} keeps them in this process;
 * with `REDIS_URL` the Redis store (`src/state/redis-answer-store.ts`) shares them between replicas.
 */
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Answer } from "../core/types.ts";

/** An answer as the store keeps it. */
export interface StoredAnswer {
  /** Every ranked quote, best first, and the sources they cite. */
  ranking: Answer;
}

/**
 * Where answers live between a question and the buttons under it. Ids are short (12 characters at
 * most, well inside Telegram's 64-byte callback data and Discord's 100-character custom id).
 */
export interface AnswerStore {
  /** Stores a ranking and returns its id (random, so ids never repeat across restarts or replicas). */
  put(ranking: Answer): Promise<string>;
  /** The stored answer, or `undefined` when the id is unknown, evicted or expired. */
  get(id: string): Promise<StoredAnswer | undefined>;
  /** Records that `user` voted on answer `id`; false when they already had or the id is gone. */
  markVoted(id: string, user: string): Promise<boolean>;
  /** Records that the page at `offset` was sent; false when it already was (a double tap). */
  markServed(id: string, offset: number): Promise<boolean>;
}

/** Options for the answer stores. */
export interface AnswerStoreOptions {
  /** Answers kept at most (in memory); default 5000. */
  capacity?: number;
  /** How long an answer's buttons work; default a day. */
  ttlMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

/** How long an answer's buttons work by default. */
export const ANSWER_TTL_MS = 86_400_000;

/** A new answer id: 6 random bytes, 8 base64url characters. */
export const newAnswerId = (): string => randomBytes(6).toString("base64url");

interface MemoryEntry extends StoredAnswer {
  voters: Set<string>;
  served: Set<number>;
}

/**
 * The answers of this process, bounded (least recently used go first) and expiring.
 *
 * @example
 * ```ts
 * const store = new MemoryAnswerStore({ ttlMs: 60_000 });
 * const id = await store.put(answer);
 * (await store.get(id))?.ranking.question;
 * ```
 */
export class MemoryAnswerStore implements AnswerStore {
  readonly #entries: LRUCache<string, MemoryEntry>;

  constructor(options: AnswerStoreOptions = {}) {
    this.#entries = new LRUCache({
      max: options.capacity ?? 5000,
      ttl: options.ttlMs ?? ANSWER_TTL_MS,
      // ttlResolution 0: read the clock on every check, so a test clock moves at once.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async put(ranking: Answer): Promise<string> {
    let id = newAnswerId();
    while (this.#entries.has(id)) id = newAnswerId();
    this.#entries.set(id, { ranking, voters: new Set(), served: new Set() });
    return id;
  }

  async get(id: string): Promise<StoredAnswer | undefined> {
    const entry = this.#entries.get(id);
    return entry && { ranking: entry.ranking };
  }

  async markVoted(id: string, user: string): Promise<boolean> {
    return addOnce(this.#entries.get(id)?.voters, user);
  }

  async markServed(id: string, offset: number): Promise<boolean> {
    return addOnce(this.#entries.get(id)?.served, offset);
  }

  /** Whether `id` is held here (the Redis store's fallback asks before Redis has it). */
  has(id: string): boolean {
    return this.#entries.has(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function addOnce<T>(set: Set<T> | undefined, value: T): boolean {
  if (!set || set.has(value)) return false;
  set.add(value);
  return true;
}
