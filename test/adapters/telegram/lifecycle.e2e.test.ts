import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTelegram,
  type TelegramDeps,
  type TelegramSettings,
  TelegramTokenError,
} from "../../../src/adapters/telegram/index.ts";
import { Library } from "../../../src/core/library.ts";
import { createLogger } from "../../../src/logger.ts";
import { type FakeCall, FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");

let fake: FakeTelegram;
let library: Library;
let dir: string;
let deps: TelegramDeps;
let settings: TelegramSettings;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-telegram-life-"));
  // Small stand-ins for data/ (same file names and titles): editing a real article breaks no test.
  library = await Library.open({
    dataDir: path.join(import.meta.dirname, "../fixtures"),
    snapshotPath: path.join(dir, "index.json"),
  });
  fake = await new FakeTelegram().start();
  // One user asks a dozen questions here on purpose; the flood limit is tested elsewhere.
  deps = { library, logger, rates: { user: { limit: 1000, windowMs: 10_000 } } };
  settings = { token: fake.token, apiRoot: fake.apiRoot, adminIds: [] };
});

afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const answersIn = (chatId: number) => fake.sent(chatId).map((c) => c.result.text as string);

describe("startTelegram", () => {
  it("fails with a named error that says to copy the token from @BotFather when the token is wrong", async () => {
    const wrong = "987654:WRONG-token-never-valid_abcdefghijk";
    const started = startTelegram({ ...settings, token: wrong }, deps);
    await expect(started).rejects.toBeInstanceOf(TelegramTokenError);
    const error = (await started.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/token is wrong/i);
    expect(error.message).toContain("@BotFather");
    expect(error.message).not.toContain(wrong);
  });

  it("stops cleanly: in-flight answers finish, the last update is acknowledged, and a restart repeats nothing", async () => {
    const chat = 6001;
    const first = await startTelegram(settings, deps);
    const questions = Array.from({ length: 12 }, (_, i) =>
      fake.message(chat, `does WhatsApp read my messages? (${i})`),
    );
    await fake.waitFor(() => fake.sent(chat).length >= 1);
    await first.stop();
    const answeredBeforeRestart = fake.sent(chat).length;
    // stop() waited for every question it had received to be answered.
    expect(answeredBeforeRestart).toBe(questions.filter((q) => fake.deliveries.has(q.update_id)).length);
    const handled = Math.max(...[...fake.deliveries.keys()]);
    // Everything handed out was acknowledged, so nothing handled can come back.
    expect(fake.confirmedOffset).toBe(handled + 1);
    // Nothing runs after stop(): an answer sent late would break the exact count after the restart.

    fake.message(chat, "is Meta using my data for AI?");
    const second = await startTelegram(settings, deps);
    try {
      await fake.waitFor(() => fake.sent(chat).length >= questions.length + 1, 20_000);
      // One chat's updates are handled in order: once /sources is answered, nothing else is coming.
      fake.message(chat, "/sources");
      await fake.waitFor(() =>
        fake.sent(chat).some((c) => /I answer from these/.test(String(c.result.text))),
      );
      const answers = answersIn(chat).filter((text) => !/I answer from these/.test(text));
      expect(answers).toHaveLength(questions.length + 1); // each question exactly once, across the restart
      expect([...fake.deliveries.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});

describe("webhook mode", () => {
  it("answers updates POSTed with the secret token and refuses others", async () => {
    const webhook = { url: "https://bot.example.org/telegram/hook", port: 0, secret: "s3cret-Token_1" };
    const running = await startTelegram({ ...settings, webhook }, { ...deps, webhookHost: "127.0.0.1" });
    try {
      expect(fake.webhook).toEqual({ url: webhook.url, secret: webhook.secret });
      const post = (update: unknown, secret?: string, pathname = "/telegram/hook") =>
        fetch(`http://127.0.0.1:${running.webhookPort}${pathname}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
          },
          body: JSON.stringify(update),
        });

      const forged = fake.newMessage(7001, "does WhatsApp read my messages?");
      expect((await post({ update_id: 900, message: forged }, "wrong")).status).toBe(401);
      expect((await post({ update_id: 901, message: forged })).status).toBe(401);
      expect((await post({ update_id: 902, message: forged }, webhook.secret, "/elsewhere")).status).toBe(
        404,
      );

      const genuine = fake.newMessage(7002, "does WhatsApp read my messages?");
      const res = await post({ update_id: 903, message: genuine }, webhook.secret);
      expect(res.status).toBe(200);
      const reply: FakeCall = await fake.waitFor(() => fake.sent(7002)[0]);
      expect(reply.result.text).toMatch(/\[1\]/);
      expect(fake.sent(7001)).toHaveLength(0);
    } finally {
      await running.stop();
    }
  });
});
