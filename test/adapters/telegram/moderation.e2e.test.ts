import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { SYNONYM_FILE } from "../../../src/core/concepts.ts";
import { Library } from "../../../src/core/library.ts";
import type { ReindexReport } from "../../../src/core/types.ts";
import { watchDataDir } from "../../../src/core/watch.ts";
import { createLogger } from "../../../src/logger.ts";
import { AuditLog, readAuditLog } from "../../../src/moderation/audit-log.ts";
import { createModeratorActions } from "../../../src/moderation/moderator-actions.ts";
import { SqliteUsageStore } from "../../../src/usage/usage-store.ts";
import { FAKE_BOT, type FakeCall, FakeTelegram } from "../../fakes/telegram-bot-api.ts";
import { finalReply } from "../../fakes/telegram-outcome.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const ADMIN = 5001;
const STRANGER = 6001;
const READER = 7001;
const GROUP = { id: -100_888, type: "supergroup" as const };
const GROUP_ADMIN = 8002;
const MAX_BYTES = 10_000;
const QUESTION = "when do lighthouse keepers polish the brass lamp?";
const HANDBOOK = "lighthouse-handbook.md";
const handbook = (day: string) =>
  new TextEncoder().encode(
    `# Lighthouse handbook\n\nLighthouse keepers polish the brass lamp every ${day} before sunset.\n`,
  );

let dir: string;
let dataDir: string;
let library: Library;
let usage: SqliteUsageStore;
let fake: FakeTelegram;
let telegram: TelegramHandle;
const auditPath = () => path.join(dir, "state", "audit.jsonl");

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-telegram-moderation-"));
  dataDir = path.join(dir, "data");
  fs.cpSync(path.resolve("data"), dataDir, { recursive: true });
  library = await Library.open({ dataDir, snapshotPath: path.join(dir, "state", "index.json") });
  usage = SqliteUsageStore.open({
    path: path.join(dir, "state", "citebot.sqlite"),
    logQuestions: true,
    retentionDays: 30,
    logger,
  });
  const audit = AuditLog.open({ path: auditPath(), logger, hashUser: (p, id) => usage.hashUser(p, id) });
  const moderation = createModeratorActions({ library, dataDir, maxBytes: MAX_BYTES, audit, stats: usage });
  fake = await new FakeTelegram().start();
  fake.members.set(`${GROUP.id}:${GROUP_ADMIN}`, "administrator");
  telegram = await startTelegram(
    { token: fake.token, apiRoot: fake.apiRoot, adminIds: [ADMIN] },
    { library, logger, usage, moderation },
  );
});

afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
  usage?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const text = (call: FakeCall) => call.result.text as string;

const outcome = (chatId: number, send: () => void) => finalReply(fake, chatId, send);

const say = (user: number, message: string) => outcome(user, () => fake.message(user, message));
const sendFile = (
  user: number,
  file: { fileName: string; bytes: Uint8Array; caption?: string; announcedSize?: number },
) => outcome(user, () => fake.document(user, file));
const getFileCalls = () => fake.calls.filter((c) => c.method === "getFile").length;
const dataFiles = () => fs.readdirSync(dataDir).sort();
const firstQuote = async () => (await library.ask(QUESTION)).quotes[0]?.text ?? "";

describe("who may moderate", () => {
  it("refuses /add, /remove, /stats and /rollback to a non-moderator, and nothing runs", async () => {
    const files = dataFiles();
    const refusal = /^Sorry, only citebot's moderators can use \/(add|remove|stats|rollback)\. .*6001/;
    expect(
      await sendFile(STRANGER, { fileName: "sneaky.md", bytes: handbook("Monday"), caption: "/add" }),
    ).toMatch(refusal);
    expect(await say(STRANGER, "/remove facebook-starts-taking-user-data-from-whatsapp.md")).toMatch(refusal);
    expect(await say(STRANGER, "/stats")).toMatch(refusal);
    expect(await say(STRANGER, "/rollback")).toMatch(refusal);
    const inGroup = await outcome(GROUP.id, () =>
      fake.document(901, { fileName: "sneaky.md", bytes: handbook("Monday"), caption: "/add" }, GROUP),
    );
    expect(inGroup).toBe("Sorry, only this group's administrators can use /add.");
    expect(dataFiles()).toEqual(files);
    expect(getFileCalls()).toBe(0);
    expect(fake.downloads).toEqual([]);
    expect(await readAuditLog(auditPath())).toEqual([]);
  });

  it("shows the moderator commands in /help and file names in /sources to moderators only", async () => {
    expect(await say(ADMIN, "/help")).toContain("For moderators");
    expect(await say(ADMIN, "/sources")).toContain("· facebook-starts-taking-user-data-from-whatsapp.md");
    expect(await say(STRANGER, "/help")).not.toContain("For moderators");
    expect(await say(STRANGER, "/sources")).not.toContain(".md");
  });

  it("publishes the moderator commands only in the moderators' menus", () => {
    const names = (scope: string) =>
      (fake.commands.get(scope) ?? []).map((c: { command: string }) => c.command);
    // (The menu for the private chat of ADMIN needs that chat to exist at start, so it is not checked.)
    for (const scope of ["all_chat_administrators"])
      expect(names(scope)).toEqual(expect.arrayContaining(["add", "remove", "reindex", "rollback", "stats"]));
    for (const scope of ["default", "all_private_chats"]) expect(names(scope)).not.toContain("add");
  });
});

describe("/add", () => {
  it("adds a file sent with the caption /add, and the bot answers from it at once", async () => {
    const result = await sendFile(ADMIN, {
      fileName: "Lighthouse Handbook.md",
      bytes: handbook("Tuesday"),
      caption: "/add",
    });
    expect(result).toMatch(new RegExp(`^Added ${HANDBOOK}\\.\\s+Reindexed 6 documents`));
    expect(result).toContain(`Added (1): ${HANDBOOK}`);
    expect(dataFiles()).toContain(HANDBOOK);
    const answer = await say(READER, QUESTION);
    expect(answer).toContain("Lighthouse keepers polish the brass lamp every Tuesday before sunset.");
    expect(answer).toContain("Lighthouse handbook");
  });

  it("gives a clear message for a binary, an empty and an oversized file, and a name collision", async () => {
    const binary = await sendFile(ADMIN, {
      fileName: "photo.md",
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]),
      caption: "/add",
    });
    expect(binary).toMatch(/"photo\.md" is not a text file \(it contains binary data\)/);
    expect(
      await sendFile(ADMIN, { fileName: "blank.txt", bytes: new Uint8Array(), caption: "/add" }),
    ).toMatch(/"blank\.txt" is empty/);

    const calls = getFileCalls();
    const downloads = fake.downloads.length;
    const big = await sendFile(ADMIN, {
      fileName: "huge.md",
      bytes: handbook("Monday"),
      announcedSize: 5_000_000,
      caption: "/add",
    });
    expect(big).toMatch(/"huge\.md" is 5 MB; the limit is 10 kB \(UPLOAD_MAX_BYTES\)/);
    expect(getFileCalls()).toBe(calls);
    expect(fake.downloads.length).toBe(downloads);

    const collision = await sendFile(ADMIN, {
      fileName: HANDBOOK,
      bytes: handbook("Friday"),
      caption: "/add",
    });
    expect(collision).toMatch(/already exists.*caption \/add overwrite/s);
    // Nothing half-written or refused was left behind in the documents folder.
    // Temporary upload files start with "."; the corpus's own synonym file is the one dot-file expected.
    expect(
      dataFiles().filter((f) => (f.startsWith(".") && f !== SYNONYM_FILE) || /photo|blank|huge/.test(f)),
    ).toEqual([]);
    expect(await firstQuote()).toMatch(/every Tuesday/);
  });

  it("stops reading a file whose real size is over the limit though it announced less", async () => {
    const lying = await sendFile(ADMIN, {
      fileName: "liar.md",
      bytes: new TextEncoder().encode("word ".repeat(5000)),
      announcedSize: 100,
      caption: "/add",
    });
    expect(lying).toMatch(/"liar\.md" is larger than the limit of 10 kB/);
    expect(dataFiles()).not.toContain("liar.md");
  });

  it("says how to add when /add comes without a file, and hints when a file comes without /add", async () => {
    expect(await say(ADMIN, "/add")).toMatch(
      /send me a \.md, \.txt, \.pdf, \.docx or \.html file with the caption \/add/,
    );
    expect(await sendFile(ADMIN, { fileName: "notes.md", bytes: handbook("Monday") })).toMatch(
      /I only add files captioned \/add/,
    );
    expect(dataFiles()).not.toContain("notes.md");
  });

  it("adds the file a group administrator replies /add to (for a caption the group never delivered)", async () => {
    const file = fake.document(
      GROUP_ADMIN,
      { fileName: "scan.txt", bytes: new Uint8Array([0, 1, 2, 3, 0, 0, 7]) },
      GROUP,
    );
    const result = await outcome(GROUP.id, () =>
      fake.message(GROUP_ADMIN, "/add", GROUP, { reply_to_message: file.message }),
    );
    // The replied-to file was fetched and checked (this one is binary, so it is refused).
    expect(result).toMatch(/"scan\.txt" is not a text file/);
    expect(fake.downloads.at(-1)).toMatch(/scan\.txt$/);
  });

  it("replaces on purpose with /add@bot overwrite from a group administrator", async () => {
    const result = await outcome(GROUP.id, () =>
      fake.document(
        GROUP_ADMIN,
        { fileName: HANDBOOK, bytes: handbook("Sunday"), caption: `/add@${FAKE_BOT.username} overwrite` },
        GROUP,
      ),
    );
    expect(result).toMatch(new RegExp(`^Replaced ${HANDBOOK}\\.`));
    expect(result).toContain(`Changed (1): ${HANDBOOK}`);
    expect(await firstQuote()).toMatch(/every Sunday/);
  });
});

describe("/rollback and /remove", () => {
  it("/rollback restores the previous answers", async () => {
    const result = await say(ADMIN, "/rollback");
    expect(result).toMatch(/^Rolled back to the previous index: 6 documents/);
    expect(result).toContain(`Changed (1): ${HANDBOOK}`);
    expect(await say(READER, QUESTION)).toContain("every Tuesday before sunset");
  });

  it("/remove drops the document, and it is never cited again", async () => {
    expect(await say(ADMIN, `/remove ${HANDBOOK}`)).toMatch(
      new RegExp(`^Removed ${HANDBOOK}\\.\\s+Reindexed 5 documents.*Removed \\(1\\): ${HANDBOOK}`, "s"),
    );
    expect(dataFiles()).not.toContain(HANDBOOK);
    const answer = await say(READER, QUESTION);
    expect(answer).not.toContain("Lighthouse");
    expect((await library.ask(QUESTION)).sources.map((s) => s.file)).not.toContain(HANDBOOK);
    expect(await say(ADMIN, "/remove no-such-file.md")).toMatch(/no-such-file\.md/);
    expect(await say(ADMIN, "/remove")).toMatch(/^Usage: \/remove file-name\.md/);
  });

  it("audits every change with a hashed moderator and nothing for a dry run", async () => {
    expect(await say(ADMIN, "/reindex dry")).toMatch(/^Dry run: 5 documents/);
    expect(await say(ADMIN, "/reindex --dry-run")).toMatch(/^Dry run: 5 documents/);
    expect(await say(ADMIN, "/reindex now please")).toMatch(/^Usage: \/reindex/);
    const events = await readAuditLog(auditPath());
    // One line per change, with what the index became; no separate reindex line.
    expect(events.map((e) => e.action)).toEqual(["add", "replace", "rollback", "remove"]);
    expect(events[3]?.detail).toMatchObject({ applied: true, removed: 1 });
    expect(events[0]).toMatchObject({ platform: "telegram", file: HANDBOOK, label: `User${ADMIN}` });
    expect(events[0]?.userHash).toBeTruthy();
    // The fake names users "User<id>", so leave the label out when looking for the raw id.
    const withoutLabels = events.map(({ label, ...rest }) => rest);
    expect(JSON.stringify(withoutLabels)).not.toContain(String(ADMIN));
  });
});

describe("/add with WATCH_DATA on", () => {
  it("indexes the file once: the watcher recognises the bot's own write and builds nothing", async () => {
    const reports: ReindexReport[] = [];
    let echoed = () => {};
    const echo = new Promise<void>((resolve) => {
      echoed = resolve;
    });
    const stop = await watchDataDir(library, dataDir, {
      logger,
      debounceMs: 50,
      stableMs: 100,
      onReindex: (report) => {
        reports.push(report);
        echoed();
      },
    });
    try {
      const before = library.generation;
      const reply = await sendFile(ADMIN, {
        fileName: "harbour.md",
        bytes: new TextEncoder().encode(
          "# Harbour\n\nThe harbour master rings the bell at every high tide.\n",
        ),
        caption: "/add",
      });
      expect(reply).toContain("Added (1): harbour.md");
      expect(library.generation).toBe(before + 1);
      await echo;
      expect(reports.map((r) => [...r.added, ...r.changed, ...r.removed])).toEqual([[]]);
      expect(library.generation).toBe(before + 1);
      expect((await library.ask("when does the harbour master ring the bell?")).quotes[0]?.text).toMatch(
        /every high tide/,
      );
    } finally {
      await stop();
      // The folder as the tests below expect it.
      await library.removeDocument("harbour.md", async () => fs.rmSync(path.join(dataDir, "harbour.md")));
    }
  });
});

describe("/stats", () => {
  it("lists a question the documents don't cover as a gap", async () => {
    const gap = "how do I repot a cactus in winter?";
    expect(await say(READER, gap)).toContain("The documents don't cover this question.");
    await fake.waitFor(() => usage.stats().gaps.some((g) => /cactus/.test(g.question)));
    const stats = await say(ADMIN, "/stats");
    expect(stats).toMatch(/Most asked, not covered/);
    expect(stats).toMatch(/"how do i repot a cactus in winter\??" ×1/i);
    expect(fake.sent(ADMIN).at(-1)?.payload.entities).toContainEqual(
      expect.objectContaining({ type: "bold" }),
    );
  });
});

describe("without moderation configured", () => {
  let bare: FakeTelegram;
  let bareBot: TelegramHandle;
  beforeAll(async () => {
    bare = await new FakeTelegram().start();
    bareBot = await startTelegram(
      { token: bare.token, apiRoot: bare.apiRoot, adminIds: [ADMIN] },
      { library, logger },
    );
  });
  afterAll(async () => {
    await bareBot?.stop();
    await bare?.close();
  });

  it("says moderation is not configured, and /reindex still re-reads the folder", async () => {
    const ask = async (message: string) => {
      const before = bare.sent(ADMIN).length;
      bare.message(ADMIN, message);
      const reply = await bare.waitFor(() => bare.sent(ADMIN)[before]);
      if (!text(reply).endsWith("…")) return text(reply);
      const edit = await bare.waitForCall(
        (c) => c.method === "editMessageText" && c.payload.message_id === reply.result.message_id,
      );
      return text(edit);
    };
    expect(await ask("/stats")).toMatch(/^Moderation is not configured/);
    expect(await ask("/rollback")).toMatch(/^Moderation is not configured/);
    expect(await ask("/reindex")).toMatch(/^Reindexed 5 documents/);
  });
});

describe("with TELEGRAM_MODERATOR_CHATS set", () => {
  let fenced: FakeTelegram;
  let fencedBot: TelegramHandle;
  beforeAll(async () => {
    fenced = await new FakeTelegram().start();
    fenced.members.set(`${GROUP.id}:${GROUP_ADMIN}`, "administrator");
    const moderation = createModeratorActions({ library, dataDir, maxBytes: MAX_BYTES, stats: usage });
    fencedBot = await startTelegram(
      { token: fenced.token, apiRoot: fenced.apiRoot, adminIds: [ADMIN], moderatorChats: [-100_777] },
      { library, logger, usage, moderation },
    );
  });
  afterAll(async () => {
    await fencedBot?.stop();
    await fenced?.close();
  });

  it("refuses an administrator of a group that is not listed, and says how to allow it", async () => {
    const files = dataFiles();
    const before = fenced.sent(GROUP.id).length;
    fenced.message(GROUP_ADMIN, "/stats", GROUP);
    const reply = await fenced.waitFor(() => fenced.sent(GROUP.id)[before]);
    expect(text(reply)).toBe(
      `Sorry, /stats is not enabled in this group. The operator can allow it by adding this group's id ${GROUP.id} to TELEGRAM_MODERATOR_CHATS.`,
    );
    expect(dataFiles()).toEqual(files);
  });
});
