import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordSettings, startDiscord } from "../../src/adapters/discord/index.ts";
import { startTelegram, type TelegramHandle } from "../../src/adapters/telegram/index.ts";
import { Library } from "../../src/core/library.ts";
import type { QuestionEvent } from "../../src/core/types.ts";
import { createLogger } from "../../src/logger.ts";
import { AuditLog, readAuditLog } from "../../src/moderation/audit-log.ts";
import { createCommunityModeration } from "../../src/moderation/community-moderation.ts";
import { ChatService } from "../../src/service/chat-service.ts";
import { LibraryRegistry } from "../../src/service/library-registry.ts";
import { PERMISSIONS, slashCommand, subcommand } from "../fakes/discord-payloads.ts";
import {
  type FakeDiscord,
  type InteractionResult,
  startFakeDiscord,
  waitUntil,
} from "../fakes/discord-server.ts";
import { FakeTelegram } from "../fakes/telegram-bot-api.ts";
import { finalReply } from "../fakes/telegram-outcome.ts";

// LIBRARY_SCOPE=community end to end: two Telegram groups and two Discord servers, each with its
// own document, over the loopback fakes driving the real grammY and discord.js clients.
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const doc = (title: string, body: string) => new TextEncoder().encode(`# ${title}\n\n${body}\n`);
const QUESTION = "when does the harbour ferry leave?";
const BASE = "The harbour ferry leaves from pier one at seven every morning.";
const OWN = {
  tg1: doc("Gull club", "The harbour ferry leaves for the gull club island at noon on Saturdays."),
  tg2: doc("Seal club", "The harbour ferry leaves for the seal rocks at dusk on Sundays."),
  dc1: doc("Kayak club", "The harbour ferry leaves with the kayak club at nine on Tuesdays."),
  dc2: doc("Diving club", "The harbour ferry leaves with the divers at ten on Wednesdays."),
};
const G1 = { id: -100_101, type: "supergroup" as const };
const G2 = { id: -100_202, type: "supergroup" as const };
const ADMIN1 = 9001;
const ADMIN2 = 9002;
const SERVER2 = "222222222222222222";

let dir: string;
let fake: FakeTelegram;
let telegram: TelegramHandle;
let discord: FakeDiscord;
let bot: { stop(): Promise<void> };
const asked: QuestionEvent[] = [];
const auditPath = () => path.join(dir, "state", "audit.jsonl");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-communities-"));
  const dataDir = path.join(dir, "data");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "ferry.md"), `# Ferry timetable\n\n${BASE}\n`);
  const stateDir = path.join(dir, "state");
  const library = await Library.open({ dataDir, snapshotPath: path.join(stateDir, "index.json") });
  const registry = new LibraryRegistry({ base: library, stateDir, memoryBytes: 64 << 20, logger });
  const audit = AuditLog.open({ path: auditPath(), logger });
  const moderation = createCommunityModeration({ registry, library, dataDir, maxBytes: 10_000, audit });
  const usage = { recordQuestion: (e: QuestionEvent) => void asked.push(e), recordFeedback: () => {} };
  const service = new ChatService({ library, libraries: registry, logger, usage });
  const deps = { library, logger, moderation, audit, service };
  fake = await new FakeTelegram().start();
  fake.members.set(`${G1.id}:${ADMIN1}`, "administrator");
  fake.members.set(`${G2.id}:${ADMIN2}`, "administrator");
  fake.members.set(`${G2.id}:${ADMIN1}`, "member");
  telegram = await startTelegram({ token: fake.token, apiRoot: fake.apiRoot, adminIds: [] }, deps);
  discord = await startFakeDiscord();
  const settings: DiscordSettings = {
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    messageContent: false,
    dms: false,
  };
  bot = await startDiscord(settings, deps);
});

afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
  await bot?.stop();
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const outcome = (chatId: number, send: () => void) => finalReply(fake, chatId, send);
const inGroup = (group: typeof G1, user: number, message: string) =>
  outcome(group.id, () => fake.message(user, message, group));
const addInGroup = (group: typeof G1, user: number, fileName: string, bytes: Uint8Array) =>
  outcome(group.id, () => fake.document(user, { fileName, bytes, caption: "/add" }, group));

/** The same interaction from another server: Discord names the guild in every field that carries it. */
function inServer(payload: Record<string, unknown>, guildId: string): Record<string, unknown> {
  const channel = payload.channel as Record<string, unknown>;
  return {
    ...payload,
    guild_id: guildId,
    channel: { ...channel, guild_id: guildId },
    authorizing_integration_owners: { "0": guildId },
  };
}

function replyText(result: InteractionResult): string {
  const body = (result.edits[0] ?? (result.callbacks[0] as { data?: unknown })?.data ?? {}) as {
    content?: string;
    embeds?: { description?: string; fields?: { name: string }[]; footer?: { text?: string } }[];
  };
  const embeds = (body.embeds ?? []).map((e) =>
    [e.description ?? "", ...(e.fields ?? []).map((f) => f.name), e.footer?.text ?? ""].join("\n"),
  );
  return [body.content ?? "", ...embeds].join("\n").replace(/\\(.)/g, "$1");
}
async function run(payload: Record<string, unknown>, label: string): Promise<string> {
  const result = discord.interact(payload);
  await waitUntil(
    () => result.edits.length > 0 || (result.callbacks[0] as { type?: number })?.type === 4,
    label,
  );
  return replyText(result);
}
const manager = { permissions: PERMISSIONS.manager };
const addInServer = (guildId: string, name: string, bytes: Uint8Array) =>
  run(
    inServer(subcommand(discord, "docs", "add", { file: discord.attach(name, bytes) }, manager), guildId),
    name,
  );
const askInServer = (guildId: string) =>
  run(inServer(slashCommand(discord, "ask", { question: QUESTION }), guildId), "an answer");

describe("each community answers from its own library and the base", () => {
  beforeAll(async () => {
    expect(await addInGroup(G1, ADMIN1, "gull.md", OWN.tg1)).toMatch(/Added gull\.md/);
    expect(await addInGroup(G2, ADMIN2, "seal.md", OWN.tg2)).toMatch(/Added seal\.md/);
    expect(await addInServer(discord.guildId, "kayak.md", OWN.dc1)).toMatch(/kayak\.md/);
    expect(await addInServer(SERVER2, "diving.md", OWN.dc2)).toMatch(/diving\.md/);
  });

  it("cites only the group's own document and the base in each Telegram group", async () => {
    const one = await inGroup(G1, 1234, `/ask ${QUESTION}`);
    expect(one).toContain("gull club island");
    expect(one).toContain("pier one");
    expect(one).not.toMatch(/seal rocks|kayak|divers/);
    const two = await inGroup(G2, 1234, `/ask ${QUESTION}`);
    expect(two).toContain("seal rocks");
    expect(two).toContain("pier one");
    expect(two).not.toMatch(/gull club|kayak|divers/);
  });

  it("cites only the server's own document and the base in each Discord server", async () => {
    const one = await askInServer(discord.guildId);
    expect(one).toContain("kayak club");
    expect(one).toContain("pier one");
    expect(one).not.toMatch(/gull club|seal rocks|divers/);
    const two = await askInServer(SERVER2);
    expect(two).toContain("divers");
    expect(two).toContain("pier one");
    expect(two).not.toMatch(/gull club|seal rocks|kayak/);
  });

  it("answers private chats from the base library alone", async () => {
    const reply = await outcome(4321, () => fake.message(4321, QUESTION));
    expect(reply).toContain("pier one");
    expect(reply).not.toMatch(/gull club|seal rocks|kayak|divers/);
  });

  it("records each question with its community for the usage report, and none for a private chat", () => {
    const where = new Set(asked.map((e) => e.community ?? "private"));
    expect(where).toEqual(
      new Set([
        `telegram:${G1.id}`,
        `telegram:${G2.id}`,
        `discord:${discord.guildId}`,
        `discord:${SERVER2}`,
        "private",
      ]),
    );
  });

  it("refuses a group's administrator in another group, and that group's library is unchanged", async () => {
    expect(await addInGroup(G2, ADMIN1, "sneaky.md", doc("Sneaky", "The harbour ferry leaves never."))).toBe(
      "Sorry, only this group's administrators can use /add.",
    );
    expect(await inGroup(G2, 1234, `/ask ${QUESTION}`)).not.toContain("never");
    const events = await readAuditLog(auditPath());
    expect(events.find((e) => e.action === "refused")).toMatchObject({ community: `telegram:${G2.id}` });
  });

  it("refuses a member without Manage Server in that server, whatever they manage elsewhere", async () => {
    const file = discord.attach("sneaky.md", doc("Sneaky", "The harbour ferry leaves never."));
    const payload = subcommand(discord, "docs", "add", { file }, { permissions: PERMISSIONS.member });
    expect(await run(inServer(payload, SERVER2), "a refusal")).toMatch(/Manage Server/);
    expect(await askInServer(SERVER2)).not.toContain("never");
    const refused = (await readAuditLog(auditPath())).filter((e) => e.action === "refused");
    expect(refused.map((e) => e.community)).toContain(`discord:${SERVER2}`);
  });

  it("records the library of every action in the audit log", async () => {
    const added = (await readAuditLog(auditPath())).filter((e) => e.action === "add");
    expect(added.map((e) => [e.community, e.file]).sort()).toEqual(
      [
        [`discord:${discord.guildId}`, "kayak.md"],
        [`discord:${SERVER2}`, "diving.md"],
        [`telegram:${G1.id}`, "gull.md"],
        [`telegram:${G2.id}`, "seal.md"],
      ].sort(),
    );
  });

  it("leaves the base out after /library base off, and brings it back with on", async () => {
    expect(await inGroup(G1, ADMIN1, "/library base off")).toMatch(/this community's documents only/);
    const off = await inGroup(G1, 1234, `/ask ${QUESTION}`);
    expect(off).toContain("gull club island");
    expect(off).not.toContain("pier one");
    expect(await inGroup(G1, ADMIN1, "/library base on")).toMatch(/and the bot's own/);
    expect(await inGroup(G1, 1234, `/ask ${QUESTION}`)).toContain("pier one");
    expect(await inGroup(G2, 1234, "/library base off")).toMatch(/^Sorry, only this group's administrators/);

    const server = (base: string) =>
      run(inServer(slashCommand(discord, "library", { base }, manager), SERVER2), `/library base:${base}`);
    expect(await server("off")).toMatch(/this community's documents only/);
    const discordOff = await askInServer(SERVER2);
    expect(discordOff).toContain("divers");
    expect(discordOff).not.toContain("pier one");
    expect(await askInServer(discord.guildId)).toContain("pier one");
  });
});
