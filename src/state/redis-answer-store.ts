/**
 * @module
 * The answer store in Redis (`REDIS_URL`): a button pressed on any replica or shard, or after a
 * restart, finds the answer until its TTL. The ranking is one JSON string with a TTL; voters and
 * served pages are sets beside it with the same TTL, so "once per user" holds across replicas
 * (SADD answers whether the member was new, atomically). While Redis is down, answers go to this
 * process's memory, and are found there (here only) after it returns.
 */
import type { Answer } from "../core/types.ts";
import {
  ANSWER_TTL_MS,
  type AnswerStore,
  type AnswerStoreOptions,
  MemoryAnswerStore,
  newAnswerId,
  type StoredAnswer,
} from "../service/answer-store.ts";
import { KEY_PREFIX, type RedisLink } from "./redis-link.ts";

const key = (id: string) => `${KEY_PREFIX}answer:${id}`;

/**
 * @example
 * ```ts
 * const store = new RedisAnswerStore(link);
 * const id = await store.put(answer); // any replica: (await store.get(id))?.ranking
 * ```
 */
export class RedisAnswerStore implements AnswerStore {
  readonly #link: RedisLink;
  readonly #ttlMs: number;
  readonly #fallback: MemoryAnswerStore;

  constructor(link: RedisLink, options: AnswerStoreOptions = {}) {
    this.#link = link;
    this.#ttlMs = options.ttlMs ?? ANSWER_TTL_MS;
    this.#fallback = new MemoryAnswerStore(options);
  }

  async put(ranking: Answer): Promise<string> {
    const id = newAnswerId();
    // NX: 48 random bits never collide in practice, and if they did the first answer keeps its id.
    const stored = await this.#link.attempt(
      async (r) => (await r.set(key(id), JSON.stringify(ranking), "PX", this.#ttlMs, "NX")) === "OK",
      () => false,
    );
    return stored ? id : this.#fallback.put(ranking);
  }

  async get(id: string): Promise<StoredAnswer | undefined> {
    if (this.#fallback.has(id)) return this.#fallback.get(id);
    const json = await this.#link.attempt(
      (r) => r.get(key(id)),
      () => null,
    );
    return json ? { ranking: JSON.parse(json) as Answer } : undefined;
  }

  markVoted(id: string, user: string): Promise<boolean> {
    return this.#addOnce(id, "voters", user, () => this.#fallback.markVoted(id, user));
  }

  markServed(id: string, offset: number): Promise<boolean> {
    return this.#addOnce(id, "served", String(offset), () => this.#fallback.markServed(id, offset));
  }

  /** Adds `member` to the answer's set; true when it was not there and the answer still exists. */
  async #addOnce(
    id: string,
    set: "voters" | "served",
    member: string,
    fallback: () => Promise<boolean>,
  ): Promise<boolean> {
    if (this.#fallback.has(id)) return fallback();
    const setKey = `${key(id)}:${set}`;
    return this.#link.attempt(
      async (r) => {
        const [[, exists], [, added]] = (await r
          .multi()
          .exists(key(id))
          .sadd(setKey, member)
          .pexpire(setKey, this.#ttlMs)
          .exec()) as [[null, number], [null, number]];
        return exists === 1 && added === 1;
      },
      // Redis down: the vote or page cannot be checked against other replicas; count it here.
      fallback,
    );
  }
}
