/**
 * @module
 * Builds the configured discord.js client: only the intents the settings need, no mentions ever,
 * REST pointed at `settings.apiUrl` when set, and every event wired to its handler.
 */
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import { chatServiceOf } from "../shared/deps.ts";
import { commands } from "./commands/index.ts";
import type { BotContext, DiscordDeps, DiscordSettings } from "./deps.ts";
import { handleInteraction } from "./interactions.ts";
import { handleMessage } from "./mentions.ts";
import { NO_MENTIONS } from "./render.ts";

/**
 * The gateway intents the settings need: slash commands need none beyond Guilds.
 *
 * @example
 * ```ts
 * intentsFor({ messageContent: false, dms: true }); // [Guilds, DirectMessages]
 * ```
 */
export function intentsFor(settings: Pick<DiscordSettings, "messageContent" | "dms">): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds];
  if (settings.messageContent)
    intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  if (settings.dms) intents.push(GatewayIntentBits.DirectMessages);
  return intents;
}

/**
 * Creates the Discord client with every handler attached, not yet logged in.
 *
 * @example
 * ```ts
 * const client = createDiscordBot(config.discord, { library, logger });
 * await client.login(config.discord.token);
 * ```
 */
export function createDiscordBot(settings: DiscordSettings, deps: DiscordDeps): Client {
  const client = new Client({
    intents: intentsFor(settings),
    // DM channels are not cached before their first message; the partial lets DMs through
    partials: settings.dms ? [Partials.Channel] : [],
    allowedMentions: { ...NO_MENTIONS },
    ...(settings.apiUrl ? { rest: { api: settings.apiUrl } } : {}),
  });
  const { logger } = deps;
  const ctx: BotContext = {
    library: deps.library,
    logger,
    service: chatServiceOf(deps),
    settings,
    moderation: deps.moderation,
    audit: deps.audit,
  };

  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, commands, ctx));
  client.on(Events.MessageCreate, (message) => {
    handleMessage(message, ctx).catch((err) =>
      logger.error({ err, channel: message.channelId }, "discord: answering a message failed"),
    );
  });
  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "discord: connected");
  });
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, "discord: disconnected"),
  );
  // debug: discord.js also reports this while stopping, where it would read as a problem
  client.on(Events.ShardReconnecting, (shard) => logger.debug({ shard }, "discord: reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "discord: resumed"));
  client.on(Events.ShardError, (err, shard) => logger.warn({ err, shard }, "discord: gateway error"));
  client.on(Events.Error, (err) => logger.error({ err }, "discord: client error"));
  client.on(Events.Warn, (message) => logger.warn({ message }, "discord: warning"));
  return client;
}
