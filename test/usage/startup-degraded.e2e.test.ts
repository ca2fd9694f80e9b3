import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import Database from "../../src/usage/sqlite.ts";
import { SqliteUsageStore, usageDbPath } from "../../src/usage/usage-store.ts";
import { builtEntry } from "../built-process.ts";
import { FakeTelegram } from "../fakes/telegram-bot-api.ts";

const logger = createLogger("silent");

let dir: string;
let dbPath: string;
let fake: FakeTelegram;
type LogLine = { level: number; msg: string };
let bot:
  | { child: ChildProcess; logLines: () => LogLine[]; answer: (chatId: number) => Promise<unknown> }
  | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-startup-"));
  dbPath = usageDbPath(path.join(dir, "state"));
  fake = await new FakeTelegram().start();
});

afterEach(async () => {
  if (bot && bot.child.exitCode === null) {
    const exited = once(bot.child, "exit");
    bot.child.kill("SIGTERM");
    await exited;
  }
  bot = undefined;
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `npm start` in a real process, as Telegram-only deployment against the fake Bot API. */
function startBot() {
  const child = spawn(process.execPath, builtEntry("main"), {
    env: {
      ...process.env,
      DATA_DIR: "data",
      STATE_DIR: path.join(dir, "state"),
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DISCORD_TOKEN: "",
      TELEGRAM_WEBHOOK_URL: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const logLines = () =>
    stderr
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as LogLine);
  // A bot that stops at start fails the test at once, with its log, rather than at the timeout.
  const died = once(child, "exit").then(([code]) => {
    throw new Error(`the bot exited with code ${code} before answering:\n${stderr}`);
  });
  died.catch(() => {});
  const answer = (chatId: number) => Promise.race([fake.waitFor(() => fake.sent(chatId)[0], 45_000), died]);
  bot = { child, logLines, answer };
  return bot;
}

const errorsIn = (lines: LogLine[]) => lines.filter((l) => l.level >= 50);
const questionsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM questions").pluck().get() as number;
  } finally {
    db.close();
  }
};

describe("npm start with an unusable usage database", () => {
  it("starts and answers while another process keeps the database locked, logging one error", async () => {
    SqliteUsageStore.open({ path: dbPath, logQuestions: true, retentionDays: 30, logger }).close();
    const holder = new Database(dbPath);
    holder.exec("BEGIN EXCLUSIVE");
    holder.exec("INSERT INTO meta VALUES ('held', 'yes')");
    try {
      const { logLines, answer } = startBot();
      fake.message(4201, "does whatsapp read my messages?");
      // The bot first waits out the 5 s busy timeout, then starts without usage recording.
      await answer(4201);
      expect(fake.sent(4201)[0]?.result.text).toMatch(/\[1\]/);
      const errors = errorsIn(logLines());
      expect(errors).toHaveLength(1);
      expect(errors[0]?.msg).toContain(dbPath);
      expect(errors[0]?.msg).toMatch(/locked by another process/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(questionsIn(dbPath)).toBe(0);
  }, 60_000);

  it("moves a corrupt database aside, starts a new one, and records into it", async () => {
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    fs.writeFileSync(dbPath, "not a database at all ".repeat(200));
    const { logLines, answer } = startBot();
    fake.message(4202, "does whatsapp read my messages?");
    await answer(4202);
    await fake.waitFor(() => fs.existsSync(dbPath) && questionsIn(dbPath) === 1);
    const aside = fs.readdirSync(path.dirname(dbPath)).filter((f) => f.includes(".corrupt-"));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(dbPath), aside[0] as string), "utf8")).toMatch(
      /^not a database at all/,
    );
    const errors = errorsIn(logLines());
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toMatch(/is damaged; moved it to .*kept, not deleted/);
  }, 60_000);
});
