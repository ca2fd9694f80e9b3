import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const SECRET = "hook-Secret_7";
const PATHNAME = "/telegram/hook";

let fake: FakeTelegram;
let telegram: TelegramHandle;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  telegram = await startTelegram(
    {
      token: fake.token,
      apiRoot: fake.apiRoot,
      adminIds: [],
      webhook: { url: `https://bot.example.org${PATHNAME}`, port: 0, secret: SECRET },
    },
    { library: fakeLibrary(), logger, webhookHost: "127.0.0.1" },
  );
});

afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
});

/** A POST to the webhook the way Telegram makes it; resolves with the status once the answer is sent. */
function post(update: unknown): Promise<number> {
  return fetch(`http://127.0.0.1:${telegram.webhookPort}${PATHNAME}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  }).then((res) => res.status);
}

describe("webhook deliveries", () => {
  it("answers an update Telegram delivers three times exactly once", async () => {
    const chat = 8101;
    const update = { update_id: 50_001, message: fake.newMessage(chat, "does whatsapp read my messages?") };
    // Each POST returns once its update has been handled, so all three are settled here.
    expect(await post(update)).toBe(200);
    expect(await post(update)).toBe(200);
    expect(await post(update)).toBe(200);
    expect(fake.sent(chat)).toHaveLength(1);
    expect(fake.sent(chat)[0]?.result.text).toContain("secure by default");

    // A new update in the same chat is still answered.
    expect(await post({ update_id: 50_002, message: fake.newMessage(chat, "whatsapp again?") })).toBe(200);
    expect(fake.sent(chat)).toHaveLength(2);
  });
});
