import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../src/logger.ts";

const TELEGRAM = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const DISCORD = "MTA4NzY1NDMyMTA5ODc2NTQzMg.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("debug", stream as never), lines };
}

describe("createLogger", () => {
  it("writes JSON lines and never prints tokens, in fields, messages or errors", () => {
    const { logger, lines } = capture();
    logger.info({ token: TELEGRAM }, "starting");
    logger.warn({}, `request to https://api.telegram.org/bot${TELEGRAM}/getMe failed`);
    logger.error({ err: new Error(`login failed for ${DISCORD}`) }, "discord");
    const inner = new TypeError(`fetch failed: https://api.telegram.org/bot${TELEGRAM}/getUpdates`);
    logger.error({ err: new Error("network error", { cause: inner }) }, "polling");
    logger.error({ err: new AggregateError([inner], "several") }, "retry");
    const out = lines.join("");
    expect(out).not.toContain(TELEGRAM);
    expect(out).not.toContain(DISCORD);
    expect(out).toContain("[redacted]");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe("scrubSecrets", () => {
  it("leaves ordinary text alone", () => {
    expect(scrubSecrets("index ready: 5 documents, 60 passages")).toBe(
      "index ready: 5 documents, 60 passages",
    );
  });
});
