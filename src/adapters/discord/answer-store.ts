/**
 * @module
 * A bounded in-memory map from a short answer id to the question behind it, so buttons can carry
 * the id in their `custom_id` (100 characters at most) instead of the question itself.
 */
import { randomBytes } from "node:crypto";

/** What a button needs to act on an answer. */
export interface StoredAnswer {
  question: string;
  /** `file` of every source the answer cited (for feedback). */
  sources: string[];
  /** Whether the answer was shown only to the asker. */
  private: boolean;
}

/**
 * Remembers the most recent answers; the oldest are forgotten first, and entries older than
 * `ttlMs` count as expired. A forgotten id is normal (restart, eviction): callers ask the user to
 * ask again.
 *
 * @example
 * ```ts
 * const store = new AnswerStore({ capacity: 5000 });
 * const id = store.put({ question: "q", sources: ["a.md"], private: false });
 * store.get(id)?.question; // "q"
 * ```
 */
export class AnswerStore {
  readonly #entries = new Map<string, StoredAnswer & { at: number; voters: Set<string> }>();
  readonly #capacity: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #counter = 0;
  readonly #prefix = randomBytes(3).toString("base64url");

  constructor(options: { capacity?: number; ttlMs?: number; now?: () => number } = {}) {
    this.#capacity = Math.max(1, options.capacity ?? 5000);
    this.#ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Stores an answer and returns its short id (at most ~12 characters). */
  put(answer: StoredAnswer): string {
    // the random prefix keeps ids from a previous run from matching this run's answers
    const id = `${this.#prefix}${(this.#counter++).toString(36)}`;
    this.#entries.set(id, { ...answer, at: this.#now(), voters: new Set() });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return id;
  }

  /** The stored answer, or `undefined` when the id is unknown, evicted or expired. */
  get(id: string): StoredAnswer | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (this.#now() - entry.at > this.#ttlMs) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Records that `user` voted on answer `id`; false when they already had (one vote each). */
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
