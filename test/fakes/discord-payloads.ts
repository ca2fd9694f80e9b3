/**
 * @module
 * Builders for the gateway payloads a user's actions produce (slash command, autocomplete,
 * button click, channel message), shaped like Discord's real INTERACTION_CREATE / MESSAGE_CREATE.
 */
import { type FakeDiscord, snowflake } from "./discord-server.ts";
import { messageObject } from "./discord-world.ts";

type Json = Record<string, unknown>;

/** Permission bits as Discord sends them (a decimal string). */
export const PERMISSIONS = {
  member: String((1n << 10n) | (1n << 11n) | (1n << 31n)), // view, send messages, use application commands
  manager: String((1n << 5n) | (1n << 10n) | (1n << 11n) | (1n << 31n)), // + Manage Server
};

/** A human user (distinct per id). */
export function user(id = snowflake(), name = "asker"): Json {
  return { id, username: name, discriminator: "0", global_name: name, avatar: null };
}

function base(discord: FakeDiscord, type: number, asker: Json, permissions: string): Json {
  return {
    id: snowflake(),
    application_id: discord.applicationId,
    type,
    token: `itok-${snowflake()}-${Math.random().toString(36).slice(2)}`,
    version: 1,
    guild_id: discord.guildId,
    channel_id: discord.channelId,
    channel: { id: discord.channelId, type: 0, guild_id: discord.guildId, name: "general" },
    member: {
      user: asker,
      roles: [],
      permissions,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: PERMISSIONS.manager,
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": discord.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

/** `/name option:value …` as a chat input command interaction. */
export function slashCommand(
  discord: FakeDiscord,
  name: string,
  options: Record<string, string | boolean> = {},
  who: { user?: Json; permissions?: string } = {},
): Json {
  return {
    ...base(discord, 2, who.user ?? user(), who.permissions ?? PERMISSIONS.member),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({
        name: n,
        type: typeof value === "boolean" ? 5 : 3,
        value,
      })),
    },
  };
}

/** An attachment as `FakeDiscord.attach` returns it. */
export type FakeAttachment = ReturnType<FakeDiscord["attach"]>;

/**
 * `/name sub option:value …`: a subcommand, with attachment options resolved the way Discord
 * sends them (the option holds the id, `resolved.attachments` the file).
 */
export function subcommand(
  discord: FakeDiscord,
  name: string,
  sub: string,
  options: Record<string, string | boolean | FakeAttachment> = {},
  who: { user?: Json; permissions?: string } = {},
): Json {
  const attachments: Record<string, FakeAttachment> = {};
  const values = Object.entries(options).map(([n, value]) => {
    if (typeof value === "object") {
      attachments[value.id] = value;
      return { name: n, type: 11, value: value.id };
    }
    return { name: n, type: typeof value === "boolean" ? 5 : 3, value };
  });
  return {
    ...base(discord, 2, who.user ?? user(), who.permissions ?? PERMISSIONS.member),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: [{ name: sub, type: 1, options: values }],
      ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
    },
  };
}

/** Typing `typed` into a subcommand's string option (autocomplete request), e.g. `/docs remove name:`. */
export function subcommandAutocomplete(
  discord: FakeDiscord,
  name: string,
  sub: string,
  option: string,
  typed: string,
  permissions = PERMISSIONS.manager,
): Json {
  return {
    ...base(discord, 4, user(), permissions),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: [{ name: sub, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] }],
    },
  };
}

/** Typing `typed` into `/ask question:` (autocomplete request). */
export function autocomplete(discord: FakeDiscord, typed: string): Json {
  return {
    ...base(discord, 4, user(), PERMISSIONS.member),
    data: {
      id: snowflake(),
      name: "ask",
      type: 1,
      options: [{ name: "question", type: 3, value: typed, focused: true }],
    },
  };
}

/** A click on the button with `customId` under a message the bot sent. */
export function buttonClick(discord: FakeDiscord, customId: string, who: Json = user()): Json {
  return {
    ...base(discord, 3, who, PERMISSIONS.member),
    data: { custom_id: customId, component_type: 2 },
    message: messageObject({ channel_id: discord.channelId, type: 20, author: discord.botUser }),
  };
}

/** A user's message in the guild channel, optionally mentioning the bot. */
export function channelMessage(discord: FakeDiscord, content: string, mentionsBot: boolean): Json {
  return messageObject({
    channel_id: discord.channelId,
    guild_id: discord.guildId,
    author: user(),
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content,
    mentions: mentionsBot ? [discord.botUser] : [],
  });
}

/** A direct message to the bot from a user, in a DM channel the bot has not seen before. */
export function directMessage(content: string): Json {
  return messageObject({ channel_id: snowflake(), channel_type: 1, author: user(), content });
}
