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
import { ChatService } from "../../service/chat-service.ts";
import type { RatePolicy } from "../../service/rate-limit.ts";

/** The part of the core `Library` the adapters use. */
export interface AdapterLibrary {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  documents(): DocumentInfo[];
  suggest?(partial: string, limit?: number): string[];
  reindex(options?: ReindexOptions): Promise<ReindexReport>;
}

/**
 * What an adapter factory takes besides its transport settings.
 *
 * @example
 * ```ts
 * const deps: AdapterDeps = { library, logger, usage, moderation, service };
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
  /**
   * The chat service every question goes through. `npm start` passes one for all adapters, so a
   * user's rate limit and answers are the same everywhere; without it the adapter makes its own.
   */
  service?: ChatService;
  /** Rate limits of the service the adapter makes; default per user 6, per chat 20 questions in 10 s. */
  rates?: Partial<RatePolicy>;
}

/**
 * The service from `deps`, or one made from its library, usage recorder and rate limit.
 *
 * @example
 * ```ts
 * const service = chatServiceOf(deps);
 * ```
 */
export function chatServiceOf(deps: AdapterDeps<unknown>): ChatService {
  return (
    deps.service ??
    new ChatService({
      library: deps.library,
      usage: deps.usage,
      logger: deps.logger,
      rates: deps.rates,
    })
  );
}
