import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { AuditLog, readAuditLog } from "../../../src/moderation/audit-log.ts";
import { hashUserId } from "../../../src/usage/user-hash.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const SALT = "refusal-test-salt";
const ADMIN = 5101;
const STRANGER = 6101;
const MEMBER = 6102;
const GROUP = { id: -100_555, type: "supergroup" as const };
const FENCED = { id: -100_556, type: "supergroup" as const };

let dir: string;
let fake: FakeTelegram;
let telegram: TelegramHandle;
const auditPath = () => path.join(dir, "audit.jsonl");

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-telegram-refusals-"));
  const audit = AuditLog.open({ path: auditPath(), logger, hashUser: (p, id) => hashUserId(SALT, p, id) });
  fake = await new FakeTelegram().start();
  fake.members.set(`${FENCED.id}:${MEMBER}`, "administrator");
  telegram = await startTelegram(
    { token: fake.token, apiRoot: fake.apiRoot, adminIds: [ADMIN], moderatorChats: [GROUP.id] },
    { library: fakeLibrary(), logger, audit },
  );
});

afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Sends `text` and waits for the bot's reply, which comes after the audit line is written. */
async function refused(user: number, text: string, chat?: typeof GROUP): Promise<string> {
  const chatId = chat?.id ?? user;
  const before = fake.sent(chatId).length;
  fake.message(user, text, chat);
  return (await fake.waitFor(() => fake.sent(chatId)[before])).result.text;
}

describe("refused moderator commands on Telegram", () => {
  it("are audited with who (hash and label), which command, and why", async () => {
    expect(await refused(STRANGER, "/reindex")).toMatch(/^Sorry, only citebot's moderators/);
    expect(await refused(MEMBER, "/stats", GROUP)).toMatch(/^Sorry, only this group's administrators/);
    expect(await refused(MEMBER, "/rollback", FENCED)).toMatch(/is not enabled in this group/);

    const events = await readAuditLog(auditPath());
    expect(events).toEqual([
      expect.objectContaining({
        platform: "telegram",
        action: "refused",
        userHash: hashUserId(SALT, "telegram", String(STRANGER)),
        label: `User${STRANGER}`,
        detail: { command: "/reindex", reason: expect.stringContaining("TELEGRAM_ADMIN_IDS") },
      }),
      expect.objectContaining({
        action: "refused",
        userHash: hashUserId(SALT, "telegram", String(MEMBER)),
        detail: { command: "/stats", reason: expect.stringContaining("not an administrator") },
      }),
      expect.objectContaining({
        action: "refused",
        detail: { command: "/rollback", reason: expect.stringContaining("TELEGRAM_MODERATOR_CHATS") },
      }),
    ]);
    // Ids appear only hashed (the fake's display names contain them, so leave labels out).
    expect(JSON.stringify(events.map(({ label, ...rest }) => rest))).not.toMatch(/6101|6102/);
  });
});
