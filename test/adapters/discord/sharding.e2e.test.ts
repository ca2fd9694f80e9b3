import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/index.ts";
import { Library } from "../../../src/core/library.ts";
import type { QuestionEvent } from "../../../src/core/types.ts";
import { createLogger } from "../../../src/logger.ts";
import { AuditLog, readAuditLog } from "../../../src/moderation/audit-log.ts";
import { createModeratorActions } from "../../../src/moderation/moderator-actions.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { buttonClick, PERMISSIONS, slashCommand, subcommand } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";
import { hasRedisServer, useTestRedis } from "../../fakes/redis-server.ts";

let discord: FakeDiscord;
let dir: string;
// DISCORD_TOKEN too: the shard manager may write it into this process's environment.
const KEYS = [
  "DATA_DIR",
  "DISCORD_APPLICATION_ID",
  "DISCORD_TOKEN",
  "SNAPSHOT_PATH",
  "LOG_LEVEL",
  "REDIS_URL",
] as const;
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

/** The fake's settings, sharded. */
const shardSettings = (shards: "auto" | number) => ({
  token: discord.token,
  applicationId: discord.applicationId,
  apiUrl: discord.apiUrl,
  messageContent: false,
  dms: false,
  shards,
});

describe("startDiscord with shards", () => {
  it("spawns shard processes through tsx that answer /ask and relay usage to this process", async () => {
    const questions: QuestionEvent[] = [];
    const parentLibrary = fakeLibrary();
    const bot = await startDiscord(shardSettings("auto"), {
      library: parentLibrary,
      logger: createLogger("silent"),
      usage: { recordQuestion: (e) => questions.push(e), recordFeedback() {} },
    });
    try {
      // A CLI this process starts later must not inherit the shard manager's CLUSTER="undefined".
      expect(process.env.CLUSTER).toBeUndefined();
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

  it("relays moderator actions to this process, which owns the files; the shard answers from the result", async () => {
    const dataDir = path.join(dir, "data");
    await cp(path.resolve("data"), dataDir, { recursive: true });
    const snapshotPath = path.join(dir, "moderated", "index.json");
    const auditPath = path.join(dir, "moderated", "audit.jsonl");
    // the shard opens the same folder and snapshot as this process, as in production
    Object.assign(process.env, { DATA_DIR: dataDir, SNAPSHOT_PATH: snapshotPath });
    const logger = createLogger("silent");
    const library = await Library.open({ dataDir, snapshotPath, logger });
    const moderation = createModeratorActions({
      library,
      dataDir,
      maxBytes: 10_000,
      audit: AuditLog.open({ path: auditPath, logger }),
    });
    const bot = await startDiscord(shardSettings(1), { library, logger, moderation });
    const manager = { permissions: PERMISSIONS.manager };
    const run = async (payload: Record<string, unknown>, label: string) => {
      const result = discord.interact(payload);
      await waitUntil(() => result.edits.length > 0, label, 30_000);
      return JSON.stringify(result.edits[0]).replace(/\\\\(.)/g, "$1");
    };
    const question = "when do lighthouse keepers polish the brass lamp?";
    const handbook = (day: string) =>
      new TextEncoder().encode(
        `# Lighthouse handbook\n\nLighthouse keepers polish the brass lamp every ${day}.\n`,
      );
    try {
      const first = discord.attach("keepers.md", handbook("Monday"));
      expect(await run(subcommand(discord, "docs", "add", { file: first }, manager), "add")).toContain(
        "Added keepers.md",
      );
      expect(await readdir(dataDir)).toContain("keepers.md");
      expect((await library.ask(question)).quotes[0]?.text).toMatch(/every Monday/);
      expect(await run(slashCommand(discord, "ask", { question }), "answer")).toContain("every Monday");

      const second = discord.attach("keepers.md", handbook("Sunday"));
      const taken = await run(subcommand(discord, "docs", "add", { file: second }, manager), "collision");
      expect(taken).toContain("already exists");
      await run(subcommand(discord, "docs", "add", { file: second, overwrite: true }, manager), "replace");
      expect(await run(slashCommand(discord, "ask", { question }), "new answer")).toContain("every Sunday");

      expect(await run(slashCommand(discord, "rollback", {}, manager), "rollback")).toContain("Restored");
      expect(await run(slashCommand(discord, "ask", { question }), "old answer")).toContain("every Monday");
      const audit = await readAuditLog(auditPath);
      expect(audit.map((e) => e.action)).toEqual(["add", "replace", "rollback"]);
      expect(audit.every((e) => e.platform === "discord")).toBe(true);
    } finally {
      await bot.stop();
    }
  }, 90_000);
});

describe.skipIf(!hasRedisServer)("startDiscord with shards and REDIS_URL", () => {
  const redis = useTestRedis();
  const start = () =>
    startDiscord(shardSettings(1), { library: fakeLibrary(), logger: createLogger("silent") });

  it("a 👍 on an answer a shard gave before the shards restarted still counts", async () => {
    // shard processes read REDIS_URL from the environment, as in production
    Object.assign(process.env, {
      DATA_DIR: path.resolve("test/state/fixtures"),
      SNAPSHOT_PATH: path.join(dir, "redis", "index.json"),
      REDIS_URL: redis().url,
    });
    let bot = await start();
    let up = "";
    try {
      const question = "why was the stone bridge closed?";
      const result = discord.interact(slashCommand(discord, "ask", { question }));
      await waitUntil(() => result.edits.length > 0, "the shard's answer", 30_000);
      const edit = result.edits[0] as { components: { components: { custom_id: string }[] }[] };
      const ids = edit.components.flatMap((r) => r.components.map((b) => b.custom_id));
      up = ids.find((id) => id.startsWith("vote:up:")) ?? "";
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
