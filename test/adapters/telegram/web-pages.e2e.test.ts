import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";
import { serve } from "../../web/page-server.ts";
import { openWebLibrary, FERRY_PAGE as PAGE, type WebLibrary } from "../../web/web-library.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const ADMIN = 5001;

let web: WebLibrary;
let fake: FakeTelegram;
let telegram: TelegramHandle;

beforeAll(async () => {
  web = await openWebLibrary();
  const { library, moderation } = web;
  fake = await new FakeTelegram().start();
  telegram = await startTelegram(
    { token: fake.token, apiRoot: fake.apiRoot, adminIds: [ADMIN] },
    { library, logger, moderation },
  );
});
afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
  await web.close();
});

/** What the bot finally says to `message`: the edit that replaces its "…" status line. */
async function say(message: string, languageCode?: string): Promise<string> {
  const before = fake.sent(ADMIN).length;
  const from = { id: ADMIN, is_bot: false, first_name: "Admin", language_code: languageCode };
  fake.message(ADMIN, message, undefined, languageCode ? { from } : {});
  const status = await fake.waitFor(() => fake.sent(ADMIN)[before]);
  const edit = await fake.waitForCall(
    (c) => c.method === "editMessageText" && c.ok && c.payload.message_id === status.result.message_id,
  );
  return edit.result.text as string;
}

describe("/add https://… and /refresh on Telegram", () => {
  it("adds a page by its address, answers from it, and refreshes it", async () => {
    web.server.routes.set("/ferries", serve(PAGE, "text/html", { etag: '"a"' }));
    const added = await say(`/add ${web.server.origin}/ferries`);
    expect(added).toMatch(
      /^Added web\/127-0-0-1-ferries-[0-9a-f]{6}\.md from http:\/\/127\.0\.0\.1:\d+\/ferries\.\n\nReindexed 2 documents/,
    );
    expect(
      (await web.library.ask("how often do ferries leave the northern pier?")).quotes[0]?.text,
    ).toContain("every forty minutes");
    web.server.routes.set("/ferries", (_req, res) => res.writeHead(304).end());
    expect(await say("/refresh")).toBe("Refreshed 1 web pages: 0 changed, 1 unchanged, 0 failed.");
  });

  it("says it in Hindi to a Hindi-speaking moderator, from the catalogue", async () => {
    web.server.routes.set("/ferries", (_req, res) => res.writeHead(304).end());
    expect(await say("/refresh", "hi")).toBe("1 वेब पेज ताज़ा किए: 0 बदले, 1 वैसे ही रहे, 0 विफल।");
    // a bare /add is answered at once with how to use it, no status line to edit
    const before = fake.sent(ADMIN).length;
    fake.message(ADMIN, "/add", undefined, {
      from: { id: ADMIN, is_bot: false, first_name: "Admin", language_code: "hi" },
    });
    const usage = await fake.waitFor(() => fake.sent(ADMIN)[before]);
    expect(usage.result.text).toMatch(/^दस्तावेज़ जोड़ने के लिए .*\/add https:\/\/example\.org\/page।$/);
  });

  it("shows a refused address to the moderator as it is", async () => {
    web.server.routes.set("/image", serve(new Uint8Array([1, 2, 3]), "image/png"));
    expect(await say(`/add ${web.server.origin}/image`)).toMatch(/^Could not add the page: .*is image\/png/);
  });
});
