/**
 * @module
 * Forgetting on purpose: rows past QUESTION_RETENTION_DAYS, and question text once LOG_QUESTIONS
 * is turned off. The store opens its database with `secure_delete`, so what goes here is
 * overwritten in the file, not just unlinked from the b-tree.
 */
import type Database from "./sqlite.ts";

/**
 * Deletes questions and votes recorded before `cutoffMs`; returns how many rows went.
 *
 * @example
 * ```ts
 * purgeBefore(db, Date.now() - 30 * 86_400_000);
 * ```
 */
export function purgeBefore(db: Database.Database, cutoffMs: number): number {
  return db.transaction(
    () =>
      db.prepare("DELETE FROM questions WHERE at < ?").run(cutoffMs).changes +
      db.prepare("DELETE FROM feedback WHERE at < ?").run(cutoffMs).changes,
  )();
}

/**
 * Erases every stored question text (counts, votes and cited sources stay); returns how many
 * rows held text.
 *
 * @example
 * ```ts
 * if (!config.logQuestions) eraseQuestionText(db);
 * ```
 */
export function eraseQuestionText(db: Database.Database): number {
  return db.transaction(
    () =>
      db.prepare("UPDATE questions SET question = NULL, question_key = NULL WHERE question IS NOT NULL").run()
        .changes +
      db.prepare("UPDATE feedback SET question = NULL, question_key = NULL WHERE question IS NOT NULL").run()
        .changes,
  )();
}
