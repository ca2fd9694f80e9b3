/**
 * @module
 * Registers the slash commands with Discord: `npm run deploy-commands`. Run it once after
 * installing and again whenever a command changes; the bot never re-registers on start (Discord
 * rate-limits registration, and global changes take a while to reach every client).
 * With `DISCORD_GUILD_ID` set the commands go to that one server only (instant; for testing).
 */
import { pathToFileURL } from "node:url";
import { REST, Routes } from "discord.js";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../logger.ts";
import { commands } from "./commands/index.ts";
import type { DiscordSettings } from "./deps.ts";
import { DiscordTokenError } from "./errors.ts";

/** Where the commands went and how many. */
export interface DeployResult {
  scope: "guild" | "global";
  count: number;
}

/**
 * PUTs every command's JSON (replacing the previous set) to the guild or globally.
 *
 * @example
 * ```ts
 * const { scope, count } = await deployCommands(config.discord);
 * ```
 */
export async function deployCommands(
  settings: Pick<DiscordSettings, "token" | "applicationId" | "guildId" | "apiUrl">,
): Promise<DeployResult> {
  const rest = new REST(settings.apiUrl ? { api: settings.apiUrl } : {}).setToken(settings.token);
  const body = [...commands.values()].map((c) => c.data);
  const route = settings.guildId
    ? Routes.applicationGuildCommands(settings.applicationId, settings.guildId)
    : Routes.applicationCommands(settings.applicationId);
  try {
    await rest.put(route, { body });
  } catch (err) {
    throw (err as { status?: number }).status === 401 ? new DiscordTokenError({ cause: err }) : err;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  return { scope: settings.guildId ? "guild" : "global", count: body.length };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.discord) {
    logger.error({}, "deploy-commands: set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env first");
    process.exitCode = 1;
    return;
  }
  const { scope, count } = await deployCommands(config.discord);
  logger.info(
    { scope, count, guild: config.discord.guildId },
    scope === "guild"
      ? "deploy-commands: registered in the server (available now)"
      : "deploy-commands: registered globally (may take up to an hour to appear everywhere)",
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    createLogger().error({ err }, "deploy-commands failed");
    process.exitCode = 1;
  });
}
