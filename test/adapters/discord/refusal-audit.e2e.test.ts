import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/index.ts";
import { createLogger } from "../../../src/logger.ts";
import { AuditLog, readAuditLog } from "../../../src/moderation/audit-log.ts";
import { hashUserId } from "../../../src/usage/user-hash.ts";
import { fakeLibrary } from "../../fakes/discord-library.ts";
import { PERMISSIONS, slashCommand, user } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord, waitUntil } from "../../fakes/discord-server.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const SALT = "refusal-test-salt";

let discord: FakeDiscord;
let bot: { stop(): Promise<void> };
let dir: string;
const auditPath = () => path.join(dir, "audit.jsonl");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-discord-refusals-"));
  const audit = AuditLog.open({ path: auditPath(), logger, hashUser: (p, id) => hashUserId(SALT, p, id) });
  discord = await startFakeDiscord();
  bot = await startDiscord(
    {
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      messageContent: false,
      dms: false,
    },
    { library: fakeLibrary(), logger, audit },
  );
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("refused moderator commands on Discord", () => {
  it("are audited with who (hash and label), which command, and why", async () => {
    const mallory = user("700000000000000123", "mallory");
    const result = discord.interact(
      slashCommand(discord, "reindex", {}, { user: mallory, permissions: PERMISSIONS.member }),
    );
    await waitUntil(() => result.callbacks.length > 0, "the refusal");
    expect(JSON.stringify(result.callbacks[0])).toContain("Manage Server");

    const events = await readAuditLog(auditPath());
    expect(events).toEqual([
      expect.objectContaining({
        platform: "discord",
        action: "refused",
        userHash: hashUserId(SALT, "discord", "700000000000000123"),
        label: "mallory",
        detail: { command: "/reindex", reason: "lacks the Manage Server permission" },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain("700000000000000123");
  });
});
