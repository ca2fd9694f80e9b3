/**
 * @module
 * What the Telegram adapter needs from the rest of citebot, as narrow types so tests can pass fakes
 * and the real `Library` fits without the adapter importing the core's internals.
 */

import type { Config } from "../../config.ts";
import type { RefusalRecorder } from "../../moderation/audit-log.ts";
import type { AdapterDeps, AdapterLibrary } from "../shared/deps.ts";

/** The part of the core `Library` the bot uses. */
export type QuestionLibrary = AdapterLibrary;

/** Telegram settings from {@link Config}. */
export type TelegramSettings = NonNullable<Config["telegram"]>;

/** A per-user limit on questions: at most `limit` in every `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Everything `createTelegramBot` and `startTelegram` take besides settings. */
export interface TelegramDeps extends AdapterDeps {
  /** Per-user question limit; default 6 questions per 10 seconds. */
  rateLimit?: RateLimit;
  /** Where refused moderator commands are recorded (the audit log); without it they are only logged. */
  audit?: RefusalRecorder;
  /** Interface the webhook server binds; default all interfaces (behind a load balancer). */
  webhookHost?: string;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 6, windowMs: 10_000 };
