import { cp, mkdir, mkdtemp, readdir, readFile, rm, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { loadSnapshot, previousSnapshotPath, SNAPSHOT_FORMAT } from "../../src/core/snapshot.ts";
import type { Logger } from "../../src/core/types.ts";

let dir: string;
let dataDir: string;
let snapshotPath: string;
const warnings: string[] = [];
const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_o, msg) => warnings.push(msg ?? "") };

const RIVER =
  "---\ntitle: River News\npublisher: Example News\n---\nThe river rose by two metres overnight, flooding the old town.\n";
const BRIDGE =
  "---\ntitle: Bridge News\n---\nThe old stone bridge was closed to traffic after engineers found deep cracks.\n";

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-lib-"));
  dataDir = path.join(dir, "data");
  snapshotPath = path.join(dir, "state", "index.json");
  await cp(path.resolve("data"), dataDir, { recursive: true });
  await writeFile(path.join(dataDir, "river.md"), RIVER);
  warnings.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => Library.open({ dataDir, snapshotPath, logger });
const cites = async (library: Library, question: string, file: string) =>
  (await library.ask(question)).sources.some((s) => s.file === file);

describe("Library.open", () => {
  it("builds, saves a snapshot, and loads it next time without re-reading unchanged files", async () => {
    const first = await open();
    expect(first.size.documents).toBe(6);
    const snapshot = await loadSnapshot(snapshotPath);
    expect(snapshot?.format).toBe(SNAPSHOT_FORMAT);
    expect(snapshot?.documents.map((d) => d.file)).toContain("river.md");
    const second = await open();
    expect((await second.ask("Did the river flood the town?")).quotes[0]?.text).toBe(
      "The river rose by two metres overnight, flooding the old town.",
    );
  });

  it("rebuilds from the documents, with a warning, when the snapshot is corrupt", async () => {
    await open();
    await writeFile(snapshotPath, '{"format": 1, "documents": [trunc');
    const library = await open();
    expect(warnings.join("\n")).toMatch(/corrupt.*rebuilding/);
    expect(await cites(library, "Did the river flood the town?", "river.md")).toBe(true);
    expect((await loadSnapshot(snapshotPath))?.format).toBe(SNAPSHOT_FORMAT);
  });

  it("rebuilds, with a warning, when the snapshot was written by another format version", async () => {
    await open();
    const snapshot = JSON.parse(await readFile(snapshotPath, "utf8"));
    await writeFile(snapshotPath, JSON.stringify({ ...snapshot, format: SNAPSHOT_FORMAT - 1 }));
    const library = await open();
    expect(warnings.join("\n")).toMatch(new RegExp(`format ${SNAPSHOT_FORMAT - 1}.*rebuilding`));
    expect(await cites(library, "Did the river flood the town?", "river.md")).toBe(true);
    expect((await loadSnapshot(snapshotPath))?.format).toBe(SNAPSHOT_FORMAT);
  });

  it("survives a crash between writing the temp file and renaming it", async () => {
    await open();
    const before = await readFile(snapshotPath, "utf8");
    // A crashed save leaves a half-written temp file beside an intact snapshot.
    await writeFile(`${snapshotPath}.tmp-999-dead`, before.slice(0, 100));
    const library = await open();
    expect(await cites(library, "Did the river flood the town?", "river.md")).toBe(true);
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    await library.reindex();
    const leftovers = (await readdir(path.dirname(snapshotPath))).filter((f) => f.includes(".tmp-"));
    expect(leftovers).toEqual([]);
  });

  it("notices documents that changed while it was stopped", async () => {
    await open();
    await writeFile(path.join(dataDir, "river.md"), RIVER.replace("two metres", "three metres"));
    await utimes(path.join(dataDir, "river.md"), new Date(), new Date(Date.now() + 5000));
    const library = await open();
    expect((await library.ask("Did the river flood the town?")).quotes[0]?.text).toMatch(/three metres/);
  });
});

describe("Library.reindex", () => {
  it("reports added, changed and removed files and stops citing removed ones at once", async () => {
    const library = await open();
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    await writeFile(path.join(dataDir, "river.md"), RIVER.replace("old town", "old harbour town"));
    await unlink(path.join(dataDir, "x-gathers-more-user-data-for-ai.md"));
    const report = await library.reindex();
    expect(report).toMatchObject({
      added: ["bridge.md"],
      changed: ["river.md"],
      removed: ["x-gathers-more-user-data-for-ai.md"],
      unchanged: 4,
      documents: 6,
      applied: true,
      dryRun: false,
      errors: [],
    });
    expect(await cites(library, "Will X suggest jobs to me?", "x-gathers-more-user-data-for-ai.md")).toBe(
      false,
    );
    expect(await cites(library, "Why was the bridge closed?", "bridge.md")).toBe(true);
  });

  it("skips a binary, empty or invalid UTF-8 file with a clear error and indexes the rest", async () => {
    const library = await open();
    await writeFile(path.join(dataDir, "photo.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(dataDir, "empty.txt"), "");
    await writeFile(
      path.join(dataDir, "latin1.txt"),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]),
    );
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    const report = await library.reindex();
    expect(report.added).toEqual(["bridge.md"]);
    expect(Object.fromEntries(report.errors.map((e) => [e.file, e.reason]))).toEqual({
      "empty.txt": "empty document: it has no text to index",
      "latin1.txt": "not valid UTF-8 text: it looks like Latin-1/Windows-1252; save it as UTF-8",
      "photo.md": "binary file (it contains NUL bytes): save it as UTF-8 text",
    });
    expect(await cites(library, "Why was the bridge closed?", "bridge.md")).toBe(true);
  });

  it("keeps the last good version of a document whose edit broke it", async () => {
    const library = await open();
    await writeFile(path.join(dataDir, "river.md"), Buffer.from([0x00, 0x01, 0x02]));
    const report = await library.reindex();
    expect(report.errors[0]?.reason).toMatch(/previous version is still indexed/);
    expect(await cites(library, "Did the river flood the town?", "river.md")).toBe(true);
  });

  it("keeps the live index when nothing at all can be indexed", async () => {
    const library = await open();
    await rm(dataDir, { recursive: true });
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, "junk.md"), Buffer.from([0, 0, 0]));
    const report = await library.reindex();
    expect(report.applied).toBe(false);
    expect(report.errors).toHaveLength(1);
    expect(await cites(library, "Did the river flood the town?", "river.md")).toBe(true);
  });

  it("dry run reports what would change and changes nothing", async () => {
    const library = await open();
    const snapshotBefore = await readFile(snapshotPath, "utf8");
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    const report = await library.reindex({ dryRun: true });
    expect(report).toMatchObject({ dryRun: true, applied: false, added: ["bridge.md"] });
    expect(await cites(library, "Why was the bridge closed?", "bridge.md")).toBe(false);
    expect(await readFile(snapshotPath, "utf8")).toBe(snapshotBefore);
  });

  it("serialises concurrent reindexes and keeps answering while one runs", async () => {
    const library = await open();
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    const runs = [library.reindex(), library.reindex(), library.reindex()];
    // Questions asked during the reindex are answered from the live index, without errors.
    expect((await library.ask("Who owns WhatsApp?")).answered).toBe(true);
    const reports = await Promise.all(runs);
    expect(reports.map((r) => r.added)).toEqual([["bridge.md"], [], []]);
    expect(await cites(library, "Why was the bridge closed?", "bridge.md")).toBe(true);
  });
});

describe("Library.reindex of a large folder", () => {
  it("keeps answering correctly from the live index while the new one is built", async () => {
    // No answer cache: every question during the reindex is really searched.
    const library = await Library.open({ dataDir, snapshotPath, logger, cacheSize: 0 });
    // ~4,000 passages: enough that building takes many event-loop turns.
    const words = [
      "harbour",
      "lantern",
      "granite",
      "meadow",
      "orchard",
      "quarry",
      "saddle",
      "thimble",
      "walnut",
    ];
    for (let f = 0; f < 80; f++) {
      const paragraphs = Array.from({ length: 50 }, (_, p) => {
        const w = (k: number) => words[(f * 7 + p * 3 + k) % words.length];
        return `Report ${f}-${p}: the ${w(0)} near the ${w(1)} was sold with a ${w(2)} and a ${w(3)} for the fair.`;
      });
      await writeFile(path.join(dataDir, `bulk-${f}.md`), paragraphs.join("\n\n"));
    }
    const expected = await library.ask("Who owns WhatsApp?");
    let settled = false;
    const reindex = library.reindex().finally(() => {
      settled = true;
    });
    let answeredDuring = 0;
    while (!settled) {
      const answer = await library.ask("Who owns WhatsApp?");
      expect(answer.answered).toBe(true);
      expect(answer.quotes[0]?.text).toBe(expected.quotes[0]?.text);
      answeredDuring++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = await reindex;
    expect(report.added).toHaveLength(80);
    expect(answeredDuring).toBeGreaterThan(10);
    expect(
      (await library.ask("Which report sold a walnut and a thimble at the fair?")).sources[0]?.file,
    ).toMatch(/^bulk-/);
  });
});

describe("Library.rollback", () => {
  it("restores the previous answers, and keeps them across a restart until the next reindex", async () => {
    const library = await open();
    await writeFile(path.join(dataDir, "river.md"), RIVER.replace("two metres", "three metres"));
    await library.reindex();
    expect((await library.ask("Did the river flood the town?")).quotes[0]?.text).toMatch(/three metres/);
    await library.rollback();
    expect((await library.ask("Did the river flood the town?")).quotes[0]?.text).toMatch(/two metres/);
    const restarted = await open();
    expect((await restarted.ask("Did the river flood the town?")).quotes[0]?.text).toMatch(/two metres/);
    expect(warnings.join("\n")).toMatch(/rolled back/);
    await restarted.reindex();
    expect((await restarted.ask("Did the river flood the town?")).quotes[0]?.text).toMatch(/three metres/);
  });

  it("explains when there is nothing to roll back to", async () => {
    const library = await open();
    await expect(library.rollback()).rejects.toThrow(/no previous index/);
    expect(previousSnapshotPath("a.json")).toBe("a.json.prev");
  });
});
