/**
 * @module
 * What every chat adapter needs from the rest of citebot, as narrow types: the real `Library`
 * fits them, and tests can pass wrappers or fakes without touching the core.
 */
import type {
  Answer,
  AskOptions,
  DocumentInfo,
  ReindexOptions,
  ReindexReport,
  UsageRecorder,
} from "../../core/types.ts";
import type { AppLogger } from "../../logger.ts";
import type { ModeratorActions } from "../../moderation/moderator-actions.ts";

/** The part of the core `Library` the adapters use. */
export interface AdapterLibrary {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  documents(): DocumentInfo[];
  reindex(options?: ReindexOptions): Promise<ReindexReport>;
}

/**
 * What an adapter factory takes besides its transport settings.
 *
 * @example
 * ```ts
 * const deps: AdapterDeps = { library, logger, usage, moderation };
 * await startTelegram(config.telegram, deps);
 * ```
 */
export interface AdapterDeps<Moderation = ModeratorActions> {
  library: AdapterLibrary;
  logger: AppLogger;
  /** Where questions and 👍/👎 are recorded for the moderators' report. */
  usage?: UsageRecorder;
  /**
   * Moderator actions (add/remove documents, rollback, stats, audited reindex). Without it those
   * commands say moderation is not configured, and reindex calls `library.reindex()` directly.
   */
  moderation?: Moderation;
}
