/**
 * @module
 * One store of recent answers for every platform: the whole ranking of a question, kept so that
 * "More sources" pages from it instead of ranking again, and who voted on it, so 👍/👎 count once
 * per user. Buttons carry only the short id; a forgotten id (expired, evicted, restarted) is normal
 * and callers ask the user to ask again.
 */
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Answer } from "../core/types.ts";

/** An answer as the store keeps it. */
export interface StoredAnswer {
  /** Every ranked quote, best first, and the sources they cite. */
  ranking: Answer;
  /** Users who already voted on this answer. */
  voters: Set<string>;
  /** Offsets already served as a page, so a double tap doesn't send the same page twice. */
  served: Set<number>;
}

/** Options for {@link AnswerStore}. */
export interface AnswerStoreOptions {
  /** Answers kept at most; default 5000. */
  capacity?: number;
  /** How long an answer's buttons work; default a day. */
  ttlMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

/**
 * Remembers recent answers by a short random id (12 characters at most, well inside Telegram's
 * 64-byte callback data and Discord's 100-character custom id).
 *
 * @example
 * ```ts
 * const store = new AnswerStore({ ttlMs: 60_000 });
 * const id = store.put(answer);
 * store.get(id)?.ranking.question;
 * ```
 */
export class AnswerStore {
  readonly #entries: LRUCache<string, StoredAnswer>;

  constructor(options: AnswerStoreOptions = {}) {
    this.#entries = new LRUCache({
      max: options.capacity ?? 5000,
      ttl: options.ttlMs ?? 86_400_000,
      // ttlResolution 0: read the clock on every check, so a test clock moves at once.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  /** Stores a ranking and returns its id (random, so ids never repeat across restarts). */
  put(ranking: Answer): string {
    let id = randomBytes(6).toString("base64url");
    while (this.#entries.has(id)) id = randomBytes(6).toString("base64url");
    this.#entries.set(id, { ranking, voters: new Set(), served: new Set() });
    return id;
  }

  /** The stored answer, or `undefined` when the id is unknown, evicted or expired. */
  get(id: string): StoredAnswer | undefined {
    return this.#entries.get(id);
  }

  /** Records that `user` voted on answer `id`; false when they already had or the id is gone. */
  markVoted(id: string, user: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.voters.has(user)) return false;
    entry.voters.add(user);
    return true;
  }

  get size(): number {
    return this.#entries.size;
  }
}
