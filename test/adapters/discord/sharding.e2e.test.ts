import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/index.ts";
import type { QuestionEvent } from "../../../src/core/types.ts";
import { createLogger } from "../../../src/logger.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { PERMISSIONS, slashCommand } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";

let discord: FakeDiscord;
let dir: string;
const KEYS = ["DATA_DIR", "DISCORD_APPLICATION_ID", "SNAPSHOT_PATH", "LOG_LEVEL"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

beforeAll(async () => {
  discord = await startFakeDiscord();
  dir = await mkdtemp(path.join(tmpdir(), "citebot-shards-"));
  // shard processes read the data folder from the environment, as in production
  Object.assign(process.env, {
    DATA_DIR: path.resolve("data"),
    DISCORD_APPLICATION_ID: discord.applicationId,
    SNAPSHOT_PATH: path.join(dir, "index.json"),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  });
});
afterAll(async () => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("startDiscord with shards", () => {
  it("spawns shard processes through tsx that answer /ask and relay usage to this process", async () => {
    const questions: QuestionEvent[] = [];
    const parentLibrary = fakeLibrary();
    const bot = await startDiscord(
      {
        token: discord.token,
        applicationId: discord.applicationId,
        apiUrl: discord.apiUrl,
        messageContent: false,
        dms: false,
        shards: "auto",
      },
      {
        library: parentLibrary,
        logger: createLogger("silent"),
        usage: { recordQuestion: (e) => questions.push(e), recordFeedback() {} },
      },
    );
    try {
      const result = discord.interact(
        slashCommand(discord, "ask", { question: "does whatsapp read my messages?" }),
      );
      await waitUntil(() => result.edits.length > 0, "the shard's answer", 30_000);
      expect(JSON.stringify(result.edits[0])).toContain("**[1]**");
      await waitUntil(() => questions.length > 0, "usage relayed from the shard");
      expect(questions[0]).toMatchObject({ platform: "discord", answered: true });

      // a /reindex in a shard reaches this process's library too (and, through it, the other shards)
      const reindex = discord.interact(
        slashCommand(discord, "reindex", {}, { permissions: PERMISSIONS.manager }),
      );
      await waitUntil(() => reindex.edits.length > 0, "the shard's reindex report", 30_000);
      expect(JSON.stringify(reindex.edits[0])).toContain("Reindexed 5 documents");
      await waitUntil(() => parentLibrary.calls.reindex > 0, "the relayed reindex");
    } finally {
      await bot.stop();
    }
  }, 90_000);
});
