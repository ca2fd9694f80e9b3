import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../src/adapters/discord/commands/index.ts";
import { type DiscordSettings, startDiscord } from "../../../src/adapters/discord/index.ts";
import { Library } from "../../../src/core/library.ts";
import { createLogger } from "../../../src/logger.ts";
import {
  autocomplete,
  buttonClick,
  channelMessage,
  PERMISSIONS,
  slashCommand,
  subcommand,
} from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";
import { spyOnLibrary } from "../../fakes/library-spy.ts";

const MESSAGE_CONTENT = 1 << 15;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const unescapeMarkdown = (s: string) => s.replace(/\\(.)/g, "$1");

let discord: FakeDiscord;
let bot: { stop(): Promise<void> };
let library: Library;
let dir: string;
let spy: ReturnType<typeof spyOnLibrary>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-discord-"));
  // Small stand-ins for data/ (same file names and titles): editing a real article breaks no test.
  library = await Library.open({
    dataDir: path.join(import.meta.dirname, "../fixtures"),
    snapshotPath: path.join(dir, "index.json"),
  });
  spy = spyOnLibrary(library);
  discord = await startFakeDiscord({ allowedIntents: MESSAGE_CONTENT });
  const settings: DiscordSettings = {
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    messageContent: true,
    dms: false,
  };
  bot = await startDiscord(settings, {
    library: spy.library,
    logger,
    usage: spy.usage,
    // every fake interaction comes from one channel: its limit would refuse the burst test below
    rates: { chat: { limit: 1000, windowMs: 10_000 } },
  });
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ask(question: string, extra: Record<string, boolean> = {}) {
  const result = discord.interact(slashCommand(discord, "ask", { question, ...extra }));
  await waitUntil(() => result.edits.length + result.followups.length > 0, `an answer to "${question}"`);
  return result;
}

describe("/ask", () => {
  it("defers, then answers with a verbatim quote, its citation and the numbered source", async () => {
    const question = "does whatsapp read my messages?";
    const result = await ask(question);
    expect(result.callbacks).toEqual([{ type: 5, data: { flags: 0 } }]);
    const edit = result.edits[0] as {
      embeds: { description: string; fields: { name: string }[] }[];
      allowed_mentions: unknown;
    };
    const embed = edit.embeds[0];
    const expected = (await library.ask(question)).quotes[0];
    expect(unescapeMarkdown(embed?.description ?? "")).toContain(expected?.text);
    expect(embed?.description).toContain(`**[${expected?.source}]**`);
    expect(embed?.fields.map((f) => f.name)).toContain(
      `[${expected?.source}] ${(await library.ask(question)).sources.find((s) => s.n === expected?.source)?.title}`,
    );
    expect(edit.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(spy.questions.at(-1)).toMatchObject({ platform: "discord", question, answered: true });
    expect(discord.rejected).toEqual([]);
  });

  it("answers privately when asked to", async () => {
    const result = await ask("does whatsapp read my messages?", { private: true });
    expect(result.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
  });

  it("says the documents don't cover a question they don't", async () => {
    const result = await ask("what is the boiling point of tungsten?");
    expect(JSON.stringify(result.edits[0])).toContain("The documents don't cover this question.");
  });

  it("never pings: a question full of mentions comes back defused, with empty allowed mentions", async () => {
    const result = await ask(
      "@everyone @here <@&123456789012345678> <@123456789012345678> whatsapp messages?",
    );
    const body = JSON.stringify(result.edits[0]);
    expect(body).not.toMatch(/@everyone|@here|<@&?\d+>/);
    expect(result.edits[0]).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it("suggests answerable questions while typing", async () => {
    const result = discord.interact(autocomplete(discord, "whats"));
    await waitUntil(() => result.callbacks.length > 0, "autocomplete choices");
    const { type, data } = result.callbacks[0] as { type: number; data: { choices: { name: string }[] } };
    expect(type).toBe(8);
    expect(data.choices.length).toBeGreaterThan(0);
    expect(data.choices.every((c) => c.name.length <= 100)).toBe(true);
  });

  it("offers no suggestions (rather than an error) when suggesting fails", async () => {
    const result = discord.interact(autocomplete(discord, "EXPLODE"));
    await waitUntil(() => result.callbacks.length > 0, "an empty choice list");
    expect(result.callbacks[0]).toEqual({ type: 8, data: { choices: [] } });
  });

  it("apologises when answering fails, and keeps answering afterwards", async () => {
    const failed = await ask("EXPLODE please");
    expect(JSON.stringify(failed.followups[0])).toContain("Sorry");
    const next = await ask("does whatsapp read my messages?");
    expect(next.edits).toHaveLength(1);
  });
});

describe("answer buttons", () => {
  const buttonsOf = (result: { edits: unknown[] }) =>
    (result.edits[0] as { components: { components: { custom_id: string }[] }[] }).components.flatMap((r) =>
      r.components.map((b) => b.custom_id),
    );

  it("More sources shows the next quotes; 👍 is recorded once per person", async () => {
    const result = await ask("does whatsapp read my messages?");
    const ids = buttonsOf(result);
    const more = ids.find((id) => id.startsWith("more:"));
    expect(more).toBeDefined();
    const page = discord.interact(buttonClick(discord, more ?? ""));
    await waitUntil(() => page.callbacks.length > 0, "the next quotes");
    expect(page.callbacks[0]).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(page.callbacks[0])).toContain("More sources:");

    const up = ids.find((id) => id.startsWith("vote:up:")) ?? "";
    const voter = {
      id: "123456789012345670",
      username: "voter",
      discriminator: "0",
      global_name: "voter",
      avatar: null,
    };
    const first = discord.interact(buttonClick(discord, up, voter));
    await waitUntil(() => first.callbacks.length > 0, "thanks");
    const again = discord.interact(buttonClick(discord, up, voter));
    await waitUntil(() => again.callbacks.length > 0, "already voted");
    expect(spy.feedback.filter((f) => f.user === voter.id)).toEqual([
      expect.objectContaining({
        platform: "discord",
        vote: "up",
        question: "does whatsapp read my messages?",
      }),
    ]);
    expect(JSON.stringify(again.callbacks[0])).toContain("already rated");
  });

  it("an expired answer id gets a kind 'ask again', not an error", async () => {
    const click = discord.interact(buttonClick(discord, "more:gone123:4"));
    await waitUntil(() => click.callbacks.length > 0, "the expiry notice");
    expect(click.callbacks[0]).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(click.callbacks[0])).toContain("ask again");
  });
});

describe("/reindex, /sources, /help", () => {
  it("refuses /reindex to a member without Manage Server, without running it", async () => {
    const before = spy.reindexRuns();
    const result = discord.interact(
      slashCommand(discord, "reindex", {}, { permissions: PERMISSIONS.member }),
    );
    await waitUntil(() => result.callbacks.length > 0, "the refusal");
    expect(result.callbacks[0]).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(result.callbacks[0])).toContain("Manage Server");
    expect(spy.reindexRuns()).toBe(before);
  });

  it("runs /reindex for a member with Manage Server and reports privately", async () => {
    const result = discord.interact(
      slashCommand(discord, "reindex", {}, { permissions: PERMISSIONS.manager }),
    );
    await waitUntil(() => result.edits.length > 0, "the reindex report");
    expect(result.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect((result.edits[0] as { content: string }).content).toMatch(/Reindexed 5 documents/);
  });

  it("without moderation configured, /docs, /rollback and /stats say so to a moderator", async () => {
    const manager = { permissions: PERMISSIONS.manager };
    const results = [
      discord.interact(
        subcommand(discord, "docs", "remove", { name: "x-gathers-more-user-data-for-ai.md" }, manager),
      ),
      discord.interact(slashCommand(discord, "rollback", {}, manager)),
      discord.interact(slashCommand(discord, "stats", {}, manager)),
    ];
    await waitUntil(() => results.every((r) => r.callbacks.length > 0), "the notices");
    for (const r of results) {
      expect(r.callbacks[0]).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(JSON.stringify(r.callbacks[0])).toContain("Moderation is not configured");
    }
    expect(library.documents().map((d) => d.file)).toContain("x-gathers-more-user-data-for-ai.md");
  });

  it("lists the documents and explains itself", async () => {
    const sources = discord.interact(slashCommand(discord, "sources"));
    const help = discord.interact(slashCommand(discord, "help"));
    await waitUntil(() => sources.callbacks.length > 0 && help.callbacks.length > 0, "/sources and /help");
    expect(JSON.stringify(sources.callbacks[0])).toContain("Indexed documents (5)");
    expect(JSON.stringify(help.callbacks[0])).toContain("verbatim quotes");
    expect(JSON.stringify(help.callbacks[0])).toContain("/docs add file:");
  });
});

describe("mentions", () => {
  it("answers a mention in a thread started on the message, and ignores messages without one", async () => {
    discord.say(channelMessage(discord, "just chatting about whatsapp", false));
    discord.say(channelMessage(discord, `<@${discord.applicationId}> does whatsapp read my messages?`, true));
    await waitUntil(() => discord.channelMessages.length > 0, "the thread answer");
    expect(discord.threads).toHaveLength(1);
    expect(discord.threads[0]).toMatchObject({ name: "does whatsapp read my messages?" });
    const sent = discord.channelMessages[0];
    expect(sent?.channelId).toBe(discord.threads[0]?.id);
    expect(JSON.stringify(sent?.body)).toContain("**[");
    expect(sent?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });
});

describe("follow-ups in a thread", () => {
  it("/ask thread: True opens a thread on the answer, where 'more' and 'and X?' follow on", async () => {
    const question = "does whatsapp read my messages?";
    const threads = discord.threads.length;
    const result = await ask(question, { thread: true });
    await waitUntil(() => discord.threads.length > threads, "the thread on the answer");
    const thread = discord.threads.at(-1) as { id: string; name: string };
    expect(thread.name).toBe(question);
    const inThread = (content: string) =>
      discord.say({ ...channelMessage(discord, content, false), channel_id: thread.id });
    const sent = () => discord.channelMessages.filter((m) => m.channelId === thread.id);
    const asks = spy.asked.length;
    inThread("more");
    await waitUntil(() => sent().length > 0, "the next quotes in the thread");
    const ranking = await library.ask(question, { limit: 12 });
    expect(unescapeMarkdown(JSON.stringify(sent()[0]?.body))).toContain(ranking.quotes[4]?.text.slice(0, 40));
    expect(spy.asked.length).toBe(asks);
    inThread("and Facebook?");
    await waitUntil(() => sent().length > 1, "the follow-up answer");
    expect(spy.asked.at(-1)).toBe("does Facebook read my messages?");
    expect(result.edits).toHaveLength(1);
  });
});

describe("a Hindi-speaking member", () => {
  it("gets /help in Hindi, and the commands carry Hindi descriptions", async () => {
    const help = discord.interact({ ...slashCommand(discord, "help"), locale: "hi" });
    await waitUntil(() => help.callbacks.length > 0, "/help");
    const text = JSON.stringify(help.callbacks[0]);
    expect(text).toContain("citebot कैसे काम करता है");
    expect(text).toContain("शब्दशः उद्धरणों");
    for (const name of ["ask", "sources", "help"])
      expect(commands.get(name)?.data.description_localizations?.hi).toMatch(/[\u0900-\u097F]/);
  });
});

describe("connection", () => {
  it("resumes after the gateway connection drops and answers again", async () => {
    const resumes = discord.gateway.resumes.length;
    discord.gateway.drop();
    await waitUntil(
      () => discord.gateway.resumes.length > resumes && discord.gateway.ready,
      "a resumed session",
    );
    const result = await ask("does whatsapp read my messages?");
    expect(result.edits).toHaveLength(1);
  });

  it("answers an interaction that arrived while disconnected, once Discord replays it on resume", async () => {
    const resumes = discord.gateway.resumes.length;
    discord.gateway.drop();
    const result = discord.interact(
      slashCommand(discord, "ask", { question: "does whatsapp read my messages?" }),
    );
    await waitUntil(() => result.edits.length > 0, "the replayed interaction's answer");
    expect(discord.gateway.resumes.length).toBeGreaterThan(resumes);
    expect(result.callbacks).toHaveLength(1);
  });

  it("identifies again when the session cannot be resumed, and answers again", async () => {
    const identifies = discord.gateway.identifies.length;
    discord.gateway.drop({ invalidateSession: true });
    await waitUntil(
      () => discord.gateway.identifies.length > identifies && discord.gateway.ready,
      "a new session",
    );
    const result = await ask("does whatsapp read my messages?");
    expect(result.edits).toHaveLength(1);
  });

  it("answers 100 interactions sent in one burst, each exactly once", async () => {
    const results = Array.from({ length: 100 }, (_, i) =>
      discord.interact(
        slashCommand(discord, "ask", {
          question: i % 2 ? "does whatsapp read my messages?" : `what does meta collect ${i}?`,
        }),
      ),
    );
    await waitUntil(() => results.every((r) => r.edits.length > 0), "100 answers", 45_000);
    // A barrier instead of a sleep: one more interaction, sent after all hundred were answered.
    // The bot handles interactions as the gateway delivers them, so a duplicate of an earlier one
    // would be sent before this one's answer.
    const barrier = discord.interact(slashCommand(discord, "ask", { question: "what does x collect?" }));
    await waitUntil(() => barrier.edits.length > 0, "the barrier's answer", 15_000);
    for (const r of results) {
      expect(r.callbacks).toHaveLength(1);
      expect(r.edits).toHaveLength(1);
      expect(r.followups).toHaveLength(0);
    }
    expect(discord.rejected).toEqual([]);
    // the connection stayed healthy throughout: heartbeats were sent and acknowledged, no re-identify
    expect(discord.gateway.heartbeats).toBeGreaterThan(0);
  }, 60_000);
});
