/**
 * @module
 * The usage database schema, migrated forward with `PRAGMA user_version` so an old state/ folder
 * upgrades itself on start and nobody runs SQL by hand.
 */
import type Database from "./sqlite.ts";

/**
 * Each entry moves the schema from version `index` to `index + 1`. Append only: never edit a
 * migration that has shipped, add a new one.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,               -- ms since epoch, UTC
    platform TEXT NOT NULL,
    question TEXT,                     -- NULL when LOG_QUESTIONS is off
    question_key TEXT,                 -- normalised text for grouping; NULL with question
    answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
    sources TEXT NOT NULL DEFAULT '[]', -- JSON array of cited files
    user_hash TEXT                     -- salted HMAC, never the raw id
  ) STRICT;
  CREATE INDEX questions_at ON questions (at);
  CREATE INDEX questions_key ON questions (question_key) WHERE question_key IS NOT NULL;
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    platform TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    question TEXT,
    question_key TEXT,
    sources TEXT NOT NULL DEFAULT '[]',
    user_hash TEXT
  ) STRICT;
  CREATE INDEX feedback_at ON feedback (at);
  `,
  // LIBRARY_SCOPE=community: the group or server asked in (NULL: the base library, or one library).
  `
  ALTER TABLE questions ADD COLUMN community TEXT;
  ALTER TABLE feedback ADD COLUMN community TEXT;
  `,
  // REDIS_URL: an event's stream entry id, so a writer that died before acknowledging what it
  // wrote cannot make its successor write it twice (NULL for events recorded directly).
  `
  ALTER TABLE questions ADD COLUMN event_id TEXT;
  ALTER TABLE feedback ADD COLUMN event_id TEXT;
  CREATE UNIQUE INDEX questions_event ON questions (event_id) WHERE event_id IS NOT NULL;
  CREATE UNIQUE INDEX feedback_event ON feedback (event_id) WHERE event_id IS NOT NULL;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** A database written by a newer citebot than this one. */
export class SchemaVersionError extends Error {
  override name = "SchemaVersionError";
}

/**
 * Brings `db` up to {@link SCHEMA_VERSION}, each step in its own transaction.
 *
 * @example
 * ```ts
 * migrate(new Database("state/citebot.sqlite"));
 * ```
 */
export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `citebot: the usage database is schema version ${current}, newer than this citebot understands (${SCHEMA_VERSION}). Update citebot, or point STATE_DIR at another folder.`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
