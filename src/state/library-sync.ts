/**
 * @module
 * One library across replicas and shards (`REDIS_URL`): changes to the documents (reindex,
 * rollback, and whatever moderators do through the library) run in one process at a time under
 * the builder lock; the builder's `Library` writes the new snapshot to the shared `STATE_DIR` as
 * always, then publishes a new generation (a counter key and a PUBLISH). Every other process
 * loads that snapshot in the background and swaps it in whole, answering from the old one until
 * then. Missed messages (Redis was down, a process was starting) are caught up by reading the
 * counter every {@link POLL_MS}.
 *
 * Community libraries (`LIBRARY_SCOPE=community`) are shared by `community-sync.ts` instead.
 * Non-goal: the embedding vectors of a reloaded snapshot are not shared; each process reads those
 * saved beside the snapshot and computes the rest itself.
 */
import type { Library } from "../core/library.ts";
import type { Logger, ReindexReport } from "../core/types.ts";
import { KEY_PREFIX, type RedisLink } from "./redis-link.ts";
import { RedisLock } from "./redis-lock.ts";

const GENERATION = `${KEY_PREFIX}library:generation`;
const CHANNEL = `${KEY_PREFIX}library`;
/** How often a process reads the generation, in case it missed a message. */
export const POLL_MS = 2_000;
/** A build holds the lock at most this long without renewing it (renewed while it runs). */
const LOCK_TTL_MS = 30_000;
/** How long a change waits for another process's build to finish. */
const WAIT_MS = 10 * 60_000;

/** The methods that change the documents: they run under the lock and publish a generation. */
const BUILDS = new Set<PropertyKey>(["reindex", "rollback", "addDocument", "removeDocument", "updateFiles"]);

/** Options for {@link shareLibrary}. */
export interface ShareLibraryOptions {
  link: RedisLink;
  /** Opens this process's library (perhaps rebuilding from the files); run under the builder lock. */
  open: () => Promise<Library>;
  /** Opens the shared snapshot again, without rebuilding from the files (`reindexOnOpen: false`). */
  reopen: () => Promise<Library>;
  logger: Logger;
}

/** A library kept in step with the other processes. */
export interface SharedLibrary {
  /** Use it wherever a `Library` goes: it always forwards to the latest generation loaded. */
  library: Library;
  /** The generation this process answers from. */
  readonly generation: number;
  /** Resolves once this process has loaded generation `at least` (tests, start-up). */
  caughtUp(atLeast: number): Promise<void>;
  /** Runs `work` as the builder (the lock held, a generation published after). */
  build<T>(work: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Wraps `library` so that changes are built once and every process loads them.
 *
 * @example
 * ```ts
 * const open = (reindexOnOpen: boolean) => Library.open({ ...opts, reindexOnOpen });
 * const shared = await shareLibrary({ link, open: () => open(true), reopen: () => open(false), logger });
 * const moderation = createModeratorActions({ library: shared.library, ... });
 * ```
 */
export async function shareLibrary(options: ShareLibraryOptions): Promise<SharedLibrary> {
  const { link, reopen, logger } = options;
  const lock = new RedisLock(link, `${KEY_PREFIX}lock:builder`, LOCK_TTL_MS);
  // Under the lock: when the files changed since the snapshot, one process rebuilds and saves it,
  // and the others, opening after it, find it current instead of rebuilding it too.
  const first = await lock.wait(WAIT_MS);
  let generation = await readGeneration(link);
  let current = first === "held" ? await lock.hold(options.open) : await options.open();
  let loading: Promise<void> = Promise.resolve();
  const waiters: { atLeast: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of waiters.filter((w) => w.atLeast <= generation)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  /** Loads the published snapshot when it is newer than ours; one load at a time, in order. */
  const catchUp = (published: number): Promise<void> => {
    const run = loading.then(async () => {
      if (published <= generation) return;
      const started = performance.now();
      const fresh = await reopen();
      current = fresh;
      generation = published;
      logger.info(
        { generation, documents: fresh.size.documents, ms: Math.round(performance.now() - started) },
        "loaded the library another process built",
      );
      settle();
    });
    loading = run.catch((err) =>
      logger.error({ err }, "could not load the new library snapshot; answering from the old one"),
    );
    return loading;
  };
  // A change built while Redis was down is published on the first poll after it returns.
  let unpublished = false;
  const publish = async () => {
    const next = await link.attempt(
      (r) => r.incr(GENERATION),
      () => undefined,
    );
    unpublished = next === undefined;
    if (next === undefined) return;
    generation = next;
    await link.attempt(
      (r) => r.publish(CHANNEL, String(next)),
      () => 0,
    );
    settle();
  };
  // One build at a time in this process too: the lock is this process's however many wait for it.
  let building: Promise<unknown> = Promise.resolve();
  const build = <T>(work: () => Promise<T>, method?: PropertyKey): Promise<T> => {
    const run = building.then(() => buildLocked(work, method));
    building = run.catch(() => undefined);
    return run;
  };
  const buildLocked = async <T>(work: () => Promise<T>, method?: PropertyKey): Promise<T> => {
    const got = await lock.wait(WAIT_MS);
    if (got === "timeout") {
      throw new Error(
        "citebot: another process has been rebuilding the library for 10 minutes; try again once it is done",
      );
    }
    if (got === "unavailable") {
      logger.warn(
        { redis: link.where },
        "redis is down: this change is built here without the builder lock; other processes load it once redis is back",
      );
    }
    const run = async () => {
      // Build on the newest snapshot, not on one a moment old.
      await catchUp(await readGeneration(link));
      const result = await work();
      if (changed(result, method)) await publish();
      return result;
    };
    return got === "held" ? lock.hold(run) : run();
  };
  const poll = setInterval(() => {
    if (unpublished) void publish();
    else void readGeneration(link).then((g) => catchUp(g));
  }, POLL_MS).unref();
  const subscriber = link.subscriber();
  subscriber.on("message", (channel: string, message: string) => {
    if (channel === CHANNEL) void catchUp(Number(message));
  });
  // Not awaited: with Redis down it waits for the connection, and the poll catches up meanwhile.
  void subscriber.subscribe(CHANNEL).catch(() => undefined);
  const library = new Proxy(current, {
    get(_target, prop) {
      const value = Reflect.get(current, prop, current);
      if (typeof value !== "function") return value;
      if (BUILDS.has(prop))
        return (...args: unknown[]) =>
          build(() => Reflect.apply(value, current, args) as Promise<unknown>, prop);
      return (...args: unknown[]) => Reflect.apply(value, current, args);
    },
  });
  return {
    library,
    get generation() {
      return generation;
    },
    caughtUp(atLeast) {
      if (atLeast <= generation) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ atLeast, resolve }));
    },
    build,
    async stop() {
      clearInterval(poll);
      void subscriber.unsubscribe(CHANNEL).catch(() => undefined);
      await loading;
    },
  };
}

async function readGeneration(link: RedisLink): Promise<number> {
  const value = await link.attempt(
    (r) => r.get(GENERATION),
    () => null,
  );
  return Number(value ?? 0);
}

/** Whether a build's result changed what is answered (a dry run or a reindex that found nothing did not). */
function changed(result: unknown, method?: PropertyKey): boolean {
  const report = result as Partial<ReindexReport> | undefined;
  if (!report || typeof report !== "object" || !("applied" in report)) return true;
  if (report.dryRun || !report.applied) return false;
  // Rescans report what they found; a rollback or a document change always changes something.
  if (method !== "reindex" && method !== "updateFiles") return true;
  return Boolean(report.added?.length || report.changed?.length || report.removed?.length);
}
