import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DiscordIntentsError,
  type DiscordSettings,
  DiscordTokenError,
  startDiscord,
} from "../../../src/adapters/discord/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { channelMessage, directMessage } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
let discord: FakeDiscord;

beforeAll(async () => {
  discord = await startFakeDiscord({ allowedIntents: 0 });
});
afterAll(async () => {
  await discord?.close();
});

const settings = (overrides: Partial<DiscordSettings> = {}): DiscordSettings => ({
  token: discord.token,
  applicationId: discord.applicationId,
  apiUrl: discord.apiUrl,
  messageContent: false,
  dms: false,
  ...overrides,
});

describe("startDiscord", () => {
  it("fails with DiscordTokenError for a wrong token, naming the fix and never the token", async () => {
    const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.wrong-token-value-that-must-not-leak";
    const lines: string[] = [];
    const verbose = createLogger("trace", { write: (line: string) => lines.push(line) });
    const error = await startDiscord(settings({ token }), { library: fakeLibrary(), logger: verbose }).catch(
      (e) => e,
    );
    verbose.error({ err: error }, "startup failed"); // what main.ts would log
    expect(lines.join("")).not.toContain(token);
    expect(error).toBeInstanceOf(DiscordTokenError);
    expect(error.message).toContain("Reset Token");
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(discord.requests.at(-1))).toContain("/gateway/bot");
  });

  it("fails with DiscordIntentsError when Message Content is on here but not in the Developer Portal", async () => {
    const error = await startDiscord(settings({ messageContent: true }), {
      library: fakeLibrary(),
      logger,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DiscordIntentsError);
    expect(error.message).toContain("DISCORD_MESSAGE_CONTENT=false");
  });

  it("asks the gateway only for the intents it needs", async () => {
    const bot = await startDiscord(settings(), { library: fakeLibrary(), logger });
    await bot.stop();
    await bot.stop(); // a second stop (SIGINT then SIGTERM) is harmless
    const identify = discord.gateway.identifies.at(-1) as { intents: number; compress: boolean };
    expect(identify.intents).toBe(1); // Guilds only: slash commands need no message intents
    expect(discord.gateway.queries.at(-1)).toMatch(/[?&]v=10&encoding=json/);
  });

  it("answers direct messages when DMs are enabled, and ignores mentions without the Message Content setting", async () => {
    const bot = await startDiscord(settings({ dms: true }), { library: fakeLibrary(), logger });
    try {
      const identify = discord.gateway.identifies.at(-1) as { intents: number };
      expect(identify.intents).toBe(1 | (1 << 12)); // Guilds + DirectMessages, nothing privileged
      discord.say(
        channelMessage(discord, `<@${discord.applicationId}> does whatsapp read my messages?`, true),
      );
      const dm = directMessage("does whatsapp read my messages?");
      discord.say(dm);
      await waitUntil(() => discord.channelMessages.length > 0, "the DM answer");
      expect(discord.channelMessages).toHaveLength(1);
      expect(discord.channelMessages[0]?.channelId).toBe(dm.channel_id);
      expect(JSON.stringify(discord.channelMessages[0]?.body)).toContain("secure by default");
      expect(discord.threads).toHaveLength(0);
    } finally {
      await bot.stop();
    }
  });
});
