import { mkdir, mkdtemp, open as openFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/rng.ts";
import { readTableFile, writeTables } from "../../src/core/binary-tables.ts";
import { Library } from "../../src/core/library.ts";
import { loadSnapshot } from "../../src/core/snapshot.ts";
import { BODY_KINDS, BODY_VERSION, encodeBody } from "../../src/core/snapshot-body.ts";
import { splitSentences } from "../../src/core/text.ts";
import type { Logger } from "../../src/core/types.ts";

let dir: string;
let dataDir: string;
let snapshotPath: string;
const warnings: string[] = [];
const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_o, msg) => warnings.push(msg ?? "") };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-body-"));
  dataDir = path.join(dir, "data");
  snapshotPath = path.join(dir, "state", "index.json");
  await mkdir(dataDir);
  await writeFile(
    path.join(dataDir, "river.md"),
    "---\ntitle: River News\n---\n# Flood in town\n\nThe river rose by two metres overnight, flooding the old town.\n\nDid the council expect it? Nobody warned the bakers on the quay.\n",
  );
  await writeFile(
    path.join(dataDir, "bridge.md"),
    "## Bridge traffic\n\nThe old stone bridge was closed to traffic after engineers found deep cracks.\n",
  );
  warnings.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUESTION = "Did the river flood the town?";
const open = (reindexOnOpen = true) => Library.open({ dataDir, snapshotPath, logger, reindexOnOpen });
const manifest = async () =>
  JSON.parse(await readFile(snapshotPath, "utf8")) as {
    body: { file: string; bytes: number; crc32: string };
  };
const bodyPath = async () => path.join(path.dirname(snapshotPath), (await manifest()).body.file);

/** Points the manifest at new body bytes, as a tool that knows the format would. */
async function replaceBody(bytes: Uint8Array): Promise<void> {
  const m = await manifest();
  await writeFile(await bodyPath(), bytes);
  m.body.bytes = bytes.length;
  m.body.crc32 = Buffer.from(bytes).readUInt32LE(24).toString(16).padStart(8, "0");
  await writeFile(snapshotPath, JSON.stringify(m));
}

/** Re-checksums a body after its content was edited, so that only the structural checks can object. */
function rehash(bytes: Uint8Array): Uint8Array {
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).writeUInt32LE(crc32(bytes.subarray(56)), 24);
  return bytes;
}

/** Whatever the snapshot held, a library opened on it answers with an Answer and never throws. */
async function expectUsable(library: Library): Promise<void> {
  const answer = await library.ask(QUESTION);
  expect(Object.keys(answer).sort()).toEqual(["answered", "kind", "question", "quotes", "sources"]);
  library.suggest("Did the");
  library.documents();
}

describe("the binary snapshot body", () => {
  it("loads back into the same answers, passages and sections as the index it was saved from", async () => {
    const built = await open();
    const before = await built.ask(QUESTION);
    const loaded = await open(false);
    expect(warnings).toEqual([]);
    expect(await loaded.ask(QUESTION)).toEqual(before);
    expect(before.sources.some((s) => s.file === "river.md")).toBe(true);
    const snapshot = await loadSnapshot(snapshotPath);
    expect(snapshot?.index.passages.map((p) => [p.file, p.section, p.paragraph, p.text]).sort()).toEqual([
      [
        "bridge.md",
        undefined,
        1,
        "The old stone bridge was closed to traffic after engineers found deep cracks.",
      ],
      ["river.md", "Flood in town", 1, "The river rose by two metres overnight, flooding the old town."],
      ["river.md", "Flood in town", 2, "Did the council expect it? Nobody warned the bakers on the quay."],
    ]);
    // Sentence spans are read from the body when first asked for, and are the ones split at build.
    for (const p of snapshot?.index.passages ?? []) expect(p.sentences).toEqual(splitSentences(p.text));
    const twoSentences = snapshot?.index.passages.find((p) => p.text.startsWith("Did the council"));
    expect(twoSentences?.sentences.map((s) => twoSentences.text.slice(s.start, s.end))).toEqual([
      "Did the council expect it?",
      "Nobody warned the bakers on the quay.",
    ]);
  });

  it("reads the same sections whether it reads the body in one call or section by section", async () => {
    await open();
    const read = async (readWholeBelow: number) => {
      const handle = await openFile(await bodyPath(), "r");
      try {
        return await readTableFile(handle, BODY_VERSION, BODY_KINDS, readWholeBelow);
      } finally {
        await handle.close();
      }
    };
    const whole = await read(Number.POSITIVE_INFINITY);
    expect(await read(0)).toEqual(whole);
    expect(whole.sections.length).toBe(BODY_KINDS.length);
  });

  it("keeps one body per kept snapshot: the current and the previous one", async () => {
    await open();
    await writeFile(
      path.join(dataDir, "ferry.md"),
      "The ferry to the island was cancelled because of the storm.\n",
    );
    await (await open()).reindex();
    await writeFile(path.join(dataDir, "ferry.md"), "The ferry to the island runs again after the storm.\n");
    await (await open()).reindex();
    const bodies = (await readdir(path.dirname(snapshotPath))).filter((f) => f.includes(".body-"));
    expect(bodies).toHaveLength(2);
  });

  it.each([
    ["cut short", (b: Buffer) => b.subarray(0, b.length - 9)],
    [
      "one byte flipped",
      (b: Buffer) => Buffer.from(b).fill((b[b.length >> 1] ?? 0) ^ 0xff, b.length >> 1, (b.length >> 1) + 1),
    ],
    ["of another machine's byte order", (b: Buffer) => Buffer.from(b).fill(0, 12, 16)],
  ])("rebuilds with a warning when the body is %s", async (_name, damage) => {
    await open();
    const file = await bodyPath();
    await writeFile(file, damage(await readFile(file)));
    warnings.length = 0;
    const library = await open();
    expect(warnings.join("\n")).toMatch(/index snapshot.*rebuilding the index/);
    expect((await library.ask(QUESTION)).sources.some((s) => s.file === "river.md")).toBe(true);
  });

  it("keeps each sentence's terms, and rebuilds when one names a term the index lacks", async () => {
    await open();
    const snapshot = await loadSnapshot(snapshotPath);
    if (!snapshot) throw new Error("no snapshot was written");
    const table = snapshot.index.sentenceTerms;
    // Every passage's sentences are in the table, so no question re-reads their text.
    const slots = snapshot.index.passages.map((p) => Math.max(1, p.sentences.length) + 1);
    expect(table?.passageSlots.at(-1)).toBe(slots.reduce((a, b) => a + b));
    const sections = encodeBody(snapshot.index);
    const ids = sections.find((s) => s === table?.ids) as Uint32Array;
    ids[0] = snapshot.index.postings?.terms.size ?? 0;
    const temp = path.join(dir, "body.tmp");
    const handle = await openFile(temp, "w");
    await writeTables(handle, BODY_VERSION, sections);
    await handle.close();
    await replaceBody(await readFile(temp));
    warnings.length = 0;
    const library = await open();
    expect(warnings.join("\n")).toMatch(/sentence terms: a term id out of range.*rebuilding the index/);
    expect((await library.ask(QUESTION)).sources.some((s) => s.file === "river.md")).toBe(true);
  });

  it("says an older citebot wrote the body, not that it is damaged, and rebuilds", async () => {
    await open();
    const snapshot = await loadSnapshot(snapshotPath);
    if (!snapshot) throw new Error("no snapshot was written");
    const temp = path.join(dir, "body.tmp");
    const handle = await openFile(temp, "w");
    await writeTables(handle, BODY_VERSION - 1, encodeBody(snapshot.index));
    await handle.close();
    await replaceBody(await readFile(temp));
    warnings.length = 0;
    const library = await open();
    expect(warnings.join("\n")).toMatch(/written by another citebot version.*rebuilding the index/);
    expect(warnings.join("\n")).not.toMatch(/damaged/);
    expect((await library.ask(QUESTION)).sources.some((s) => s.file === "river.md")).toBe(true);
  });

  it("rebuilds when the body is missing", async () => {
    await open();
    await rm(await bodyPath());
    warnings.length = 0;
    const library = await open();
    expect(warnings.join("\n")).toMatch(/cannot read the index snapshot's body.*rebuilding the index/);
    expect((await library.ask(QUESTION)).sources.some((s) => s.file === "river.md")).toBe(true);
  });

  it("never crashes on 300 hostile bodies with a valid checksum: each is rebuilt or loaded", async () => {
    await open();
    const snapshot = await loadSnapshot(snapshotPath);
    if (!snapshot) throw new Error("no snapshot was written");
    const sections = encodeBody(snapshot.index);
    // The valid files, written back after each round: cheaper than a rebuild and save each time.
    const valid = { manifest: await readFile(snapshotPath), body: await bodyPath() };
    const validBody = await readFile(valid.body);
    const random = seededRandom(12);
    let rebuilt = 0;
    let loaded = 0;
    for (let i = 0; i < 300; i++) {
      if (i % 2 === 0) {
        // A value changed inside a section, the file well-formed around it.
        const copy = sections.map((s) => s.slice());
        for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
          const section = copy[Math.floor(random() * copy.length)];
          if (!section || section.length === 0) continue;
          const at = Math.floor(random() * section.length);
          const values = [0, 1, -1, 2 ** 31, 65535, 1e9, Number.NaN, (section[at] as number) + 1];
          section[at] = values[Math.floor(random() * values.length)] as number;
        }
        const temp = path.join(dir, "body.tmp");
        const handle = await openFile(temp, "w");
        await writeTables(handle, BODY_VERSION, copy);
        await handle.close();
        await replaceBody(await readFile(temp));
      } else {
        // Raw bytes changed anywhere past the header, section headers included.
        const bytes = Buffer.from(await readFile(await bodyPath()));
        for (let n = 1 + Math.floor(random() * 3); n > 0; n--)
          bytes[56 + Math.floor(random() * (bytes.length - 56))] = Math.floor(random() * 256);
        await replaceBody(rehash(bytes));
      }
      warnings.length = 0;
      await expectUsable(await open(false));
      if (warnings.some((w) => w.includes("rebuilding the index"))) rebuilt++;
      else {
        loaded++;
        // A start-up reindex on top of what loaded does not throw either.
        await open();
      }
      // Back to the valid snapshot for the next round.
      await writeFile(valid.body, validBody);
      await writeFile(snapshotPath, valid.manifest);
    }
    expect(rebuilt).toBeGreaterThan(100);
    expect(loaded).toBeGreaterThan(0);
  }, 120_000);
});
