/**
 * @module
 * A bounded in-memory map from a short answer id to what its buttons need (the question, the cited
 * files, who voted). Callback data is capped at 64 bytes, so buttons carry only the id; when the id has
 * been evicted (or the process restarted) the button answers "too old, ask again" instead of failing.
 */
import { randomBytes } from "node:crypto";

/** What the "More sources" and 👍/👎 buttons under one answer need. */
export interface StoredAnswer {
  question: string;
  /** `file` of every source the answer cited, for feedback. */
  files: string[];
  /** Users who already voted on this answer (one vote each). */
  voters: Set<number>;
  /** Offsets already expanded with "More sources", so a double tap doesn't send a page twice. */
  expanded: Set<number>;
}

/**
 * Remembers the latest `capacity` answers; the oldest are forgotten first.
 *
 * @example
 * ```ts
 * const store = new AnswerStore(1000);
 * const id = store.put({ question: "q", files: ["a.md"], voters: new Set(), expanded: new Set() });
 * store.get(id)?.question; // "q"
 * ```
 */
export class AnswerStore {
  private readonly entries = new Map<string, StoredAnswer>();

  constructor(readonly capacity = 2000) {}

  /** Stores an answer and returns its 8-character id (random, so ids never repeat across restarts). */
  put(answer: StoredAnswer): string {
    let id = randomBytes(6).toString("base64url");
    while (this.entries.has(id)) id = randomBytes(6).toString("base64url");
    this.entries.set(id, answer);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return id;
  }

  get(id: string): StoredAnswer | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
