/**
 * @module
 * The rate limiter in Redis: one sliding window per user and per chat, counted once for every
 * replica and shard. Each window is a sorted set of request times; one Lua script trims, checks
 * and adds atomically, so two replicas can never both let the limit-th-plus-one request through.
 * While Redis is down, this process counts alone (in memory), as a single process would.
 */
import { randomBytes } from "node:crypto";
import {
  MemoryRateLimiter,
  type RateDecision,
  type RateLimiter,
  type RatePolicy,
} from "../service/rate-limit.ts";
import { KEY_PREFIX, type RedisLink } from "./redis-link.ts";

// KEYS: user window, chat window (or the user's again when the chat is the user's own).
// ARGV: now, member, user limit, user window ms, chat limit, chat window ms, chat counted (1/0).
// Returns 1 allowed, 0 refused quietly, -1 refused and the user should be told (first refusal).
const SCRIPT = `
local now = tonumber(ARGV[1])
local function over(k, limit, window)
  redis.call('ZREMRANGEBYSCORE', k, '-inf', now - window)
  if redis.call('ZCARD', k) < limit then redis.call('DEL', k .. ':told') return false end
  return true
end
local refused = over(KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[4])) and KEYS[1] or nil
if not refused and ARGV[7] == '1' and over(KEYS[2], tonumber(ARGV[5]), tonumber(ARGV[6])) then refused = KEYS[2] end
if refused then
  local window = refused == KEYS[1] and ARGV[4] or ARGV[6]
  if redis.call('SET', refused .. ':told', '1', 'NX', 'PX', window) then return -1 end
  return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ARGV[7] == '1' then
  redis.call('ZADD', KEYS[2], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[6])
end
return 1
`;

/**
 * @example
 * ```ts
 * const limiter = new RedisRateLimiter(link, "ask", DEFAULT_RATE_POLICY);
 * await limiter.take("telegram:42", "telegram:-100"); // the same count on every replica
 * ```
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #link: RedisLink;
  readonly #prefix: string;
  readonly #policy: RatePolicy;
  readonly #now: () => number;
  readonly #fallback: MemoryRateLimiter;

  constructor(link: RedisLink, name: string, policy: RatePolicy, now: () => number = Date.now) {
    this.#link = link;
    this.#prefix = `${KEY_PREFIX}rate:${name}:`;
    this.#policy = policy;
    this.#now = now;
    this.#fallback = new MemoryRateLimiter(policy, now);
  }

  take(user: string, chat: string): Promise<RateDecision> {
    const { user: u, chat: c } = this.#policy;
    const own = user === chat;
    const keys = [`${this.#prefix}u:${user}`, own ? `${this.#prefix}u:${user}` : `${this.#prefix}c:${chat}`];
    const member = `${this.#now()}:${randomBytes(4).toString("hex")}`;
    return this.#link.attempt(
      async (r) => {
        const args = [this.#now(), member, u.limit, u.windowMs, c.limit, c.windowMs, own ? 0 : 1];
        const verdict = (await r.eval(SCRIPT, 2, ...keys, ...args)) as number;
        return verdict === 1 ? { allowed: true } : { allowed: false, tell: verdict === -1 };
      },
      () => this.#fallback.takeNow(user, chat),
    );
  }
}
