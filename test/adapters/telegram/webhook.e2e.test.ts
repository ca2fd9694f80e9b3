import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const SECRET = "hook-Secret_7";
const PATHNAME = "/telegram/hook";
const MB = 1_000_000;

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

/**
 * A raw POST that announces `declared` bytes (or streams chunked when undefined) and sends `chunks`
 * one after another, stopping as soon as the server answers; resolves with the status.
 */
function rawPost(chunks: Buffer[], declared?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port: telegram.webhookPort,
      path: PATHNAME,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": SECRET,
        ...(declared === undefined ? {} : { "content-length": String(declared) }),
      },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    // The server may close while we are still sending; only the answer matters.
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const sendNext = (i: number): void => {
      if (answered) return;
      if (i === chunks.length) return void req.end();
      req.write(chunks[i], () => sendNext(i + 1));
    };
    sendNext(0);
  });
}

/** An update whose JSON is about `bytes` long: a genuine question padded with an unknown field. */
function paddedUpdate(updateId: number, chatId: number, bytes: number): Buffer {
  const message = fake.newMessage(chatId, "does whatsapp read my messages?");
  return Buffer.from(JSON.stringify({ update_id: updateId, message, padding: "x".repeat(bytes) }));
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

describe("webhook body size", () => {
  it("refuses a body announced as 30 MB with 413 before reading it", { timeout: 10_000 }, async () => {
    // Only 64 KB is ever sent: the answer comes from the Content-Length alone.
    const status = await rawPost([Buffer.alloc(64 * 1024, "x")], 30 * MB);
    expect(status).toBe(413);
  });

  it("refuses a chunked body once it passes 1 MB, and never handles the update in it", async () => {
    const chat = 8201;
    const body = paddedUpdate(50_101, chat, 2 * MB);
    const chunks = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) =>
      body.subarray(i * 65_536, (i + 1) * 65_536),
    );
    expect(await rawPost(chunks)).toBe(413);

    // A body just under the limit is an ordinary update.
    const fits = paddedUpdate(50_102, 8202, MB - 2_000);
    expect(await rawPost([fits])).toBe(200);
    expect(fake.sent(8202)).toHaveLength(1);
    expect(fake.sent(chat)).toHaveLength(0);
  });
});

describe("an update another replica is answering", () => {
  it("is refused with 503, so Telegram delivers it again, and answered once it is this replica's", async () => {
    const claims: ("elsewhere" | "new")[] = ["elsewhere", "new"];
    const replica = await startTelegram(
      {
        token: fake.token,
        apiRoot: fake.apiRoot,
        adminIds: [],
        webhook: { url: `https://bot.example.org${PATHNAME}`, port: 0, secret: SECRET },
      },
      {
        library: fakeLibrary(),
        logger,
        webhookHost: "127.0.0.1",
        seenUpdates: { claim: async () => claims.shift() ?? "seen", done: async () => {} },
      },
    );
    try {
      const chat = 8301;
      const update = { update_id: 50_201, message: fake.newMessage(chat, "does whatsapp read my messages?") };
      const deliver = () =>
        fetch(`http://127.0.0.1:${replica.webhookPort}${PATHNAME}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify(update),
        });
      const busy = await deliver();
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("1");
      expect(fake.sent(chat)).toHaveLength(0);
      expect((await deliver()).status).toBe(200);
      expect(fake.sent(chat)).toHaveLength(1);
    } finally {
      await replica.stop();
    }
  });
});
