import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/core/types.ts";
import { openUsageStore } from "../../src/usage/open-usage-store.ts";
import Database from "../../src/usage/sqlite.ts";
import { SqliteUsageStore, type UsageStoreOptions, usageDbPath } from "../../src/usage/usage-store.ts";

function memoryLogger() {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, errors: () => entries.filter((e) => e.level === "error") };
}

let dir: string;
let dbPath: string;
let log: ReturnType<typeof memoryLogger>;
const options = (extra: Partial<UsageStoreOptions> = {}): UsageStoreOptions => ({
  path: dbPath,
  logQuestions: true,
  retentionDays: 30,
  logger: log.logger,
  ...extra,
});
const ask = (question: string) => ({ platform: "telegram" as const, question, answered: false, sources: [] });
/** Questions in the file, read the way the report does. */
const storedQuestions = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT question FROM questions ORDER BY id").pluck().all();
  } finally {
    db.close();
  }
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-usage-open-"));
  dbPath = usageDbPath(path.join(dir, "state"));
  log = memoryLogger();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("openUsageStore with a database another process has locked", () => {
  it("waits out a lock that another process releases within the busy timeout", async () => {
    SqliteUsageStore.open(options()).close();
    // A real second process: this one's event loop is blocked while SQLite waits for the lock.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("libsql"))(process.argv[1]);
         db.exec("BEGIN EXCLUSIVE"); db.exec("INSERT INTO meta VALUES ('held', 'yes')");
         process.stdout.write("locked\\n");
         setTimeout(() => { db.exec("COMMIT"); db.close(); }, 700);`,
        dbPath,
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = once(holder, "exit");
    await once(holder.stdout, "data");
    const store = openUsageStore(options());
    store.recordQuestion(ask("asked while the report held the lock"));
    store.close();
    await exited;
    expect(log.errors()).toEqual([]);
    expect(storedQuestions()).toEqual(["asked while the report held the lock"]);
  });

  it("starts anyway when the lock stays, logs one error naming the file, and records nothing until restart", () => {
    SqliteUsageStore.open(options()).close();
    const holder = new Database(dbPath);
    holder.exec("BEGIN EXCLUSIVE");
    holder.exec("INSERT INTO meta VALUES ('held', 'yes')");
    const store = openUsageStore(options({ busyTimeoutMs: 100 }));
    holder.exec("COMMIT");
    holder.close();

    store.recordQuestion(ask("asked after the lock went away"));
    store.recordFeedback({ platform: "telegram", vote: "up", question: "x", sources: [] });
    expect(store.stats().error).toMatch(/statistics are off.*restart/i);
    expect(store.hashUser("telegram", "42")).toMatch(/^[0-9a-f]{16}$/);
    store.close();
    expect(storedQuestions()).toEqual([]);
    expect(log.errors()).toHaveLength(1);
    expect(log.errors()[0]?.msg).toContain(dbPath);
    expect(log.errors()[0]?.msg).toMatch(/locked by another process.*records no usage statistics/);

    const restarted = openUsageStore(options());
    restarted.recordQuestion(ask("asked after a restart"));
    restarted.close();
    expect(storedQuestions()).toEqual(["asked after a restart"]);
  });

  it("stops recording with one error when the database becomes locked while running", () => {
    const store = openUsageStore(options({ busyTimeoutMs: 100 }));
    store.recordQuestion(ask("before"));
    const holder = new Database(dbPath);
    holder.exec("BEGIN EXCLUSIVE");
    holder.exec("INSERT INTO meta VALUES ('held', 'yes')");
    store.recordQuestion(ask("during"));
    holder.exec("COMMIT");
    holder.close();
    store.recordQuestion(ask("after"));
    store.close();
    expect(storedQuestions()).toEqual(["before"]);
    expect(log.errors()).toHaveLength(1);
    expect(log.errors()[0]?.msg).toContain(dbPath);
    expect(log.errors()[0]?.msg).toMatch(/recording nothing until citebot restarts/);
  });
});

describe("openUsageStore with a corrupt database", () => {
  const asideFiles = () => fs.readdirSync(path.dirname(dbPath)).filter((f) => f.includes(".corrupt-"));

  it("moves a file that is not a database aside, keeps its bytes, and starts a new one", () => {
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    const garbage = Buffer.from("this is not a database ".repeat(100));
    fs.writeFileSync(dbPath, garbage);
    const store = openUsageStore(options());
    store.recordQuestion(ask("asked after the damage"));
    expect(store.stats().questions.abstained).toBe(1);
    store.close();

    const [aside] = asideFiles();
    expect(aside).toMatch(/^citebot\.sqlite\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(fs.readFileSync(path.join(path.dirname(dbPath), aside as string))).toEqual(garbage);
    expect(storedQuestions()).toEqual(["asked after the damage"]);
    expect(log.errors()).toHaveLength(1);
    expect(log.errors()[0]?.msg).toContain(dbPath);
    expect(log.errors()[0]?.msg).toMatch(/damaged; moved it to .*corrupt-.*kept, not deleted/);
  });

  it("moves aside a database whose pages are damaged though its header is intact", () => {
    const before = SqliteUsageStore.open(options());
    for (let i = 0; i < 200; i++) before.recordQuestion(ask(`question number ${i} `.repeat(20)));
    before.close();
    const bytes = fs.readFileSync(dbPath);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over every page after the first (the header stays valid).
    for (let at = pageSize; at < bytes.length; at += pageSize) bytes.fill(0xa5, at, at + 64);
    fs.writeFileSync(dbPath, bytes);

    const store = openUsageStore(options());
    store.recordQuestion(ask("asked after the damage"));
    store.close();
    expect(asideFiles()).toHaveLength(1);
    expect(storedQuestions()).toEqual(["asked after the damage"]);
    expect(log.errors()).toHaveLength(1);
  });
});
