/**
 * @module
 * Why the usage database could not be used, told apart so that `openUsageStore` can move a damaged
 * file aside but leave a locked one alone, and so the message names the fix.
 */
import Database from "./sqlite.ts";

/** The usage database could not be opened; the message says what to do. */
export class UsageStoreError extends Error {
  override name = "UsageStoreError";
  /** The file itself is damaged (rather than locked, unwritable or from a newer citebot). */
  readonly corrupt: boolean;
  constructor(message: string, options: { cause: unknown; corrupt: boolean }) {
    super(message, { cause: options.cause });
    this.corrupt = options.corrupt;
  }
}

/** SQLite result codes that mean the file, not the event, is the problem: retrying will not help. */
const UNUSABLE = /^SQLITE_(BUSY|LOCKED|CORRUPT|NOTADB|IOERR|READONLY|CANTOPEN|FULL)/;
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;
/** The SQLite result code of an error from the driver (libsql, better-sqlite3's API), else "". */
export const sqliteCode = (err: unknown) => (err instanceof Database.SqliteError ? err.code : "");
/** Whether `err` means the database file cannot be used (locked, damaged, unwritable, full). */
export const isUnusable = (err: unknown) => UNUSABLE.test(sqliteCode(err));

/**
 * Throws SQLITE_CORRUPT unless `PRAGMA quick_check` passes: a damaged page elsewhere in the file
 * would otherwise surface only when some query happens to reach it, long after start.
 */
export function checkIntegrity(db: Database.Database): void {
  const problems = db.pragma("quick_check", { simple: false }) as { quick_check: string }[];
  const first = problems[0]?.quick_check;
  if (first !== "ok") {
    throw new Database.SqliteError(`database disk image is malformed (${first})`, "SQLITE_CORRUPT");
  }
}

/** The {@link UsageStoreError} for a failed open, worded for what went wrong. */
export function openError(file: string, cause: unknown): UsageStoreError {
  const code = sqliteCode(cause);
  const message = (cause as Error).message;
  if (CORRUPT.test(code))
    return new UsageStoreError(
      `citebot: the usage database ${file} is damaged (${message}). Move the damaged file aside to start a new one; npm start does that by itself.`,
      { cause, corrupt: true },
    );
  if (/^SQLITE_(BUSY|LOCKED)/.test(code))
    return new UsageStoreError(
      `citebot: the usage database ${file} is locked by another process (${message}). Stop the other process (another citebot with the same STATE_DIR, or a tool holding the file open), or give this bot its own STATE_DIR.`,
      { cause, corrupt: false },
    );
  return new UsageStoreError(
    `citebot: cannot open the usage database ${file}: ${message}. Check that STATE_DIR is writable, or move the damaged file aside to start a new one.`,
    { cause, corrupt: false },
  );
}
