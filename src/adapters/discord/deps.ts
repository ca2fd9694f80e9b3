/**
 * @module
 * What the Discord adapter needs from the rest of citebot, and what every handler receives.
 */

import type { Config } from "../../config.ts";
import type { ReindexReport } from "../../core/types.ts";
import type { AppLogger } from "../../logger.ts";
import type { RefusalRecorder } from "../../moderation/audit-log.ts";
import type { Moderator, ModeratorActions } from "../../moderation/moderator-actions.ts";
import type { ChatService } from "../../service/chat-service.ts";
import type { AdapterDeps, AdapterLibrary } from "../shared/deps.ts";

/** The part of the core `Library` the adapter uses: the shared one plus autocomplete. */
export interface AnswerLibrary extends AdapterLibrary {
  suggest(partial: string, limit?: number): string[];
}

/**
 * The moderator actions the commands use. `ModeratorActions` satisfies it; a shard process gets a
 * stand-in that relays each call to the parent process over IPC, hence the optional promises.
 */
export interface DiscordModeration {
  readonly maxBytes: number;
  reindex(moderator: Moderator, options?: { dryRun?: boolean }): Promise<ReindexReport>;
  rollback(moderator: Moderator): Promise<ReindexReport>;
  precheckUpload(fileName: string, size: number): string;
  addDocument: ModeratorActions["addDocument"];
  removeDocument: ModeratorActions["removeDocument"];
  /** Web pages by address; absent in a shard process (the relay does not carry them yet). */
  addUrl?: ModeratorActions["addUrl"];
  refresh?: ModeratorActions["refresh"];
  statsText(options?: { days?: number; moderator?: Moderator }): string | Promise<string>;
  /** `/library base`; absent with one shared library, and in a shard process (not relayed yet). */
  includeBase?: ModeratorActions["includeBase"];
}

/** The Discord settings from {@link Config}. */
export type DiscordSettings = NonNullable<Config["discord"]>;

/** What {@link createDiscordBot} and `startDiscord` take besides the settings. */
export interface DiscordDeps extends AdapterDeps<DiscordModeration> {
  library: AnswerLibrary;
  /** Where refused moderator commands are recorded (the audit log); without it they are only logged. */
  audit?: RefusalRecorder;
}

/** Everything a command, button or message handler can use. */
export interface BotContext {
  library: AnswerLibrary;
  logger: AppLogger;
  /** Every question, page and vote goes through it. */
  service: ChatService;
  settings: DiscordSettings;
  moderation?: DiscordModeration;
  audit?: RefusalRecorder;
}
