/**
 * @module
 * What the Telegram adapter needs from the rest of citebot, as narrow types so tests can pass fakes
 * and the real `Library` fits without the adapter importing the core's internals.
 */

import type { Config } from "../../config.ts";
import type { RefusalRecorder } from "../../moderation/audit-log.ts";
import type { ChatService } from "../../service/chat-service.ts";
import type { AdapterDeps, AdapterLibrary } from "../shared/deps.ts";
import type { SeenUpdates } from "./once-per-update.ts";

export type { RateLimit } from "../../service/rate-limit.ts";

/** The part of the core `Library` the bot uses. */
export type QuestionLibrary = AdapterLibrary;

/** Telegram settings from {@link Config}. */
export type TelegramSettings = NonNullable<Config["telegram"]>;

/** Everything `createTelegramBot` and `startTelegram` take besides settings. */
export interface TelegramDeps extends AdapterDeps {
  /** Where refused moderator commands are recorded (the audit log); without it they are only logged. */
  audit?: RefusalRecorder;
  /** Update ids already answered; default this process's memory (shared in Redis with `REDIS_URL`). */
  seenUpdates?: SeenUpdates;
  /** Interface the webhook server binds; default all interfaces (behind a load balancer). */
  webhookHost?: string;
}

/** What the feature composers share: the deps, and the one chat service every question goes through. */
export interface FeatureEnv {
  deps: TelegramDeps;
  service: ChatService;
}
