import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { silentLogger } from "../../src/core/types.ts";
import { AuditLog } from "../../src/moderation/audit-log.ts";
import { addDocument, deleteDocument, recordReindex } from "../../src/moderation/document-commands.ts";

// The /add → reindex → ask → /remove round trip a moderator performs, over the real core.
let dir: string;
let library: Library;
let deps: Parameters<typeof addDocument>[0] & { audit: AuditLog };
const moderator = { platform: "discord" as const, label: "mod" };
const DOC = `---
title: Citebot moderation handbook
---
# Handbook

Lighthouse keepers polish the brass lamp every Tuesday before sunset.
`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-e2e-moderation-"));
  const dataDir = path.join(dir, "data");
  fs.cpSync(path.resolve(import.meta.dirname, "../../data"), dataDir, { recursive: true });
  deps = {
    dataDir,
    maxBytes: 1_000_000,
    audit: AuditLog.open({ path: path.join(dir, "state", "audit.jsonl"), logger: silentLogger }),
  };
  library = await Library.open({ dataDir, snapshotPath: path.join(dir, "state", "index.json") });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a moderator adds, then removes, a document", () => {
  it("answers from the added document after a reindex, and stops after removal", async () => {
    const question = "when do lighthouse keepers polish the brass lamp?";
    expect((await library.ask(question)).answered).toBe(false);

    const { file } = await addDocument(deps, moderator, {
      fileName: "Moderation Handbook.md",
      bytes: new TextEncoder().encode(DOC),
    });
    const added = await library.reindex();
    await recordReindex(deps, moderator, added);
    expect(added.added).toEqual([file]);
    const answer = await library.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toContain("polish the brass lamp every Tuesday");
    expect(answer.sources.map((s) => s.file)).toContain("moderation-handbook.md");

    await deleteDocument(deps, moderator, "moderation-handbook.md");
    const removed = await library.reindex();
    expect(removed.removed).toEqual([file]);
    expect((await library.ask(question)).sources.map((s) => s.file)).not.toContain("moderation-handbook.md");
    expect((await deps.audit.read()).map((e) => e.action)).toEqual(["add", "reindex", "remove"]);
  });
});
