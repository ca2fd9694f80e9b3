import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { buttonClick, slashCommand } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";
import { hasRedisServer, startRedisServer, type TestRedis } from "../../fakes/redis-server.ts";

const KEYS = [
  "DATA_DIR",
  "DISCORD_APPLICATION_ID",
  "SNAPSHOT_PATH",
  "LOG_LEVEL",
  "REDIS_URL",
  "SEMANTIC",
] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

describe.skipIf(!hasRedisServer)("Discord shards with REDIS_URL", () => {
  let discord: FakeDiscord;
  let redis: TestRedis;
  let dir: string;

  beforeAll(async () => {
    discord = await startFakeDiscord();
    redis = await startRedisServer();
    dir = await mkdtemp(path.join(tmpdir(), "citebot-shards-redis-"));
    // shard processes read their settings from the environment, as in production
    Object.assign(process.env, {
      DATA_DIR: path.resolve("test/state/fixtures"),
      DISCORD_APPLICATION_ID: discord.applicationId,
      SNAPSHOT_PATH: path.join(dir, "index.json"),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      REDIS_URL: redis.url,
      SEMANTIC: "off",
    });
  });
  afterAll(async () => {
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await discord?.close();
    await redis?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const start = () =>
    startDiscord(
      {
        token: discord.token,
        applicationId: discord.applicationId,
        apiUrl: discord.apiUrl,
        messageContent: false,
        dms: false,
        shards: 1,
      },
      { library: fakeLibrary(), logger: createLogger("silent") },
    );

  it("a 👍 on an answer a shard gave before the shards restarted still counts", async () => {
    let bot = await start();
    let up = "";
    try {
      const result = discord.interact(
        slashCommand(discord, "ask", { question: "why was the stone bridge closed?" }),
      );
      await waitUntil(() => result.edits.length > 0, "the shard's answer", 30_000);
      const edit = result.edits[0] as { components: { components: { custom_id: string }[] }[] };
      up =
        edit.components
          .flatMap((r) => r.components.map((b) => b.custom_id))
          .find((id) => id.startsWith("vote:up:")) ?? "";
      expect(up).not.toBe("");
    } finally {
      await bot.stop();
    }
    bot = await start();
    try {
      const first = discord.interact(buttonClick(discord, up));
      await waitUntil(() => first.callbacks.length > 0, "thanks", 30_000);
      expect(JSON.stringify(first.callbacks[0])).toContain("glad it helped");
    } finally {
      await bot.stop();
    }
  }, 90_000);
});
