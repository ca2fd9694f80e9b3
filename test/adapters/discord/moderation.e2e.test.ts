import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordSettings, startDiscord } from "../../../src/adapters/discord/index.ts";
import { Library } from "../../../src/core/library.ts";
import { createLogger } from "../../../src/logger.ts";
import { AuditLog, readAuditLog } from "../../../src/moderation/audit-log.ts";
import { createModeratorActions } from "../../../src/moderation/moderator-actions.ts";
import { SqliteUsageStore } from "../../../src/usage/usage-store.ts";
import {
  PERMISSIONS,
  slashCommand,
  subcommand,
  subcommandAutocomplete,
} from "../../fakes/discord-payloads.ts";
import {
  type FakeDiscord,
  type InteractionResult,
  startFakeDiscord,
  waitUntil,
} from "../../fakes/discord-server.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const unescapeMarkdown = (s: string) => s.replace(/\\(.)/g, "$1");
const MAX_BYTES = 10_000;
const QUESTION = "when do lighthouse keepers polish the brass lamp?";
const handbook = (day: string) =>
  new TextEncoder().encode(
    `# Lighthouse handbook\n\nLighthouse keepers polish the brass lamp every ${day} before sunset.\n`,
  );

let discord: FakeDiscord;
let bot: { stop(): Promise<void> };
let usage: SqliteUsageStore;
let dir: string;
let dataDir: string;
const auditPath = () => path.join(dir, "state", "audit.jsonl");
const manager = { permissions: PERMISSIONS.manager };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-discord-mod-"));
  dataDir = path.join(dir, "data");
  await cp(path.resolve("data"), dataDir, { recursive: true });
  const library = await Library.open({ dataDir, snapshotPath: path.join(dir, "state", "index.json") });
  usage = SqliteUsageStore.open({
    path: path.join(dir, "state", "usage.sqlite"),
    logQuestions: true,
    retentionDays: 30,
    logger,
  });
  const moderation = createModeratorActions({
    library,
    dataDir,
    maxBytes: MAX_BYTES,
    audit: AuditLog.open({ path: auditPath(), logger }),
    stats: usage,
  });
  discord = await startFakeDiscord();
  const settings: DiscordSettings = {
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    messageContent: false,
    dms: false,
  };
  bot = await startDiscord(settings, { library, logger, usage, moderation });
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  usage?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The text of the bot's final reply, whether it was deferred and edited or replied at once. */
function replyText(result: InteractionResult): string {
  const body = (result.edits[0] ?? (result.callbacks[0] as { data?: unknown })?.data ?? {}) as {
    content?: string;
    embeds?: { description?: string; fields?: { name: string }[] }[];
  };
  const embeds = (body.embeds ?? []).map((e) =>
    [e.description ?? "", ...(e.fields ?? []).map((f) => f.name)].join("\n"),
  );
  return unescapeMarkdown([body.content ?? "", ...embeds].join("\n"));
}

async function run(payload: Record<string, unknown>, label: string) {
  const result = discord.interact(payload);
  await waitUntil(
    () => result.edits.length > 0 || (result.callbacks[0] as { type?: number })?.type === 4,
    label,
  );
  return result;
}

const addDoc = (
  name: string,
  bytes: Uint8Array,
  extra: { overwrite?: boolean; announcedSize?: number } = {},
) => {
  const file = discord.attach(name, bytes, { announcedSize: extra.announcedSize });
  const options: Parameters<typeof subcommand>[3] = { file };
  if (extra.overwrite !== undefined) options.overwrite = extra.overwrite;
  return { file, payload: subcommand(discord, "docs", "add", options, manager) };
};
const ask = (question: string) => run(slashCommand(discord, "ask", { question }), `an answer to ${question}`);

describe("moderator commands refuse members without Manage Server", () => {
  it("runs nothing for /docs add, /docs remove, /stats or /rollback", async () => {
    const before = (await readdir(dataDir)).sort();
    const file = discord.attach("sneaky.md", handbook("Monday"));
    const member = { permissions: PERMISSIONS.member };
    const attempts = [
      subcommand(discord, "docs", "add", { file }, member),
      subcommand(discord, "docs", "remove", { name: "whatsapp.md" }, member),
      slashCommand(discord, "stats", {}, member),
      slashCommand(discord, "rollback", {}, member),
    ];
    for (const payload of attempts) {
      const result = await run(payload, "a refusal");
      expect(result.callbacks).toEqual([
        expect.objectContaining({ type: 4, data: expect.objectContaining({ flags: 64 }) }),
      ]);
      expect(replyText(result)).toContain("Manage Server");
    }
    expect(discord.downloads(file.id)).toBe(0);
    expect((await readdir(dataDir)).sort()).toEqual(before);
    expect(await readAuditLog(auditPath())).toEqual([]);
  });
});

describe("/docs add", () => {
  it("adds a valid file privately, and /ask then answers from it", async () => {
    const { file, payload } = addDoc("Lighthouse Handbook.md", handbook("Tuesday"));
    const result = await run(payload, "the add report");
    expect(result.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect(replyText(result)).toContain("Added lighthouse-handbook.md.");
    expect(replyText(result)).toContain("Added (1): lighthouse-handbook.md");
    expect(discord.downloads(file.id)).toBe(1);
    const answer = replyText(await ask(QUESTION));
    expect(answer).toContain("every Tuesday before sunset");
    expect(answer).toContain("Lighthouse handbook");
    expect(discord.rejected).toEqual([]);
  });

  it("refuses a binary file, an empty file and a name collision with a clear message", async () => {
    const binary = addDoc("photo.md", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    expect(replyText(await run(binary.payload, "binary refusal"))).toContain("is not a text file");
    const empty = addDoc("empty.md", new TextEncoder().encode("  \n\n "));
    expect(replyText(await run(empty.payload, "empty refusal"))).toContain("is empty");
    const again = addDoc("Lighthouse Handbook.md", handbook("Friday"));
    const collision = replyText(await run(again.payload, "collision refusal"));
    expect(collision).toContain('A document named "lighthouse-handbook.md" already exists');
    expect(collision).toContain("overwrite");
    expect(replyText(await ask(QUESTION))).toContain("every Tuesday");
    expect((await readdir(dataDir)).filter((f) => /photo|empty/.test(f))).toEqual([]);
  });

  it("refuses a file announced over the limit without downloading it", async () => {
    const big = addDoc("big.md", handbook("Monday"), { announcedSize: 5_000_000 });
    const text = replyText(await run(big.payload, "size refusal"));
    expect(text).toContain('"big.md" is 5 MB; the limit is 10 kB (UPLOAD_MAX_BYTES)');
    expect(discord.downloads(big.file.id)).toBe(0);
  });

  it("stops a download that sends more bytes than Discord announced", async () => {
    const liar = addDoc("liar.md", handbook("Monday"), { announcedSize: 10 });
    expect(replyText(await run(liar.payload, "oversend refusal"))).toContain("sent more than");
    expect((await readdir(dataDir)).includes("liar.md")).toBe(false);
  });
});

describe("/docs remove and /rollback", () => {
  it("suggests document names while typing", async () => {
    const result = discord.interact(subcommandAutocomplete(discord, "docs", "remove", "name", "lighthouse"));
    await waitUntil(() => result.callbacks.length > 0, "choices");
    expect(result.callbacks[0]).toMatchObject({
      type: 8,
      data: { choices: [expect.objectContaining({ value: "lighthouse-handbook.md" })] },
    });
  });

  it("removes a document, which is never cited again", async () => {
    const result = await run(
      subcommand(discord, "docs", "remove", { name: "lighthouse-handbook.md" }, manager),
      "the remove report",
    );
    expect(replyText(result)).toContain("Removed lighthouse-handbook.md.");
    const answer = replyText(await ask(QUESTION));
    expect(answer).not.toContain("Lighthouse handbook");
    expect(answer).toContain("The documents don't cover this question.");
  });

  it("/rollback restores the previous answers", async () => {
    await run(addDoc("keepers.md", handbook("Monday")).payload, "first version");
    await run(addDoc("keepers.md", handbook("Sunday"), { overwrite: true }).payload, "replacement");
    expect(replyText(await ask(QUESTION))).toContain("every Sunday");
    const result = await run(slashCommand(discord, "rollback", {}, manager), "the rollback report");
    expect(replyText(result)).toContain("Restored the previous index: 6 documents");
    expect(replyText(result)).not.toContain("Reindexed");
    expect(replyText(result)).toContain("Changed (1): keepers.md");
    expect(replyText(await ask(QUESTION))).toContain("every Monday");
    const actions = (await readAuditLog(auditPath())).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(["replace", "rollback"]);
  });
});

describe("/reindex and /stats", () => {
  it("/reindex goes through the moderator actions: audited, and dry_run changes nothing", async () => {
    const dry = await run(slashCommand(discord, "reindex", { dry_run: true }, manager), "dry run");
    expect(replyText(dry)).toContain("Dry run:");
    const real = await run(slashCommand(discord, "reindex", {}, manager), "reindex");
    expect(replyText(real)).toMatch(/Reindexed \d+ documents/);
    const last = (await readAuditLog(auditPath())).at(-1);
    expect(last).toMatchObject({ action: "reindex", platform: "discord" });
  });

  it("/stats lists a question the documents don't cover as a gap, in one message", async () => {
    await ask("what is the boiling point of tungsten?");
    const result = await run(slashCommand(discord, "stats", {}, manager), "the usage report");
    expect(result.edits).toHaveLength(1);
    const text = replyText(result);
    expect(text).toContain("not covered");
    expect(text).toContain('"what is the boiling point of tungsten?"');
    expect(discord.rejected).toEqual([]);
  });
});
