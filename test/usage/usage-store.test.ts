import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../src/core/types.ts";
import { SCHEMA_VERSION } from "../../src/usage/schema.ts";
import Database from "../../src/usage/sqlite.ts";
import { SqliteUsageStore, type UsageStoreOptions, usageDbPath } from "../../src/usage/usage-store.ts";

const DAY = 86_400_000;
const RAW_USER = "987654321012";

function memoryLogger() {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, entries };
}

let dir: string;
let dbPath: string;
const open = (extra: Partial<UsageStoreOptions> = {}) =>
  SqliteUsageStore.open({
    path: dbPath,
    logQuestions: true,
    retentionDays: 30,
    logger: memoryLogger().logger,
    ...extra,
  });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-usage-"));
  // A nested folder that does not exist yet: open() must create it.
  dbPath = usageDbPath(path.join(dir, "state", "nested"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("SqliteUsageStore.open", () => {
  it("creates the folder and file, in WAL mode, at the current schema version", () => {
    open().close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(3);
    db.close();
  });

  it("refuses a database from a newer citebot with a message saying what to do", () => {
    open().close();
    const db = new Database(dbPath);
    db.pragma("user_version = 99");
    db.close();
    expect(() => open()).toThrow(/newer than this citebot.*Update citebot/);
  });
});

describe("events replayed from the Redis stream", () => {
  it("writes an event with a stream id once, however often it is replayed", () => {
    const store = open();
    const event = {
      platform: "telegram" as const,
      question: "when does the ferry leave?",
      answered: true,
      sources: [],
    };
    store.recordQuestion({ ...event, eventId: "1700000000000-0" });
    store.recordQuestion({ ...event, eventId: "1700000000000-0" });
    store.recordQuestion({ ...event, eventId: "1700000000000-1" });
    store.recordQuestion(event);
    store.recordQuestion(event);
    store.recordFeedback({ ...event, vote: "up", eventId: "1700000000000-2" });
    store.recordFeedback({ ...event, vote: "up", eventId: "1700000000000-2" });
    store.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM questions").pluck().get()).toBe(4);
    expect(db.prepare("SELECT count(*) FROM feedback").pluck().get()).toBe(1);
    db.close();
  });
});

describe("recording and stats across a restart", () => {
  it("keeps feedback and a coverage gap after close and reopen", () => {
    const first = open();
    first.recordQuestion({
      platform: "telegram",
      question: "Does WhatsApp read my messages?",
      answered: true,
      sources: ["whatsapp.md"],
      user: RAW_USER,
    });
    first.recordQuestion({
      platform: "discord",
      question: "How do I delete my X account?",
      answered: false,
      sources: [],
    });
    first.recordQuestion({
      platform: "terminal",
      question: "  how do I DELETE my x account ",
      answered: false,
      sources: [],
    });
    first.recordQuestion({
      platform: "telegram",
      question: "Is the weather nice?",
      answered: false,
      sources: [],
    });
    first.recordFeedback({
      platform: "telegram",
      vote: "down",
      question: "Does WhatsApp read my messages?",
      sources: ["whatsapp.md"],
      user: RAW_USER,
    });
    first.recordFeedback({
      platform: "discord",
      vote: "down",
      question: "does whatsapp read my messages",
      sources: ["whatsapp.md"],
    });
    first.recordFeedback({
      platform: "discord",
      vote: "up",
      question: "Does WhatsApp read my messages?",
      sources: ["whatsapp.md"],
    });
    first.close();

    const second = open();
    const stats = second.stats();
    second.close();
    expect(stats.questions).toEqual({ answered: 1, abstained: 3 });
    expect(stats.feedback).toEqual({ up: 1, down: 2 });
    expect(stats.users).toBe(1);
    // Case, whitespace and punctuation differences group into one gap, shown in its latest wording.
    expect(stats.gaps[0]).toMatchObject({ question: "how do I DELETE my x account", count: 2 });
    expect(stats.gaps).toHaveLength(2);
    expect(stats.disliked).toEqual([
      {
        question: expect.stringMatching(/whatsapp read my messages/i),
        sources: ["whatsapp.md"],
        down: 2,
        up: 1,
      },
    ]);
    expect(stats.topSources).toEqual([{ file: "whatsapp.md", count: 1 }]);
  });

  it("counts an event on the day it happened, though written later (through the Redis stream)", () => {
    const now = Date.parse("2026-11-06T12:00:00Z");
    const store = open({ now: () => now });
    const asked = now - 3 * DAY;
    store.recordQuestion({
      platform: "telegram",
      question: "late?",
      answered: false,
      sources: [],
      at: asked,
    });
    const stats = store.stats({});
    store.close();
    expect(stats.daily).toEqual([{ day: "2026-11-03", answered: 0, abstained: 1 }]);
  });

  it("limits stats to a window and a top length", () => {
    let now = Date.parse("2026-11-01T12:00:00Z");
    const store = open({ now: () => now });
    store.recordQuestion({ platform: "telegram", question: "old gap", answered: false, sources: [] });
    now += 5 * DAY;
    for (const q of ["a?", "b?", "c?"])
      store.recordQuestion({ platform: "telegram", question: q, answered: false, sources: [] });
    const stats = store.stats({ since: new Date(now - DAY), top: 2 });
    store.close();
    expect(stats.questions.abstained).toBe(3);
    expect(stats.gaps).toHaveLength(2);
    expect(stats.gaps.map((g) => g.question)).not.toContain("old gap");
    expect(stats.daily).toEqual([{ day: "2026-11-06", answered: 0, abstained: 3 }]);
  });
});

describe("one community's usage", () => {
  it("counts only that community's questions and votes, and the base's with null", () => {
    const store = open();
    const ask = (question: string, community?: string) =>
      store.recordQuestion({ platform: "telegram", question, answered: false, sources: [], community });
    ask("when is chess?", "telegram:-1001");
    ask("when is chess?", "telegram:-1001");
    ask("where are the books?", "discord:42");
    ask("what is the base?");
    store.recordFeedback({
      platform: "discord",
      vote: "down",
      question: "q",
      sources: ["b.md"],
      community: "discord:42",
    });
    const chess = store.stats({ community: "telegram:-1001" });
    const books = store.stats({ community: "discord:42" });
    const base = store.stats({ community: null });
    const all = store.stats();
    store.close();
    expect(chess.questions.abstained).toBe(2);
    expect(chess.gaps.map((g) => g.question)).toEqual(["when is chess?"]);
    expect(chess.feedback.down).toBe(0);
    expect(books.gaps.map((g) => g.question)).toEqual(["where are the books?"]);
    expect(books.feedback.down).toBe(1);
    expect(base.gaps.map((g) => g.question)).toEqual(["what is the base?"]);
    expect(all.questions.abstained).toBe(4);
  });
});

describe("privacy", () => {
  it("with LOG_QUESTIONS off stores no question text but still counts and votes", () => {
    const store = open({ logQuestions: false });
    store.recordQuestion({
      platform: "telegram",
      question: "secret medical question",
      answered: false,
      sources: [],
    });
    store.recordQuestion({
      platform: "telegram",
      question: "another private thing",
      answered: true,
      sources: ["meta.md"],
    });
    store.recordFeedback({
      platform: "telegram",
      vote: "down",
      question: "another private thing",
      sources: ["meta.md"],
    });
    const stats = store.stats();
    store.close();
    expect(stats.questions).toEqual({ answered: 1, abstained: 1 });
    expect(stats.gaps).toEqual([]);
    expect(stats.disliked).toEqual([{ sources: ["meta.md"], down: 1, up: 0 }]);
    expect(stats.topSources).toEqual([{ file: "meta.md", count: 1 }]);
    const bytes = Buffer.concat(
      fs.readdirSync(path.dirname(dbPath)).map((f) => fs.readFileSync(path.join(path.dirname(dbPath), f))),
    );
    expect(bytes.includes("secret medical")).toBe(false);
    expect(bytes.includes("private thing")).toBe(false);
  });

  it("erases question text kept from before LOG_QUESTIONS was turned off", () => {
    const before = open();
    before.recordQuestion({ platform: "discord", question: "remember me", answered: false, sources: [] });
    before.close();
    const after = open({ logQuestions: false });
    expect(after.stats().gaps).toEqual([]);
    after.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM questions WHERE question IS NOT NULL").pluck().get()).toBe(0);
    db.close();
    // Not even in free pages of the file.
    expect(fs.readFileSync(dbPath).includes("remember me")).toBe(false);
  });

  it("never writes a raw user id to the database files, only a salted hash", () => {
    const store = open();
    store.recordQuestion({
      platform: "telegram",
      question: "hi",
      answered: false,
      sources: [],
      user: RAW_USER,
    });
    store.recordFeedback({ platform: "discord", vote: "up", question: "hi", sources: [], user: RAW_USER });
    const hash = store.hashUser("telegram", RAW_USER);
    store.close(); // checkpoints the WAL into the main file
    const files = fs
      .readdirSync(path.dirname(dbPath))
      .map((f) => fs.readFileSync(path.join(path.dirname(dbPath), f)));
    for (const bytes of files) expect(bytes.includes(RAW_USER)).toBe(false);
    expect(Buffer.concat(files).includes(hash)).toBe(true);
    // Per platform: the same id on another platform is another person.
    expect(hash).not.toBe(open().hashUser("discord", RAW_USER));
  });

  it("keeps the same salt across restarts so a user stays one user", () => {
    const a = open();
    const hash = a.hashUser("telegram", RAW_USER);
    a.close();
    const b = open();
    expect(b.hashUser("telegram", RAW_USER)).toBe(hash);
    b.close();
  });
});

describe("retention", () => {
  it("purges rows older than retentionDays on open", () => {
    const then = Date.parse("2026-01-01T00:00:00Z");
    const old = open({ now: () => then });
    old.recordQuestion({ platform: "telegram", question: "ancient", answered: false, sources: [] });
    old.recordFeedback({ platform: "telegram", vote: "down", question: "ancient", sources: [] });
    old.close();
    const recent = open({ now: () => then + 10 * DAY, retentionDays: 30 });
    recent.recordQuestion({ platform: "telegram", question: "fresh", answered: false, sources: [] });
    recent.close();

    const later = open({ now: () => then + 35 * DAY, retentionDays: 30 });
    const stats = later.stats();
    later.close();
    expect(stats.gaps.map((g) => g.question)).toEqual(["fresh"]);
    expect(stats.feedback).toEqual({ up: 0, down: 0 });
    expect(fs.readFileSync(dbPath).includes("ancient")).toBe(false);
  });
});

describe("daily purge while running", () => {
  afterEach(() => vi.useRealTimers());

  it("purges once a day without a restart, and stops on close", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let now = Date.parse("2026-03-01T00:00:00Z");
    const store = open({ now: () => now, retentionDays: 2 });
    store.recordQuestion({ platform: "telegram", question: "short-lived", answered: false, sources: [] });
    now += 3 * DAY;
    expect(store.stats().gaps).toHaveLength(1);
    vi.advanceTimersByTime(DAY);
    expect(store.stats().gaps).toHaveLength(0);
    store.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("never throws into an adapter", () => {
  it("logs and drops events after close, and bad input", () => {
    const { logger, entries } = memoryLogger();
    const store = open({ logger });
    store.recordFeedback({ platform: "telegram", vote: "sideways" as "up", question: "x", sources: [] });
    store.recordQuestion({
      platform: "telegram",
      question: undefined as unknown as string,
      answered: true,
      sources: null as unknown as string[],
    });
    store.close();
    expect(() =>
      store.recordQuestion({ platform: "telegram", question: "late", answered: true, sources: [] }),
    ).not.toThrow();
    expect(() => store.close()).not.toThrow();
    expect(entries.some((e) => e.level === "error" && e.msg?.includes("could not record"))).toBe(true);
    expect(entries.some((e) => e.level === "warn" && e.msg?.includes("closed"))).toBe(true);
  });

  it("returns stats with an error message instead of throwing", () => {
    const store = open();
    store.close();
    const stats = store.stats();
    expect(stats.error).toMatch(/could not be read/);
    expect(stats.questions).toEqual({ answered: 0, abstained: 0 });
  });
});

describe("a damaged database file", () => {
  it("fails to open with a message saying what to do", () => {
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    fs.writeFileSync(dbPath, "this is not a database ".repeat(100));
    expect(() => open()).toThrow(/usage database .* is damaged.*Move the damaged file aside/);
  });
});
