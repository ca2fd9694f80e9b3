import fs from "node:fs";
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
import { LIGHTHOUSE_QUESTION, lighthouseDoc, moderationFixture } from "./library-fixture.ts";

let dir: string;
let library: Library;
let actions: ModeratorActions;
const moderator = { platform: "telegram" as const, user: "4242", label: "Ana" };
const auditPath = () => path.join(dir, "state", "audit.jsonl");
const QUESTION = LIGHTHOUSE_QUESTION;
const doc = lighthouseDoc;

beforeAll(async () => {
  const fixture = moderationFixture("actions");
  dir = fixture.dir;
  const { dataDir } = fixture;
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
    // One line per action: the change and what the index became, no separate reindex.
    expect(events.map((e) => `${e.action} ${e.file ?? ""}`.trim())).toEqual([
      "add lighthouse-handbook.md",
      "remove lighthouse-handbook.md",
      "add keepers.md",
      "replace keepers.md",
      "rollback",
    ]);
    expect(events[0]).toMatchObject({ label: "Ana", platform: "telegram" });
    expect(events[0]?.detail).toMatchObject({ applied: true, documents: 3, added: 1, errors: 0 });
    expect(JSON.stringify(events)).not.toContain("4242");
  });

  it("records nothing and changes nothing when an upload is refused", async () => {
    const before = (await readAuditLog(auditPath())).length;
    const generation = library.generation;
    await expect(
      actions.addDocument(moderator, { fileName: "x.md", bytes: new Uint8Array(20_000) }),
    ).rejects.toMatchObject({ code: "size" });
    await expect(actions.removeDocument(moderator, "nothing-here.md")).rejects.toMatchObject({
      code: "missing",
    });
    expect((await readAuditLog(auditPath())).length).toBe(before);
    expect(library.generation).toBe(generation);
  });

  it("refuses by announced size and type before any download", () => {
    expect(actions.precheckUpload("Notes.TXT", 10)).toBe("notes.txt");
    expect(() => actions.precheckUpload("big.md", 32_000)).toThrow(
      '"big.md" is 32 kB; the limit is 10 kB (UPLOAD_MAX_BYTES)',
    );
    expect(() => actions.precheckUpload("a.pptx", 10)).toThrow(/only \.md, \.txt, \.pdf, \.docx and \.html/);
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
