/**
 * @module
 * The fake Discord's world: one application (the bot), one server with one text channel, and the
 * message objects Discord returns. Ids are valid-looking snowflakes, as discord.js expects.
 */

type Json = Record<string, unknown>;

let snowflakeCounter = 0n;
/** A fresh, valid-looking Discord snowflake (17-19 digits). */
export function snowflake(): string {
  return ((BigInt(Date.now() - 1420070400000) << 22n) | (snowflakeCounter++ & 0xfffn)).toString();
}

/** Creates the bot user, its server and channel. */
export function createWorld(token: string) {
  const applicationId = snowflake();
  const guildId = snowflake();
  const channelId = snowflake();
  const botUser = {
    id: applicationId,
    username: "citebot",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const channel = {
    id: channelId,
    type: 0,
    guild_id: guildId,
    name: "general",
    position: 0,
    permission_overwrites: [],
  };
  const guild: Json = {
    id: guildId,
    name: "Test server",
    icon: null,
    owner_id: snowflake(),
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guildId,
        name: "@everyone",
        permissions: "104324673",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [channel],
    threads: [],
    members: [
      { user: botUser, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    ],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: new Date().toISOString(),
    preferred_locale: "en-US",
    premium_tier: 0,
    nsfw_level: 0,
    verification_level: 0,
    system_channel_flags: 0,
  };
  return { token, applicationId, guildId, channelId, botUser, guild };
}

/** The fake's world, as created by {@link createWorld}. */
export type World = ReturnType<typeof createWorld>;

/**
 * A message object as Discord returns and dispatches it: every field the client reads, with
 * defaults; `fields` sets what differs (author, content, mentions, …).
 */
export function messageObject(fields: Json): Json {
  return {
    id: snowflake(),
    type: 0,
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    ...fields,
  };
}

/** A message object as Discord returns it for a message the bot sent. */
export function botMessage(world: World, channel_id: string, body: Json, flags = 0): Json {
  return messageObject({
    channel_id,
    author: world.botUser,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    flags,
  });
}
