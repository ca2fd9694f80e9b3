/**
 * @module
 * The append-only audit log of document changes, reindexes and rollbacks, and of the moderator
 * commands refused to someone who may not moderate (who tried what, and why it was refused).
 *
 * Why JSONL in STATE_DIR (`audit.jsonl`) rather than a table in the usage database: the audit
 * trail must outlive what the usage database forgets on purpose (retention purges, LOG_QUESTIONS
 * erasure, a moderator deleting the file to reset statistics); an append-only text file is what
 * `tail -f`, `grep` and `jq` read without citebot running; and a process that has no usage store
 * open (`npm run reindex`) can still append to it. Each event is one line written with O_APPEND
 * and fsync'd before `record` resolves, so a crash loses at most the event in flight.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Logger, Platform } from "../core/types.ts";

/** The audit log's file name inside STATE_DIR. */
export const AUDIT_LOG_FILE = "audit.jsonl";

/**
 * What changed. `add` creates a document, `replace` overwrites one (the overwrite option);
 * `refresh` re-fetched the web pages (`detail` counts them); `library` turned a community's use of
 * the base library on or off (`detail.base`); `refused` is a moderator command that
 * did not run (`detail.command`, `detail.reason`).
 */
export type AuditAction =
  | "add"
  | "replace"
  | "remove"
  | "reindex"
  | "rollback"
  | "refresh"
  | "refused"
  | "library";

/** What an adapter passes to {@link AuditLog.record}. */
export interface AuditInput {
  platform: Platform;
  action: AuditAction;
  /** Raw platform user id: stored only as a salted hash (via `hashUser`), never as given. */
  user?: string;
  /** A display label the adapter chooses to show (e.g. "@alice" or "admin"); stored as given. */
  label?: string;
  /**
   * The community it happened in (`telegram:<group id>`, `discord:<server id>`); with
   * `LIBRARY_SCOPE=community` that is also the library it changed. Absent: the base library.
   */
  community?: string;
  /** File relative to DATA_DIR, for document changes. */
  file?: string;
  /** Small facts worth keeping, e.g. `{ documents: 5, passages: 120, errors: 0 }`. */
  detail?: Record<string, string | number | boolean>;
}

/** What an adapter passes to {@link AuditLog.refused}: who tried which command, and why it was refused. */
export interface RefusalInput extends Pick<AuditInput, "platform" | "user" | "label" | "community"> {
  /** The command as the user typed it, e.g. "/reindex". */
  command: string;
  /** Why it was refused, for the operator reading the log, e.g. "not an administrator of this group". */
  reason: string;
}

/**
 * Where adapters record refused moderator commands; {@link AuditLog} is one. A Discord shard passes
 * a stand-in that sends each refusal to the parent process, which owns the log.
 */
export interface RefusalRecorder {
  refused(input: RefusalInput): Promise<boolean>;
}

/** One line of `audit.jsonl`. */
export interface AuditEvent {
  /** ISO time. */
  at: string;
  platform: Platform;
  action: AuditAction;
  /** Salted hash of the user id, when one was given. */
  userHash?: string;
  label?: string;
  /** The community (and, with a library per community, the library) it happened in. */
  community?: string;
  file?: string;
  detail?: Record<string, string | number | boolean>;
}

/** Options for {@link AuditLog.open}. */
export interface AuditLogOptions {
  /** Usually `path.join(config.stateDir, AUDIT_LOG_FILE)`. */
  path: string;
  logger: Logger;
  /** Hashes a raw user id; pass `usage.hashUser` so both stores name a moderator alike. Without it ids are dropped. */
  hashUser?: (platform: Platform, id: string) => string;
  /** Clock, for tests. */
  now?: () => Date;
}

/**
 * Appends audit events; one fsync'd line each, in call order.
 *
 * @example
 * ```ts
 * const audit = AuditLog.open({ path: path.join(config.stateDir, AUDIT_LOG_FILE), logger,
 *   hashUser: (p, id) => usage.hashUser(p, id) });
 * await audit.record({ platform: "telegram", user: String(ctx.from.id), action: "add", file: "faq.md" });
 * ```
 */
export class AuditLog implements RefusalRecorder {
  readonly #options: AuditLogOptions;
  /** Appends run one after another so lines never interleave and order is call order. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: AuditLogOptions) {
    this.#options = options;
  }

  static open(options: AuditLogOptions): AuditLog {
    return new AuditLog(options);
  }

  /** Appends one event. Never throws: resolves `false` (and logs) when the write failed. */
  record(input: AuditInput): Promise<boolean> {
    const event = this.#toEvent(input);
    const write = this.#queue.then(() => this.#append(`${JSON.stringify(event)}\n`));
    this.#queue = write.catch(() => undefined);
    return write.then(
      () => true,
      (err: unknown) => {
        this.#options.logger.error({ err, action: input.action }, "audit: could not append event");
        return false;
      },
    );
  }

  /**
   * Appends a `refused` event. Never throws, like {@link record}.
   *
   * @example
   * ```ts
   * await audit.refused({ platform: "telegram", user: "42", label: "@mallory", command: "/reindex",
   *   reason: "not an administrator of this group" });
   * ```
   */
  refused(input: RefusalInput): Promise<boolean> {
    const { command, reason, ...who } = input;
    return this.record({ ...who, action: "refused", detail: { command: command.slice(0, 64), reason } });
  }

  /** Reads the log; see {@link readAuditLog}. */
  read(options?: ReadAuditOptions): Promise<AuditEvent[]> {
    return readAuditLog(this.#options.path, options);
  }

  #toEvent(input: AuditInput): AuditEvent {
    const { hashUser } = this.#options;
    return {
      at: (this.#options.now?.() ?? new Date()).toISOString(),
      platform: input.platform,
      action: input.action,
      ...(input.user && hashUser ? { userHash: hashUser(input.platform, input.user) } : {}),
      ...(input.label ? { label: input.label.slice(0, 100) } : {}),
      ...(input.community ? { community: input.community } : {}),
      ...(input.file ? { file: input.file } : {}),
      ...(input.detail ? { detail: input.detail } : {}),
    };
  }

  async #append(line: string): Promise<void> {
    await fs.mkdir(path.dirname(this.#options.path), { recursive: true });
    const handle = await fs.open(this.#options.path, "a", 0o600);
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Options for {@link readAuditLog}. */
export interface ReadAuditOptions {
  since?: Date;
  /** Keep only the most recent N events. */
  limit?: number;
}

/**
 * Reads `audit.jsonl`, oldest first. A missing file is an empty log; a torn or foreign line
 * (a crash mid-write, a hand edit) is skipped rather than failing the report.
 *
 * @example
 * ```ts
 * const recent = await readAuditLog(path.join(config.stateDir, AUDIT_LOG_FILE), { limit: 10 });
 * ```
 */
export async function readAuditLog(file: string, options: ReadAuditOptions = {}): Promise<AuditEvent[]> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const sinceMs = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const events: AuditEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const event = JSON.parse(line) as AuditEvent;
      if (
        typeof event.at === "string" &&
        typeof event.action === "string" &&
        Date.parse(event.at) >= sinceMs
      ) {
        events.push(event);
      }
    } catch {
      // torn last line after a crash: skip it
    }
  }
  return options.limit !== undefined
    ? events.slice(Math.max(0, events.length - Math.max(0, options.limit)))
    : events;
}
