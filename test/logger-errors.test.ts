import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

const TOKEN = "123456789:AAH-secret_token_value_that_must_never_leak";

describe("the logger's error serializer", () => {
  it("logs a network failure without the token hidden in the fetch error's URL", async () => {
    // A port that was just free: connecting is refused, like an unreachable Bot API.
    const server = http.createServer().listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));

    const bot = new Bot(TOKEN, { client: { apiRoot: `http://127.0.0.1:${port}` } });
    const err = await bot.api.getMe().catch((e: unknown) => e);
    let out = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += chunk;
        done();
      },
    });
    const logger = createLogger("info", sink as never);
    // No hand-called scrubbing: the serializer sees the nested fetch error and its URL.
    logger.warn({ err }, "fetching failed");
    expect(out).toContain("ECONNREFUSED");
    expect(out).toContain("[redacted]");
    expect(out).not.toContain("secret_token_value");
  });
});
