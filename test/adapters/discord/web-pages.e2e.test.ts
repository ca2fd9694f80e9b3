import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { PERMISSIONS, slashCommand, subcommand } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";
import { serve } from "../../web/page-server.ts";
import { openWebLibrary, FERRY_PAGE as PAGE, type WebLibrary } from "../../web/web-library.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const manager = { permissions: PERMISSIONS.manager };

let discord: FakeDiscord;
let bot: { stop(): Promise<void> };
let web: WebLibrary;

beforeAll(async () => {
  web = await openWebLibrary();
  const { library, moderation } = web;
  discord = await startFakeDiscord();
  bot = await startDiscord(
    {
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      messageContent: false,
      dms: false,
    },
    { library, logger, moderation },
  );
});
afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  await web.close();
});

/** The bot's final (edited) reply to an interaction, Markdown escapes removed. */
async function reply(payload: Record<string, unknown>): Promise<string> {
  const result = discord.interact(payload);
  await waitUntil(() => result.edits.length > 0, "the bot's reply");
  return ((result.edits[0] as { content?: string }).content ?? "").replace(/\\(.)/g, "$1");
}

describe("/docs add url: and /refresh on Discord", () => {
  it("adds a page by its address, answers from it, and refreshes it", async () => {
    web.server.routes.set("/ferries", serve(PAGE, "text/html", { etag: '"a"' }));
    const url = `${web.server.origin}/ferries`;
    expect(await reply(subcommand(discord, "docs", "add", { url }, manager))).toMatch(
      /^\*\*Added web\/127-0-0-1-ferries-[0-9a-f]{6}\.md from http:\/\/127\.0\.0\.1:\d+\/ferries\.\*\*\nReindexed 2 documents/,
    );
    expect(
      (await web.library.ask("how often do ferries leave the northern pier?")).quotes[0]?.text,
    ).toContain("every forty minutes");
    web.server.routes.set("/ferries", (_req, res) => res.writeHead(304).end());
    expect(await reply(slashCommand(discord, "refresh", {}, manager))).toBe(
      "Refreshed 1 web pages: 0 changed, 1 unchanged, 0 failed.",
    );
  });
});
