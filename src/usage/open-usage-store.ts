/**
 * @module
 * {@link openUsageStore}: how the bot opens its usage database. Usage statistics are a convenience
 * for moderators, never a reason for the bot to stop answering, so a database that cannot be used
 * costs the statistics, not the start: a damaged file is moved aside (kept for inspection, never
 * deleted) and a new one created; one that stays locked or unwritable gives a store that records
 * nothing until the next start, after one clear error naming the file.
 */
import fs from "node:fs";
import type { Platform, UsageRecorder } from "../core/types.ts";
import { DisabledUsageStore } from "./disabled-usage-store.ts";
import type { UsageStatsSource } from "./usage-stats.ts";
import { SqliteUsageStore, type UsageStoreOptions } from "./usage-store.ts";
import { UsageStoreError } from "./usage-store-error.ts";

/** What the bot needs from a usage store; {@link SqliteUsageStore} and {@link DisabledUsageStore} both are one. */
export interface UsageStore extends UsageRecorder, UsageStatsSource {
  hashUser(platform: Platform, id: string): string;
  close(): void;
}

/**
 * Opens the usage database for the bot; never throws.
 *
 * @example
 * ```ts
 * const usage = openUsageStore({ path: usageDbPath(config.stateDir), logQuestions: config.logQuestions,
 *   retentionDays: config.questionRetentionDays, logger });
 * ```
 */
export function openUsageStore(options: UsageStoreOptions): UsageStore {
  const { logger, path: file } = options;
  try {
    return SqliteUsageStore.open(options);
  } catch (first) {
    let err = first;
    if (err instanceof UsageStoreError && err.corrupt) {
      const movedTo = moveAside(file, new Date((options.now ?? Date.now)()));
      logger.error(
        { err, file, movedTo },
        `usage: the usage database ${file} is damaged; moved it to ${movedTo} (kept, not deleted) and started a new one`,
      );
      try {
        return SqliteUsageStore.open(options);
      } catch (again) {
        err = again;
      }
    }
    logger.error(
      { err, file },
      `${(err as Error).message} Until then citebot answers as usual but records no usage statistics; restart it once this is fixed.`,
    );
    return new DisabledUsageStore(options);
  }
}

/**
 * Renames the database and its WAL and shared-memory files to `<name>.corrupt-<time>…`; returns the
 * database's new path. The WAL goes too: SQLite would otherwise try to apply it to the new file.
 * An empty WAL holds nothing, and without one the shared-memory index means nothing: those are
 * removed rather than kept (libsql leaves both behind when it closes).
 */
function moveAside(file: string, at: Date): string {
  const target = `${file}.corrupt-${at.toISOString().replace(/[:.]/g, "-")}`;
  const emptyLog = !fs.existsSync(`${file}-wal`) || fs.statSync(`${file}-wal`).size === 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    if (!fs.existsSync(file + suffix)) continue;
    if (suffix && emptyLog) fs.rmSync(file + suffix, { force: true });
    else fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}
