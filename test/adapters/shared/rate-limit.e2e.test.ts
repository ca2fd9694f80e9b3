import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/index.ts";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { ChatService } from "../../../src/service/chat-service.ts";
import { message } from "../../../src/service/messages.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { slashCommand, user } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const SLOW_DOWN = message("en", "slow_down");
const QUESTION = "does whatsapp read my messages?";

let telegramApi: FakeTelegram;
let telegram: TelegramHandle;
let discordApi: FakeDiscord;
let discord: { stop(): Promise<void> };

beforeAll(async () => {
  const library = fakeLibrary();
  // As `npm start` does: one service for both platforms, here with a limit of two per minute.
  const service = new ChatService({ library, logger, rates: { user: { limit: 2, windowMs: 60_000 } } });
  telegramApi = await new FakeTelegram().start();
  telegram = await startTelegram(
    { token: telegramApi.token, apiRoot: telegramApi.apiRoot, adminIds: [] },
    { library, logger, service },
  );
  discordApi = await startFakeDiscord();
  discord = await startDiscord(
    {
      token: discordApi.token,
      applicationId: discordApi.applicationId,
      apiUrl: discordApi.apiUrl,
      messageContent: false,
      dms: false,
    },
    { library, logger, service },
  );
});

afterAll(async () => {
  await telegram?.stop();
  await telegramApi?.close();
  await discord?.stop();
  await discordApi?.close();
});

describe("one rate limit on every platform", () => {
  it("answers two questions a minute, then says the same 'slow down' on Telegram and Discord", async () => {
    for (let i = 0; i < 3; i++) telegramApi.message(700, `${QUESTION} ${i}`);
    const telegramReplies = await telegramApi.waitFor(() => {
      const sent = telegramApi.sent(700);
      return sent.length >= 3 && sent.map((c) => String(c.result.text));
    });
    expect(telegramReplies.slice(0, 2).every((t) => t.includes("[1]"))).toBe(true);
    expect(telegramReplies[2]).toBe(SLOW_DOWN);

    const asker = user();
    const results = [];
    for (let i = 0; i < 3; i++) {
      const result = discordApi.interact(
        slashCommand(discordApi, "ask", { question: QUESTION }, { user: asker }),
      );
      await waitUntil(() => result.edits.length > 0, `answer ${i}`);
      results.push(JSON.stringify(result.edits[0]));
    }
    expect(results.slice(0, 2).every((r) => r.includes("**[1]**"))).toBe(true);
    expect(results[2]).toContain(SLOW_DOWN.slice(0, 40));
  });
});
