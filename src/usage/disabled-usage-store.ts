/**
 * @module
 * {@link DisabledUsageStore}: what the bot records into when its usage database could not be opened.
 */
import type { Platform, UsageRecorder } from "../core/types.ts";
import { emptyStats, type UsageStats, type UsageStatsSource } from "./usage-stats.ts";
import type { UsageStoreOptions } from "./usage-store.ts";
import { generateSalt, hashUserId } from "./user-hash.ts";

/**
 * Records nothing and reports why. `openUsageStore` has already logged the cause once; saying it
 * again per event would only bury it.
 *
 * @example
 * ```ts
 * const usage = new DisabledUsageStore({ retentionDays: 30, logQuestions: true });
 * usage.stats().error; // "Usage statistics are off: …"
 * ```
 */
export class DisabledUsageStore implements UsageRecorder, UsageStatsSource {
  readonly #base: Pick<UsageStats, "retentionDays" | "logQuestions">;
  // The database's salt is unreadable, so this run's hashes (in the audit log) are its own:
  // still never a raw id, but not linkable to another run's.
  readonly #salt: string;

  constructor(options: Pick<UsageStoreOptions, "retentionDays" | "logQuestions" | "salt">) {
    this.#base = { retentionDays: options.retentionDays, logQuestions: options.logQuestions };
    this.#salt = options.salt ?? generateSalt();
  }

  recordQuestion(): void {}

  recordFeedback(): void {}

  stats(): UsageStats {
    return {
      ...emptyStats(this.#base),
      error:
        "Usage statistics are off: the usage database could not be opened when citebot started. The bot's log names the file and the cause; statistics resume after a restart once it is fixed.",
    };
  }

  hashUser(platform: Platform, id: string): string {
    return hashUserId(this.#salt, platform, id);
  }

  close(): void {}
}
