/**
 * @module
 * Usage events with several processes: every replica and shard appends its questions and votes to
 * one Redis stream (XADD), and one process at a time (the holder of the writer lock) reads them
 * through a consumer group and writes them to the usage database, acknowledging each after it is
 * written. Nothing is lost when a replica dies: its events are in Redis already, and entries a
 * dead writer had read but not acknowledged are claimed by the next writer (XAUTOCLAIM). No two
 * processes write the database. While Redis is down, events wait in memory (bounded) and are
 * appended when it returns.
 */
import type { Redis } from "ioredis";
import type { FeedbackEvent, Logger, QuestionEvent, UsageRecorder } from "../core/types.ts";
import { KEY_PREFIX, type RedisLink } from "./redis-link.ts";
import { RedisLock } from "./redis-lock.ts";

const STREAM = `${KEY_PREFIX}usage`;
const GROUP = "usage-writer";
/** The stream keeps about this many entries; the writer acknowledges long before that. */
const STREAM_MAX = 100_000;
/** Events kept in memory while Redis is down; older ones are dropped past this (and logged). */
const BUFFER_MAX = 10_000;

type Entry = { kind: "question"; event: QuestionEvent } | { kind: "feedback"; event: FeedbackEvent };

/**
 * A {@link UsageRecorder} that appends to the stream.
 *
 * @example
 * ```ts
 * const service = new ChatService({ library, usage: new UsageStream(link, logger) });
 * ```
 */
export class UsageStream implements UsageRecorder {
  readonly #link: RedisLink;
  readonly #logger: Logger;
  readonly #waiting: Entry[] = [];
  #flushing: Promise<void> = Promise.resolve();

  constructor(link: RedisLink, logger: Logger) {
    this.#link = link;
    this.#logger = logger;
  }

  // Stamped now: the writer may write it seconds later (or, after an outage, minutes).
  recordQuestion(event: QuestionEvent): void {
    this.#append({ kind: "question", event: { ...event, at: event.at ?? Date.now() } });
  }

  recordFeedback(event: FeedbackEvent): void {
    this.#append({ kind: "feedback", event: { ...event, at: event.at ?? Date.now() } });
  }

  /** Resolves once every event recorded so far is in Redis (or waiting for it in memory). */
  flushed(): Promise<void> {
    return this.#flushing;
  }

  #append(entry: Entry): void {
    this.#waiting.push(entry);
    if (this.#waiting.length > BUFFER_MAX) {
      this.#waiting.shift();
      this.#logger.warn({ kept: BUFFER_MAX }, "usage: redis has been down long; dropping the oldest event");
    }
    // One flush at a time keeps events in the order they were recorded.
    this.#flushing = this.#flushing.then(() => this.#flush());
  }

  async #flush(): Promise<void> {
    while (this.#waiting.length) {
      const entry = this.#waiting[0] as Entry;
      const ok = await this.#link.attempt(
        async (r) => {
          await r.xadd(STREAM, "MAXLEN", "~", STREAM_MAX, "*", "entry", JSON.stringify(entry));
          return true;
        },
        () => false,
      );
      if (!ok) return; // still down: the next event (or the writer's poll) tries again
      this.#waiting.shift();
    }
  }

  /** Tries to append what waited while Redis was down. */
  retry(): void {
    if (this.#waiting.length) this.#flushing = this.#flushing.then(() => this.#flush());
  }
}

/** Options for {@link startUsageWriter}. */
export interface UsageWriterOptions {
  link: RedisLink;
  /** Where events are written: the usage database. */
  store: UsageRecorder;
  logger: Logger;
  /** This process's name in the consumer group (any unique string). */
  consumer: string;
  /** The stream recorder of this process, retried on every poll while Redis was down. */
  stream?: UsageStream;
}

const LOCK_TTL_MS = 10_000;
const READ_BLOCK_MS = 500;

/**
 * Writes the stream's events to the usage database while this process holds the writer lock;
 * stands by otherwise, trying for the lock every second. Returns a stop function.
 *
 * @example
 * ```ts
 * const stop = startUsageWriter({ link, store: usage, logger, consumer: hostname() });
 * ```
 */
export function startUsageWriter(options: UsageWriterOptions): () => Promise<void> {
  const { link, store, logger, consumer } = options;
  const lock = new RedisLock(link, `${KEY_PREFIX}lock:usage-writer`, LOCK_TTL_MS);
  // Blocking reads need their own connection: on the shared one they would hold up every answer.
  const reader = link.redis.duplicate({ commandTimeout: READ_BLOCK_MS + 2_000 });
  reader.on("error", () => {}); // the outage is logged once by the link
  let running = true;
  let writing = false;
  const write = (id: string, fields: string[]) => {
    try {
      const entry = JSON.parse(fields[1] ?? "{}") as Entry;
      // The entry's id goes with it: a replay (a writer died before acknowledging) is not written twice.
      if (entry.kind === "question") store.recordQuestion({ ...entry.event, eventId: id });
      else if (entry.kind === "feedback") store.recordFeedback({ ...entry.event, eventId: id });
    } catch (err) {
      logger.warn({ err, id }, "usage: skipped an unreadable stream entry");
    }
  };
  const loop = async () => {
    while (running) {
      options.stream?.retry();
      if (reader.status !== "ready") {
        // Connecting (or Redis is down, which the shared connection reports): wait for it.
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const held = await lock.acquire();
      if (!held) {
        writing = false;
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      try {
        if (!writing) {
          await ensureGroup(reader);
          // Taken over: whatever the previous writer read and did not acknowledge is ours now.
          await claimPending(reader, consumer, write);
          writing = true;
          logger.info({ consumer }, "usage: this process writes the usage database");
        }
        const batch = (await reader.xreadgroup(
          "GROUP",
          GROUP,
          consumer,
          "COUNT",
          200,
          "BLOCK",
          READ_BLOCK_MS,
          "STREAMS",
          STREAM,
          ">",
        )) as [string, [string, string[]][]][] | null;
        const entries = batch?.[0]?.[1] ?? [];
        for (const [id, fields] of entries) write(id, fields);
        if (entries.length) await reader.xack(STREAM, GROUP, ...entries.map(([id]) => id));
      } catch (err) {
        link.markDown(err);
        writing = false;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };
  const done = loop();
  return async () => {
    running = false;
    await done;
    await lock.release();
    reader.disconnect();
  };
}

async function ensureGroup(reader: Redis): Promise<void> {
  try {
    await reader.xgroup("CREATE", STREAM, GROUP, "0", "MKSTREAM");
  } catch (err) {
    if (!String((err as Error).message).includes("BUSYGROUP")) throw err;
  }
}

async function claimPending(
  reader: Redis,
  consumer: string,
  write: (id: string, fields: string[]) => void,
): Promise<void> {
  let cursor = "0-0";
  do {
    const [next, entries] = (await reader.xautoclaim(STREAM, GROUP, consumer, 0, cursor, "COUNT", 200)) as [
      string,
      [string, string[] | null][],
    ];
    const live = entries.filter((e): e is [string, string[]] => e[1] !== null);
    for (const [id, fields] of live) write(id, fields);
    if (entries.length) await reader.xack(STREAM, GROUP, ...entries.map(([id]) => id));
    cursor = next;
  } while (cursor !== "0-0");
}
