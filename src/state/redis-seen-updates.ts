/**
 * @module
 * Seen Telegram update ids in Redis, so replicas behind a load balancer answer each update once
 * between them. A replica claims an id with set-if-absent (`busy:<replica>`), and marks it `done`
 * once answered; both with a TTL. A copy that lands on another replica while the first is still
 * being answered is told `elsewhere` (the webhook answers 503 and Telegram delivers it again), and
 * if the claiming replica has died meanwhile (its heartbeat key expired), the next delivery takes
 * the update over, so a replica killed mid-answer loses no question. While Redis is down, this
 * process remembers alone.
 */
import { randomBytes } from "node:crypto";
import {
  MemorySeenUpdates,
  type SeenUpdates,
  type UpdateClaim,
} from "../adapters/telegram/once-per-update.ts";
import { KEY_PREFIX, type RedisLink } from "./redis-link.ts";

/** Telegram keeps an undelivered update for 24 hours; remember answered ids as long. */
const DONE_TTL_MS = 86_400_000;
/** A replica that has not renewed its heartbeat for this long is taken for dead. */
const HEARTBEAT_MS = 3_000;

// KEYS: the update's key. ARGV: this replica, heartbeat key prefix, claim TTL, heartbeat TTL.
// Returns 1 new (claimed here), 0 seen (done, or already busy here), 2 busy on a live replica.
// Every claim renews the claimer's heartbeat, so a replica that claims is never taken for dead.
const CLAIM = `
redis.call('SET', ARGV[2] .. ARGV[1], '1', 'PX', ARGV[4])
local v = redis.call('GET', KEYS[1])
if v then
  if v == 'done' then return 0 end
  local owner = string.sub(v, 6)
  if owner == ARGV[1] then return 0 end
  if redis.call('EXISTS', ARGV[2] .. owner) == 1 then return 2 end
end
redis.call('SET', KEYS[1], 'busy:' .. ARGV[1], 'PX', ARGV[3])
return 1
`;

/**
 * @example
 * ```ts
 * const seen = new RedisSeenUpdates(link);
 * bot.use(oncePerUpdate(logger, seen, "retry"));
 * ```
 */
export class RedisSeenUpdates implements SeenUpdates {
  readonly #link: RedisLink;
  readonly #replica = randomBytes(6).toString("hex");
  readonly #fallback = new MemorySeenUpdates();
  readonly #timer: NodeJS.Timeout;
  readonly #heartbeatPrefix = `${KEY_PREFIX}replica:`;

  constructor(link: RedisLink) {
    this.#link = link;
    const beat = () =>
      void this.#link.attempt(
        (r) => r.set(this.#heartbeatPrefix + this.#replica, "1", "PX", HEARTBEAT_MS),
        () => null,
      );
    beat();
    this.#timer = setInterval(beat, HEARTBEAT_MS / 3).unref();
  }

  claim(id: number): Promise<UpdateClaim> {
    return this.#link.attempt(
      async (r) => {
        const verdict = await r.eval(
          CLAIM,
          1,
          key(id),
          this.#replica,
          this.#heartbeatPrefix,
          DONE_TTL_MS,
          HEARTBEAT_MS,
        );
        return verdict === 1 ? "new" : verdict === 2 ? "elsewhere" : "seen";
      },
      () => this.#fallback.claim(id),
    );
  }

  /**
   * Awaited before an update is marked done: the usage stream's flush, so an update whose events
   * did not reach Redis (its replica died first) is answered, and recorded, by another replica.
   */
  beforeDone?: () => Promise<void>;

  async done(id: number): Promise<void> {
    await this.beforeDone?.();
    await this.#link.attempt(
      (r) => r.set(key(id), "done", "PX", DONE_TTL_MS),
      () => null,
    );
  }

  /** Stops the heartbeat (other replicas take this one's unfinished updates over once it expires). */
  stop(): void {
    clearInterval(this.#timer);
  }
}

const key = (id: number) => `${KEY_PREFIX}update:${id}`;
