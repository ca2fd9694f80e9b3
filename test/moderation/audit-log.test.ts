import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/types.ts";
import { AUDIT_LOG_FILE, AuditLog, readAuditLog } from "../../src/moderation/audit-log.ts";

let dir: string;
let file: string;
const RAW_USER = "55501234567";
const hashUser = (platform: string, id: string) => `h-${platform}-${id.length}`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-audit-"));
  file = path.join(dir, "state", AUDIT_LOG_FILE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("AuditLog.record", () => {
  it("appends one JSON line per event, in call order, with the user id only hashed", async () => {
    const audit = AuditLog.open({ path: file, logger: silentLogger, hashUser });
    const writes = [
      audit.record({ platform: "telegram", user: RAW_USER, action: "add", file: "faq.md" }),
      audit.record({ platform: "discord", label: "@alice", action: "remove", file: "news/old.md" }),
      audit.record({ platform: "terminal", action: "reindex", detail: { documents: 5, passages: 120 } }),
    ];
    expect(await Promise.all(writes)).toEqual([true, true, true]);
    const text = fs.readFileSync(file, "utf8");
    expect(text.trim().split("\n")).toHaveLength(3);
    expect(text).not.toContain(RAW_USER);
    const events = await audit.read();
    expect(events.map((e) => e.action)).toEqual(["add", "remove", "reindex"]);
    expect(events[0]).toMatchObject({ platform: "telegram", userHash: "h-telegram-11", file: "faq.md" });
    expect(events[1]).toMatchObject({ label: "@alice" });
    expect(events[2]?.detail).toEqual({ documents: 5, passages: 120 });
  });

  it("drops a raw id when no hasher is given", async () => {
    const audit = AuditLog.open({ path: file, logger: silentLogger });
    await audit.record({ platform: "telegram", user: RAW_USER, action: "rollback" });
    expect(fs.readFileSync(file, "utf8")).not.toContain(RAW_USER);
  });

  it("resolves false and logs instead of throwing when it cannot write", async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_: object, msg?: string) => void errors.push(msg ?? "") };
    fs.writeFileSync(path.join(dir, "state"), "a file where the folder should be");
    const audit = AuditLog.open({ path: file, logger });
    expect(await audit.record({ platform: "discord", action: "add", file: "x.md" })).toBe(false);
    expect(errors).toEqual(["audit: could not append event"]);
  });
});

describe("readAuditLog", () => {
  it("is empty when the log does not exist yet", async () => {
    expect(await readAuditLog(file)).toEqual([]);
  });

  it("skips a torn last line and filters by time and count", async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const line = (at: string, action: string) => JSON.stringify({ at, platform: "telegram", action });
    fs.writeFileSync(
      file,
      `${line("2026-11-01T00:00:00.000Z", "add")}\n${line("2026-11-10T00:00:00.000Z", "remove")}\n${line("2026-11-11T00:00:00.000Z", "reindex")}\n{"at":"2026-11-12`,
    );
    expect((await readAuditLog(file)).map((e) => e.action)).toEqual(["add", "remove", "reindex"]);
    expect((await readAuditLog(file, { since: new Date("2026-11-05") })).map((e) => e.action)).toEqual([
      "remove",
      "reindex",
    ]);
    expect((await readAuditLog(file, { limit: 1 })).map((e) => e.action)).toEqual(["reindex"]);
    expect(await readAuditLog(file, { limit: 0 })).toEqual([]);
  });
});
