import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ReindexReport, silentLogger } from "../../src/core/types.ts";
import { AuditLog } from "../../src/moderation/audit-log.ts";
import {
  addDocument,
  type DocumentCommandDeps,
  deleteDocument,
  precheckUpload,
  recordReindex,
} from "../../src/moderation/document-commands.ts";
import { UploadError } from "../../src/moderation/upload.ts";

let dir: string;
let deps: DocumentCommandDeps & { audit: AuditLog };
const admin = { platform: "telegram" as const, user: "4242424242", label: "admin" };
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-commands-"));
  deps = {
    dataDir: path.join(dir, "data"),
    maxBytes: 1000,
    audit: AuditLog.open({
      path: path.join(dir, "state", "audit.jsonl"),
      logger: silentLogger,
      hashUser: () => "hashed",
    }),
  };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("addDocument and deleteDocument", () => {
  it("writes, replaces and removes a document, leaving an audit line for each", async () => {
    expect(await addDocument(deps, admin, { fileName: "My FAQ.md", bytes: utf8("# FAQ\n") })).toEqual({
      file: "my-faq.md",
      replaced: false,
    });
    await expect(
      addDocument(deps, admin, { fileName: "my faq.md", bytes: utf8("# v2\n") }),
    ).rejects.toMatchObject({
      code: "exists",
    });
    expect(
      await addDocument(deps, admin, { fileName: "my faq.md", bytes: utf8("# v2\n"), overwrite: true }),
    ).toEqual({ file: "my-faq.md", replaced: true });
    expect(await deleteDocument(deps, admin, "my-faq.md")).toEqual({ file: "my-faq.md" });
    const events = await deps.audit.read();
    expect(events.map((e) => `${e.action} ${e.file}`)).toEqual([
      "add my-faq.md",
      "replace my-faq.md",
      "remove my-faq.md",
    ]);
    expect(events[0]).toMatchObject({ userHash: "hashed", label: "admin", platform: "telegram" });
    expect(fs.readFileSync(path.join(dir, "state", "audit.jsonl"), "utf8")).not.toContain(admin.user);
  });

  it("records nothing when the upload is refused", async () => {
    await expect(
      addDocument(deps, admin, { fileName: "x.md", bytes: new Uint8Array(2000) }),
    ).rejects.toBeInstanceOf(UploadError);
    expect(await deps.audit.read()).toEqual([]);
  });
});

describe("precheckUpload", () => {
  it("refuses by announced size and type before any download", () => {
    expect(precheckUpload("Notes.TXT", 10, { maxBytes: 1000 })).toBe("notes.txt");
    expect(() => precheckUpload("big.md", 3_200_000, { maxBytes: 1_000_000 })).toThrow(
      '"big.md" is 3.2 MB; the limit is 1 MB (UPLOAD_MAX_BYTES)',
    );
    expect(() => precheckUpload("a.pptx", 10, { maxBytes: 1000 })).toThrow(
      /only \.md, \.txt, \.pdf, \.docx and \.html/,
    );
  });
});

describe("recordReindex", () => {
  const report: ReindexReport = {
    added: ["a.md"],
    changed: [],
    removed: [],
    unchanged: 4,
    documents: 5,
    passages: 120,
    errors: [],
    applied: true,
    dryRun: false,
    durationMs: 30,
  };

  it("records reindexes and rollbacks with their counts, but not dry runs", async () => {
    await recordReindex(deps, admin, report);
    await recordReindex(deps, admin, { ...report, dryRun: true });
    await recordReindex(deps, admin, report, "rollback");
    const events = await deps.audit.read();
    expect(events.map((e) => e.action)).toEqual(["reindex", "rollback"]);
    expect(events[0]?.detail).toMatchObject({ documents: 5, passages: 120, added: 1, applied: true });
  });
});
