/**
 * @module
 * The Discord adapter: `startDiscord` connects the bot (one process, or discord.js shards when
 * `DISCORD_SHARDS` is set) and returns `stop()`. Slash commands are registered separately with
 * `npm run deploy-commands`.
 */
import type { Client } from "discord.js";
import { createDiscordBot } from "./client.ts";
import type { DiscordDeps, DiscordSettings } from "./deps.ts";
import { toStartError } from "./errors.ts";
import { startSharded } from "./sharding.ts";

export { createDiscordBot } from "./client.ts";
export { deployCommands } from "./deploy-commands.ts";
export type { AnswerLibrary, DiscordDeps, DiscordModeration, DiscordSettings } from "./deps.ts";
export { DiscordIntentsError, DiscordStartError, DiscordTokenError } from "./errors.ts";

/** A running Discord adapter. */
export interface RunningDiscord {
  /** Disconnects cleanly (closes the gateway, stops shards). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Logs the bot in and resolves once it is connected; rejects with `DiscordTokenError`,
 * `DiscordIntentsError` or `DiscordStartError` (never showing the token) when it cannot.
 *
 * @example
 * ```ts
 * const discord = await startDiscord(config.discord, { library, logger, usage });
 * process.once("SIGTERM", () => void discord.stop());
 * ```
 */
export async function startDiscord(settings: DiscordSettings, deps: DiscordDeps): Promise<RunningDiscord> {
  if (settings.shards !== undefined) return startSharded(settings, deps);
  const client: Client = createDiscordBot(settings, deps);
  try {
    await client.login(settings.token);
  } catch (err) {
    await client.destroy().catch(() => {});
    throw toStartError(err);
  }
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= client.destroy().then(() => deps.logger.info({}, "discord: stopped"));
      return stopped;
    },
  };
}
