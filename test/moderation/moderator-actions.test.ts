import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library, LibraryError } from "../../src/core/library.ts";
import { silentLogger } from "../../src/core/types.ts";
import { AuditLog, readAuditLog } from "../../src/moderation/audit-log.ts";
import {
  createModeratorActions,
  isModeratorFacingError,
  type ModeratorActions,
} from "../../src/moderation/moderator-actions.ts";
import { UploadError } from "../../src/moderation/upload-error.ts";
import { emptyStats } from "../../src/usage/usage-stats.ts";

let dir: string;
let library: Library;
let actions: ModeratorActions;
const moderator = { platform: "telegram" as const, user: "4242", label: "Ana" };
const auditPath = () => path.join(dir, "state", "audit.jsonl");
const QUESTION = "when do lighthouse keepers polish the brass lamp?";
const doc = (day: string) =>
  new TextEncoder().encode(
    `# Lighthouse handbook\n\nLighthouse keepers polish the brass lamp every ${day} before sunset.\n`,
  );

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-actions-"));
  const dataDir = path.join(dir, "data");
  fs.cpSync(path.resolve("data"), dataDir, { recursive: true });
  library = await Library.open({ dataDir, snapshotPath: path.join(dir, "state", "index.json") });
  actions = createModeratorActions({
    library,
    dataDir,
    maxBytes: 10_000,
    audit: AuditLog.open({ path: auditPath(), logger: silentLogger }),
    stats: {
      stats: () => ({
        ...emptyStats({ retentionDays: 30, logQuestions: true }),
        questions: { answered: 2, abstained: 1 },
        gaps: [{ question: "how do i reset my iphone", count: 1, lastAsked: "2026-11-22T10:00:00Z" }],
      }),
    },
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("createModeratorActions", () => {
  it("adds a document and answers from it at once, then removes it and never cites it again", async () => {
    const added = await actions.addDocument(moderator, {
      fileName: "Lighthouse Handbook.md",
      bytes: doc("Tuesday"),
    });
    expect(added).toMatchObject({ file: "lighthouse-handbook.md", replaced: false });
    expect(added.report.added).toEqual(["lighthouse-handbook.md"]);
    expect((await library.ask(QUESTION)).quotes[0]?.text).toMatch(/every Tuesday/);

    const removed = await actions.removeDocument(moderator, "lighthouse-handbook.md");
    expect(removed.report.removed).toEqual(["lighthouse-handbook.md"]);
    expect((await library.ask(QUESTION)).answered).toBe(false);
  });

  it("refuses to overwrite a document silently, with a message the moderator can act on", async () => {
    await actions.addDocument(moderator, { fileName: "keepers.md", bytes: doc("Monday") });
    const err = await actions
      .addDocument(moderator, { fileName: "keepers.md", bytes: doc("Friday") })
      .catch((e) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(isModeratorFacingError(err)).toBe(true);
    expect((await library.ask(QUESTION)).quotes[0]?.text).toMatch(/every Monday/);
  });

  it("rolls back to the previous answers and audits who did what", async () => {
    await actions.addDocument(moderator, { fileName: "keepers.md", bytes: doc("Sunday"), overwrite: true });
    expect((await library.ask(QUESTION)).quotes[0]?.text).toMatch(/every Sunday/);
    await actions.rollback(moderator);
    expect((await library.ask(QUESTION)).quotes[0]?.text).toMatch(/every Monday/);
    const events = await readAuditLog(auditPath());
    expect(events.map((e) => e.action)).toEqual([
      "add",
      "reindex",
      "remove",
      "reindex",
      "add",
      "reindex",
      "replace",
      "reindex",
      "rollback",
    ]);
    expect(JSON.stringify(events)).not.toContain("4242");
  });

  it("dry runs change nothing and leave no audit line", async () => {
    const before = (await readAuditLog(auditPath())).length;
    const report = await actions.reindex(moderator, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect((await readAuditLog(auditPath())).length).toBe(before);
  });

  it("renders the usage report as text for one chat message", () => {
    const text = actions.statsText();
    expect(text.length).toBeLessThanOrEqual(1800);
    expect(text).toMatch(/reset my iphone/);
  });

  it("tells moderator-facing errors from internal ones", () => {
    expect(isModeratorFacingError(new LibraryError("no previous index"))).toBe(true);
    expect(isModeratorFacingError(new Error("EACCES /secret/path"))).toBe(false);
  });
});
