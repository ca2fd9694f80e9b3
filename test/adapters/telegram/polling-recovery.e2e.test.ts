import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
/** "Promptly": well under the minute the old code waited, with room for a loaded CI machine. */
const PROMPT_MS = 10_000;

let fake: FakeTelegram;
let telegram: TelegramHandle;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  telegram = await startTelegram(
    { token: fake.token, apiRoot: fake.apiRoot, adminIds: [] },
    { library: fakeLibrary(), logger, rates: { user: { limit: 1000, windowMs: 10_000 } } },
  );
});

afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
});

describe("long polling after Bot API errors", () => {
  it("answers promptly once getUpdates works again after three 500s and two malformed bodies", async () => {
    await fake.waitFor(() => fake.longPolling);
    fake.failNext("getUpdates", { error_code: 500, description: "Internal Server Error" }, 3);
    fake.malformNext("getUpdates", 2);
    // The poll already waiting ends normally; the bot's next getUpdates calls meet the errors.
    fake.expirePoll();
    fake.message(4102, "does whatsapp read my messages? (after the errors)");
    await fake.waitFor(() => fake.sent(4102).length === 1, PROMPT_MS);
    expect(fake.pendingFailures("getUpdates")).toBe(0);
    expect(fake.sent(4102)[0]?.result.text).toContain("secure by default");

    // A burst right after is not held back by what happened before.
    const burst = [4103, 4104, 4105];
    for (const chat of burst) fake.message(chat, "does whatsapp read my messages? (burst)");
    await fake.waitFor(() => burst.every((chat) => fake.sent(chat).length === 1), PROMPT_MS);
  }, 40_000);
});
