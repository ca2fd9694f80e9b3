import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/types.ts";
import { AUDIT_LOG_FILE, AuditLog } from "../../src/moderation/audit-log.ts";
import { SqliteUsageStore, usageDbPath } from "../../src/usage/usage-store.ts";
import { builtEntry } from "../built-process.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const EVIL = `<img src=x onerror="alert(1)"> & friends`;

let dir: string;
const report = (stateDir: string, ...args: string[]) =>
  run(process.execPath, builtEntry("cli/report", ...args), {
    cwd: root,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      STATE_DIR: stateDir,
      LOG_QUESTIONS: "true",
      LOG_LEVEL: "warn",
    },
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-report-"));
  const stateDir = path.join(dir, "state");
  const usage = SqliteUsageStore.open({
    path: usageDbPath(stateDir),
    logQuestions: true,
    retentionDays: 30,
    logger: silentLogger,
  });
  usage.recordQuestion({
    platform: "telegram",
    question: "Does WhatsApp read my messages?",
    answered: true,
    sources: ["whatsapp.md"],
  });
  usage.recordQuestion({ platform: "discord", question: EVIL, answered: false, sources: [] });
  usage.recordQuestion({
    platform: "discord",
    question: "How do I delete my X account?",
    answered: false,
    sources: [],
  });
  usage.recordFeedback({
    platform: "telegram",
    vote: "down",
    question: "Does WhatsApp read my messages?",
    sources: ["whatsapp.md"],
  });
  usage.recordQuestion({
    platform: "telegram",
    question: "When does the chess club meet?",
    answered: false,
    sources: [],
    community: "telegram:-100123",
  });
  usage.close();
  const audit = AuditLog.open({ path: path.join(stateDir, AUDIT_LOG_FILE), logger: silentLogger });
  await audit.record({ platform: "telegram", label: "admin", action: "add", file: "faq.md" });
  await audit.record({
    platform: "telegram",
    label: "chess admin",
    action: "add",
    file: "chess.md",
    community: "telegram:-100123",
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run report", () => {
  it("prints the usage report on stdout", async () => {
    const { stdout } = await report(path.join(dir, "state"));
    expect(stdout).toContain("Questions: 4 (1 answered, 3 not covered by the documents, 75%)");
    expect(stdout).toContain('"How do I delete my X account?" ×1');
    expect(stdout).toContain('"Does WhatsApp read my messages?": 1 👎, 0 👍');
    expect(stdout).toContain("1. whatsapp.md (1)");
    expect(stdout).toMatch(/add faq\.md by admin \(telegram\)/);
  });

  it("reports one community's questions and document changes with --library", async () => {
    const { stdout } = await report(path.join(dir, "state"), "--library", "telegram:-100123");
    expect(stdout).toContain("Questions: 1 (0 answered, 1 not covered by the documents, 100%)");
    expect(stdout).toContain('"When does the chess club meet?" ×1');
    expect(stdout).toMatch(/add chess\.md by chess admin/);
    expect(stdout).not.toMatch(/WhatsApp|faq\.md/);
    const base = await report(path.join(dir, "state"), "--library", "base");
    expect(base.stdout).toContain("Questions: 3");
    expect(base.stdout).not.toMatch(/chess/);
  });

  it("writes a standalone HTML page with escaped content and an inline SVG chart", async () => {
    const out = path.join(dir, "out", "report.html");
    const { stdout } = await report(path.join(dir, "state"), "--html", out, "--days", "7");
    expect(stdout).toContain(`Wrote the HTML report to ${out}`);
    const html = fs.readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg ");
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; friends");
    expect(html).toContain("whatsapp.md");
  });

  it("says plainly when there is no database yet, and creates nothing", async () => {
    const empty = path.join(dir, "never-started");
    const { stdout } = await report(empty);
    expect(stdout).toMatch(/No usage data yet: .*citebot\.sqlite does not exist/);
    expect(fs.existsSync(empty)).toBe(false);
  });

  it("rejects a bad --days with the usage text", async () => {
    const err = await report(path.join(dir, "state"), "--days", "soon").catch((e: unknown) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toMatch(
      /--days must be a positive whole number[\s\S]*Usage: npm run report/,
    );
  });
});
