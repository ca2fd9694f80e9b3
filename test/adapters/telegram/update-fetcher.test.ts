import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpdateFetcher } from "../../../src/adapters/telegram/update-fetcher.ts";
import { FAKE_BOT, FakeTelegram } from "../../fakes/telegram-bot-api.ts";

let fake: FakeTelegram;
let bot: Bot;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: FAKE_BOT as Bot["botInfo"] });
});
afterAll(async () => {
  await fake?.close();
});

describe("createUpdateFetcher", () => {
  it("abandons a long poll that never answers and fetches the waiting update with a new one", async () => {
    const retries: unknown[] = [];
    const fetchUpdates = createUpdateFetcher(bot, {
      timeout: 1,
      graceMs: 300,
      allowed_updates: ["message"],
      onRetry: (err) => retries.push(err),
    });
    fake.hangNext("getUpdates");
    const update = fake.message(4301, "does whatsapp read my messages?");
    const updates = await fetchUpdates(100, new AbortController().signal);
    expect(updates.map((u) => u.update_id)).toEqual([update.update_id]);
    expect(retries).toHaveLength(1);
  });

  it("stops retrying at once when polling is stopped", async () => {
    const fetchUpdates = createUpdateFetcher(bot, {
      timeout: 1,
      allowed_updates: ["message"],
      onRetry: () => {},
    });
    // Failing for as long as the test runs: only stopping can end this fetch.
    fake.failNext("getUpdates", { error_code: 502, description: "Bad Gateway" }, 100);
    const stop = new AbortController();
    const fetching = fetchUpdates(100, stop.signal);
    await fake.waitFor(() => fake.pendingFailures("getUpdates") < 100);
    stop.abort();
    await expect(fetching).rejects.toThrow();
  });
});
