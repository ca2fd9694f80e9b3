/**
 * @module
 * Community libraries (`LIBRARY_SCOPE=community`) across processes: a change to one community's
 * documents or settings runs under that community's lock, and is then PUBLISHed, so every other
 * process forgets its loaded copy and loads the community's snapshot from `STATE_DIR` on its next
 * question. Redis down: the change runs here without the lock, and the others see it when they
 * next load that library.
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "../core/types.ts";
import type { CommunitySync } from "../service/library-registry.ts";
import { KEY_PREFIX, type RedisLink } from "./redis-link.ts";
import { RedisLock } from "./redis-lock.ts";

const CHANNEL = `${KEY_PREFIX}community`;
const LOCK_TTL_MS = 30_000;
const WAIT_MS = 5 * 60_000;

/** A {@link CommunitySync} in Redis, and where the other processes' changes are announced. */
export interface SharedCommunities extends CommunitySync {
  /** Calls `forget(key)` whenever another process changed community `key`. */
  onChange(forget: (key: string) => void): void;
}

/**
 * @example
 * ```ts
 * const sync = shareCommunities(link, logger);
 * const registry = new LibraryRegistry({ base, stateDir, memoryBytes, sync });
 * sync.onChange((key) => registry.forget(key));
 * ```
 */
export function shareCommunities(link: RedisLink, logger: Logger): SharedCommunities {
  const me = randomBytes(6).toString("hex");
  const listeners: ((key: string) => void)[] = [];
  const subscriber = link.subscriber();
  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== CHANNEL) return;
    const [from, key] = [message.slice(0, message.indexOf(" ")), message.slice(message.indexOf(" ") + 1)];
    if (from !== me) for (const forget of listeners) forget(key);
  });
  void subscriber.subscribe(CHANNEL).catch(() => undefined);
  return {
    onChange: (forget) => void listeners.push(forget),
    async change(key, work) {
      const lock = new RedisLock(link, `${KEY_PREFIX}lock:community:${key}`, LOCK_TTL_MS);
      const got = await lock.wait(WAIT_MS);
      if (got === "timeout")
        throw new Error(`citebot: another process has been changing ${key} for minutes; try again`);
      if (got === "unavailable")
        logger.warn({ community: key }, "redis is down: this community change is made without the lock");
      const run = async () => {
        const result = await work();
        await link.attempt(
          (r) => r.publish(CHANNEL, `${me} ${key}`),
          () => 0,
        );
        return result;
      };
      return got === "held" ? lock.hold(run) : run();
    },
  };
}
