/**
 * @module
 * {@link SqliteUsageStore}: the {@link UsageRecorder} behind `/stats` and `npm run report`.
 * One SQLite file in STATE_DIR (WAL, synchronous=NORMAL: a crash loses at most the last
 * moments, never the file). Privacy first: no user ids or names, only a salted hash; no question
 * text when LOG_QUESTIONS is off; rows older than QUESTION_RETENTION_DAYS are purged.
 */
import fs from "node:fs";
import path from "node:path";
import type { FeedbackEvent, Logger, Platform, QuestionEvent, UsageRecorder } from "../core/types.ts";
import { cleanQuestion, questionKey } from "./question-key.ts";
import { eraseQuestionText, purgeBefore } from "./retention.ts";
import { migrate } from "./schema.ts";
import Database, { closeDatabase } from "./sqlite.ts";
import { emptyStats, queryStats, type StatsOptions, type UsageStats } from "./usage-stats.ts";
import { checkIntegrity, isUnusable, openError } from "./usage-store-error.ts";
import { generateSalt, hashUserId } from "./user-hash.ts";

const DAY_MS = 86_400_000;
/** Cited sources kept per event; an answer cites a handful, this only bounds a misbehaving caller. */
const MAX_SOURCES = 50;

/** The usage database's file name inside STATE_DIR. */
export const USAGE_DB_FILE = "citebot.sqlite";

/** Where the usage database lives for a given STATE_DIR. */
export const usageDbPath = (stateDir: string) => path.join(stateDir, USAGE_DB_FILE);

/** Options for {@link SqliteUsageStore.open}. */
export interface UsageStoreOptions {
  /** The database file, usually `usageDbPath(config.stateDir)`. Folders are created. */
  path: string;
  /** LOG_QUESTIONS: when false no question text is stored (and old text is erased on open). */
  logQuestions: boolean;
  /** QUESTION_RETENTION_DAYS: rows older than this are purged on open and once a day. */
  retentionDays: number;
  /** A salt kept outside the database; by default one is generated once and kept in `meta`. */
  salt?: string;
  logger: Logger;
  /**
   * How long a statement waits for a lock another process holds, in ms; default
   * {@link DEFAULT_BUSY_TIMEOUT_MS}. Past it the database counts as unusable.
   */
  busyTimeoutMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** The report CLI may write (purge) while the bot runs: wait that long for its lock rather than fail. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export { UsageStoreError } from "./usage-store-error.ts";

/**
 * Records questions and 👍/👎 for the moderators' report. Recording never throws: failures are
 * logged and the adapter carries on.
 *
 * @example
 * ```ts
 * const usage = SqliteUsageStore.open({ path: usageDbPath(config.stateDir), logQuestions: config.logQuestions,
 *   retentionDays: config.questionRetentionDays, logger });
 * usage.recordQuestion({ platform: "telegram", question, answered: answer.answered, sources: files });
 * const text = renderStats(usage.stats({ since: new Date(Date.now() - 7 * 86_400_000) }));
 * usage.close();
 * ```
 */
export class SqliteUsageStore implements UsageRecorder {
  readonly #db: Database.Database;
  readonly #options: UsageStoreOptions;
  readonly #salt: string;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;
  // Prepared once: recording happens on every answer.
  readonly #insertQuestion: Database.Statement;
  readonly #insertFeedback: Database.Statement;
  /** Set by the first write that fails for a reason that will not go away by itself. */
  #unusable = false;

  private constructor(db: Database.Database, options: UsageStoreOptions, salt: string) {
    this.#db = db;
    this.#options = options;
    this.#salt = salt;
    this.#now = options.now ?? Date.now;
    this.#insertQuestion = db.prepare(
      "INSERT OR IGNORE INTO questions (at, platform, question, question_key, answered, sources, user_hash, community, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.#insertFeedback = db.prepare(
      "INSERT OR IGNORE INTO feedback (at, platform, vote, question, question_key, sources, user_hash, community, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    // unref: a pending purge must never keep the process (or a test run) alive.
    this.#timer = setInterval(() => this.purge(), DAY_MS).unref();
  }

  /**
   * Opens (creating if needed), checks and migrates the database, then purges expired rows. Throws
   * {@link UsageStoreError} when any of that fails, including a lock held past the busy timeout;
   * `openUsageStore` turns that into a store that records nothing instead.
   */
  static open(options: UsageStoreOptions): SqliteUsageStore {
    let db: Database.Database | undefined;
    try {
      fs.mkdirSync(path.dirname(options.path), { recursive: true });
      // The timeout goes to the constructor so that it covers the very first statement too.
      db = new Database(options.path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      // Purged and erased rows are overwritten with zeros, not left readable in free pages.
      db.pragma("secure_delete = ON");
      checkIntegrity(db);
      migrate(db);
      const salt = options.salt ?? SqliteUsageStore.#storedSalt(db);
      const erased = options.logQuestions ? 0 : eraseQuestionText(db);
      if (erased) options.logger.info({ erased }, "usage: LOG_QUESTIONS is off, erased stored question text");
      // Not store.purge(), which only logs: a lock that outlasts the timeout here must fail the open.
      const removed = purgeBefore(db, (options.now ?? Date.now)() - options.retentionDays * DAY_MS);
      if (removed) options.logger.info({ removed, retentionDays: options.retentionDays }, "usage: purged");
      // Only now, so a failed open leaves no daily purge timer behind.
      return new SqliteUsageStore(db, options, salt);
    } catch (cause) {
      if (db) closeDatabase(db, { removeLog: true });
      if (cause instanceof Error && cause.name === "SchemaVersionError") throw cause;
      throw openError(options.path, cause);
    }
  }

  static #storedSalt(db: Database.Database): string {
    const existing = db.prepare("SELECT value FROM meta WHERE key = 'user_salt'").pluck().get() as
      | string
      | undefined;
    if (existing) return existing;
    const salt = generateSalt();
    db.prepare("INSERT INTO meta (key, value) VALUES ('user_salt', ?)").run(salt);
    return salt;
  }

  /** The salted hash stored for a user; the audit log uses it so both name a moderator the same way. */
  hashUser(platform: Platform, id: string): string {
    return hashUserId(this.#salt, platform, id);
  }

  recordQuestion(event: QuestionEvent): void {
    this.#write("question", () => {
      const q = this.#questionColumns(event.question);
      this.#insertQuestion.run(
        event.at ?? this.#now(),
        event.platform,
        q.text,
        q.key,
        event.answered ? 1 : 0,
        this.#sources(event),
        this.#user(event),
        event.community ?? null,
        event.eventId ?? null,
      );
    });
  }

  recordFeedback(event: FeedbackEvent): void {
    this.#write("feedback", () => {
      if (event.vote !== "up" && event.vote !== "down")
        throw new TypeError(`unknown vote ${String(event.vote)}`);
      const q = this.#questionColumns(event.question);
      this.#insertFeedback.run(
        event.at ?? this.#now(),
        event.platform,
        event.vote,
        q.text,
        q.key,
        this.#sources(event),
        this.#user(event),
        event.community ?? null,
        event.eventId ?? null,
      );
    });
  }

  /** Statistics for `/stats` and the report. Never throws: on failure `error` is set. */
  stats(options: StatsOptions = {}): UsageStats {
    const base = { retentionDays: this.#options.retentionDays, logQuestions: this.#options.logQuestions };
    const since = options.since && !Number.isNaN(options.since.getTime()) ? options.since : undefined;
    const top = Math.max(1, Math.min(50, Math.floor(options.top ?? 5)));
    try {
      const result = queryStats(this.#db, since?.getTime() ?? 0, top, options.community);
      return { ...base, ...(since ? { since: since.toISOString() } : {}), ...result };
    } catch (err) {
      this.#options.logger.error({ err }, "usage: could not read statistics");
      return {
        ...emptyStats(base),
        error: "Usage statistics could not be read; the bot's log has the cause.",
      };
    }
  }

  /** Deletes rows older than the retention window; returns how many went. */
  purge(): number {
    if (!this.#db.open) return 0;
    try {
      const cutoff = this.#now() - this.#options.retentionDays * DAY_MS;
      const removed = purgeBefore(this.#db, cutoff);
      if (removed)
        this.#options.logger.info({ removed, retentionDays: this.#options.retentionDays }, "usage: purged");
      return removed;
    } catch (err) {
      this.#options.logger.error({ err }, "usage: purge failed");
      return 0;
    }
  }

  /** Stops the daily purge and closes the database. Safe to call twice. */
  close(): void {
    clearInterval(this.#timer);
    closeDatabase(this.#db);
  }

  #questionColumns(question: unknown): { text: string | null; key: string | null } {
    if (!this.#options.logQuestions || typeof question !== "string") return { text: null, key: null };
    const text = cleanQuestion(question);
    return text ? { text, key: questionKey(text) } : { text: null, key: null };
  }

  #sources(event: { sources?: unknown }): string {
    const files = Array.isArray(event.sources) ? event.sources.filter((s) => typeof s === "string") : [];
    return JSON.stringify([...new Set(files)].slice(0, MAX_SOURCES));
  }

  #user(event: { platform: Platform; user?: unknown }): string | null {
    return typeof event.user === "string" && event.user ? this.hashUser(event.platform, event.user) : null;
  }

  #write(kind: string, run: () => void): void {
    if (this.#unusable) return;
    if (!this.#db.open) {
      this.#options.logger.warn({ kind }, "usage: store is closed, event dropped");
      return;
    }
    try {
      run();
    } catch (err) {
      if (!isUnusable(err)) {
        this.#options.logger.error({ err, kind }, "usage: could not record event");
        return;
      }
      // Once, not per event: every later write would block for the busy timeout and fail the same way.
      this.#unusable = true;
      this.#options.logger.error(
        { err, file: this.#options.path },
        `usage: the usage database ${this.#options.path} became unusable (${(err as Error).message}); recording nothing until citebot restarts`,
      );
    }
  }
}
