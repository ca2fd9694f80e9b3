import fs from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library, LibraryError } from "../../src/core/library.ts";
import type { ReindexReport } from "../../src/core/types.ts";
import { silentLogger } from "../../src/core/types.ts";
import { watchDataDir } from "../../src/core/watch.ts";
import { AuditLog } from "../../src/moderation/audit-log.ts";
import {
  auditWatchedChanges,
  createModeratorActions,
  type ModeratorActions,
} from "../../src/moderation/moderator-actions.ts";
import { LIGHTHOUSE_QUESTION, lighthouseDoc, moderationFixture } from "./library-fixture.ts";

// A document change is indexed once, by the library, whichever way it came.
let dir: string;
let dataDir: string;
let stateDir: string;
let library: Library;
let actions: ModeratorActions;
let audit: AuditLog;
let stopWatching: (() => Promise<void>) | undefined;
const moderator = { platform: "discord" as const, user: "7", label: "mod" };
const FERRY_QUESTION = "when does the last ferry leave?";

beforeEach(async () => {
  ({ dir, dataDir, stateDir } = moderationFixture("changes"));
  library = await Library.open({ dataDir, snapshotPath: path.join(stateDir, "index.json") });
  audit = AuditLog.open({ path: path.join(stateDir, "audit.jsonl"), logger: silentLogger });
  actions = createModeratorActions({ library, dataDir, maxBytes: 100_000, audit });
});
afterEach(async () => {
  await stopWatching?.();
  stopWatching = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the watcher; `next()` resolves with the report of its next settled batch of changes. */
async function watch(): Promise<{ next: () => Promise<ReindexReport> }> {
  const waiting: ((r: ReindexReport) => void)[] = [];
  const reports: ReindexReport[] = [];
  // As npm start wires it: what the watcher indexes goes in the audit log.
  const audited = auditWatchedChanges(audit);
  stopWatching = await watchDataDir(library, dataDir, {
    logger: silentLogger,
    debounceMs: 50,
    stableMs: 100,
    onReindex: async (report) => {
      await audited(report);
      const resolve = waiting.shift();
      if (resolve) resolve(report);
      else reports.push(report);
    },
  });
  return {
    next: () => {
      const ready = reports.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const changes = (r: ReindexReport) => [...r.added, ...r.changed, ...r.removed];

describe("a moderator's change with WATCH_DATA on", () => {
  it("is indexed once: the watcher sees the library's own write and builds nothing", async () => {
    const watcher = await watch();
    const before = library.generation;

    const added = await actions.addDocument(moderator, {
      fileName: "lighthouse.md",
      bytes: lighthouseDoc("Tuesday"),
    });
    expect(added.report.added).toEqual(["lighthouse.md"]);
    expect(library.generation).toBe(before + 1);
    expect((await library.ask(LIGHTHOUSE_QUESTION)).quotes[0]?.text).toMatch(/every Tuesday/);
    const echo = await watcher.next();
    expect(changes(echo)).toEqual([]);
    expect(library.generation).toBe(before + 1);

    await actions.removeDocument(moderator, "lighthouse.md");
    expect(library.generation).toBe(before + 2);
    expect(changes(await watcher.next())).toEqual([]);
    expect(library.generation).toBe(before + 2);
    expect((await library.ask(LIGHTHOUSE_QUESTION)).answered).toBe(false);

    // An edit by hand is still the watcher's to index, once.
    await writeFile(path.join(dataDir, "bees.md"), "Beekeepers check each hive for the queen every day.\n");
    expect((await watcher.next()).changed).toEqual(["bees.md"]);
    expect(library.generation).toBe(before + 3);
    // One line per change: the moderator's two, and the watcher's one; nothing for the echoes.
    expect((await audit.read()).map((e) => `${e.action} ${e.file} ${e.label}`)).toEqual([
      "add lighthouse.md mod",
      "remove lighthouse.md mod",
      "replace bees.md WATCH_DATA",
    ]);
  });
});

describe("Library.addDocument", () => {
  it("reads only the document it was given, not the rest of the folder", async () => {
    await writeFile(path.join(dataDir, "behind-its-back.md"), "Nobody told the library about this note.\n");
    const report = await library.addDocument("lighthouse.md", () =>
      writeFile(path.join(dataDir, "lighthouse.md"), lighthouseDoc("Monday")),
    );
    expect(report).toMatchObject({ added: ["lighthouse.md"], changed: [], removed: [], unchanged: 2 });
    expect(library.documents().map((d) => d.file)).not.toContain("behind-its-back.md");
  });

  it("runs two changes one after the other, each seeing the one before", async () => {
    const order: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = library.addDocument("lighthouse.md", async () => {
      order.push("first write starts");
      await gate;
      await writeFile(path.join(dataDir, "lighthouse.md"), lighthouseDoc("Sunday"));
      order.push("first write ends");
    });
    const second = library.addDocument("tides.md", async () => {
      order.push("second write starts");
      await writeFile(path.join(dataDir, "tides.md"), "High tide reaches the harbour wall at noon.\n");
    });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(order).toEqual(["first write starts", "first write ends", "second write starts"]);
    expect([a.documents, b.documents]).toEqual([3, 4]);
    expect((await library.ask(LIGHTHOUSE_QUESTION)).quotes[0]?.text).toMatch(/every Sunday/);
    expect((await library.ask("when does high tide reach the harbour wall?")).quotes[0]?.text).toMatch(
      /noon/,
    );
  });

  it("keeps the old index answering when the write fails", async () => {
    const before = library.generation;
    await expect(
      library.addDocument("ferries.md", async () => {
        throw new Error("ENOSPC: no space left on device");
      }),
    ).rejects.toThrow(/ENOSPC/);
    expect(library.generation).toBe(before);
    expect((await library.ask(FERRY_QUESTION)).quotes[0]?.text).toMatch(/late train/);
  });

  it("keeps the previous version answering when the new one cannot be indexed, and says why", async () => {
    const report = await library.addDocument("ferries.md", () =>
      writeFile(path.join(dataDir, "ferries.md"), "---\ntitle: Ferries\n---\n"),
    );
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      {
        file: "ferries.md",
        reason: expect.stringMatching(/empty document.*previous version is still indexed/),
      },
    ]);
    expect((await library.ask(FERRY_QUESTION)).quotes[0]?.text).toMatch(/late train/);
    expect((await library.ask("do bees fly in strong gusts?")).answered).toBe(true);
  });

  it("saves the change in the snapshot, and a rollback undoes it", async () => {
    await library.addDocument("lighthouse.md", () =>
      writeFile(path.join(dataDir, "lighthouse.md"), lighthouseDoc("Friday")),
    );
    const reopened = await Library.open({
      dataDir,
      snapshotPath: path.join(stateDir, "index.json"),
      reindexOnOpen: false,
    });
    expect((await reopened.ask(LIGHTHOUSE_QUESTION)).quotes[0]?.text).toMatch(/every Friday/);
    await library.rollback();
    expect((await library.ask(LIGHTHOUSE_QUESTION)).answered).toBe(false);
  });

  it("answers after a series of changes as a library opened afresh on the folder does", async () => {
    await library.addDocument("lighthouse.md", () =>
      writeFile(path.join(dataDir, "lighthouse.md"), lighthouseDoc("Monday")),
    );
    await library.addDocument("ferries.md", () =>
      writeFile(path.join(dataDir, "ferries.md"), "The last ferry of the night leaves at eleven.\n"),
    );
    await library.removeDocument("bees.md", async () => fs.rmSync(path.join(dataDir, "bees.md")));
    const fresh = await Library.open({ dataDir });
    for (const question of [LIGHTHOUSE_QUESTION, FERRY_QUESTION, "do bees fly in strong gusts?"]) {
      const quotes = async (l: Library) => (await l.ask(question)).quotes.map((q) => q.text);
      expect(await quotes(library)).toEqual(await quotes(fresh));
    }
    expect((await library.ask(FERRY_QUESTION)).quotes[0]?.text).toMatch(/eleven/);
  });

  it("refuses a path that leads out of DATA_DIR", async () => {
    await expect(library.addDocument("../outside.md")).rejects.toBeInstanceOf(LibraryError);
  });
});

describe("Library.removeDocument", () => {
  it("drops the document's passages and nothing else", async () => {
    const report = await library.removeDocument("ferries.md", async () =>
      fs.rmSync(path.join(dataDir, "ferries.md")),
    );
    expect(report).toMatchObject({ removed: ["ferries.md"], unchanged: 1, documents: 1, applied: true });
    expect((await library.ask(FERRY_QUESTION)).answered).toBe(false);
    expect((await library.ask("do bees fly in strong gusts?")).answered).toBe(true);
  });
});
