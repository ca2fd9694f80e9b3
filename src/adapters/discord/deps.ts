/**
 * @module
 * What the Discord adapter needs from the rest of citebot, and what every handler receives.
 */

import type { Config } from "../../config.ts";
import type {
  Answer,
  AskOptions,
  DocumentInfo,
  ReindexOptions,
  ReindexReport,
  UsageRecorder,
} from "../../core/types.ts";
import type { AppLogger } from "../../logger.ts";
import type { AnswerStore } from "./answer-store.ts";

/** The part of the core `Library` the adapter uses (the real `Library` satisfies it). */
export interface AnswerLibrary {
  ask(question: string, options?: AskOptions): Answer;
  documents(): DocumentInfo[];
  suggest(partial: string, limit?: number): string[];
  reindex(options?: ReindexOptions): Promise<ReindexReport>;
}

/** The Discord settings from {@link Config}. */
export type DiscordSettings = NonNullable<Config["discord"]>;

/** What {@link createDiscordBot} and `startDiscord` take besides the settings. */
export interface DiscordDeps {
  library: AnswerLibrary;
  logger: AppLogger;
  usage?: UsageRecorder;
}

/** Everything a command, button or message handler can use. */
export interface BotContext {
  library: AnswerLibrary;
  logger: AppLogger;
  usage: UsageRecorder;
  answers: AnswerStore;
  settings: DiscordSettings;
}
