import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/rng.ts";
import { Library } from "../../src/core/library.ts";
import { loadSnapshot, SNAPSHOT_FORMAT } from "../../src/core/snapshot.ts";
import type { Logger } from "../../src/core/types.ts";

let dir: string;
let dataDir: string;
let snapshotPath: string;
const warnings: string[] = [];
const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_o, msg) => warnings.push(msg ?? "") };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-snapshot-"));
  dataDir = path.join(dir, "data");
  snapshotPath = path.join(dir, "state", "index.json");
  await mkdir(dataDir);
  await writeFile(
    path.join(dataDir, "river.md"),
    "---\ntitle: River News\nurl: https://example.org/river\n---\n# Flood\n\nThe river rose by two metres overnight, flooding the old town.\n\nDid the council expect it? Nobody warned the bakers on the quay.\n",
  );
  await writeFile(
    path.join(dataDir, "bridge.md"),
    "## Traffic\n\nThe old stone bridge was closed to traffic after engineers found deep cracks.\n",
  );
  warnings.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => Library.open({ dataDir, snapshotPath, logger });
/** A valid snapshot of the two documents, as JSON, written by a first start. */
async function validSnapshot(): Promise<Record<string, unknown>> {
  await open();
  warnings.length = 0;
  return JSON.parse(await readFile(snapshotPath, "utf8"));
}
const citesRiver = async (library: Library) =>
  (await library.ask("Did the river flood the town?")).sources.some((s) => s.file === "river.md");

describe("Library.open with a snapshot of the wrong shape", () => {
  type Snap = Record<string, Record<string, Record<string, unknown>>>;
  it.each([
    ['"index": {}', (s: Snap) => ({ ...s, index: {} })],
    ['"index": null', (s: Snap) => ({ ...s, index: null })],
    [
      "a nextId of 1e12",
      (s: Snap) => ({ ...s, index: { ...s.index, mini: { ...s.index?.mini, nextId: 1e12 } } }),
    ],
    ['"vocabulary": 5', (s: Snap) => ({ ...s, index: { ...s.index, vocabulary: 5 } })],
    [
      "a javascript: source URL",
      (s: Snap) => ({
        ...s,
        documents: (s.documents as unknown as { meta: object }[]).map((d) => ({
          ...d,
          meta: { ...d.meta, url: "javascript:alert(1)" },
        })),
      }),
    ],
  ])("rebuilds with a warning when it has %s", async (_name, mutate) => {
    const snapshot = await validSnapshot();
    await writeFile(snapshotPath, JSON.stringify(mutate(snapshot as Snap)));
    const library = await open();
    expect(warnings.join("\n")).toMatch(/does not have the expected shape \(.+\); rebuilding the index/);
    expect(await citesRiver(library)).toBe(true);
    expect(JSON.stringify(await library.ask("Did the river flood the town?"))).not.toContain("javascript:");
    expect((await loadSnapshot(snapshotPath))?.format).toBe(SNAPSHOT_FORMAT);
  });
});

describe("Library.open with a snapshot of the right shape", () => {
  it("loads it without a warning, file times before 1970 included", async () => {
    const snapshot = (await validSnapshot()) as { documents: { mtimeMs: number }[] };
    for (const d of snapshot.documents) d.mtimeMs = -86_400_000;
    await writeFile(snapshotPath, JSON.stringify(snapshot));
    const library = await Library.open({ dataDir, snapshotPath, logger, reindexOnOpen: false });
    expect(warnings).toEqual([]);
    expect(await citesRiver(library)).toBe(true);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const HOSTILE: Json[] = [null, {}, [], 0, -1, 1.5, 1e12, -1e12, "", "x", true, [[]], { a: 1 }, [0, 0]];

/** Every container in the tree with one of its keys: the places a mutation can hit. */
function slots(node: Json, out: [Json[] | { [key: string]: Json }, string | number][] = []) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      out.push([node, i]);
      slots(child, out);
    });
  } else if (node && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      out.push([node, key]);
      slots(child, out);
    }
  }
  return out;
}

/** One to three random edits: replace a value, delete it, duplicate it, nudge a number. */
function mutate(snapshot: Json, random: () => number): Json {
  const copy = structuredClone(snapshot);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const [parent, key] = pick(slots(copy));
    const record = parent as Record<string | number, Json>;
    const value = record[key] as Json;
    const op = random();
    if (op < 0.45) record[key] = structuredClone(pick(HOSTILE));
    else if (op < 0.6) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete record[key];
    } else if (op < 0.7 && Array.isArray(parent)) parent.push(structuredClone(value));
    else if (typeof value === "number") record[key] = pick([value + 1, value - 1, value * 1e6, -value]);
    else if (typeof value === "string") record[key] = pick(["", `${value}x`, value.slice(1), "javascript:x"]);
    else record[key] = structuredClone(pick(slots(copy))[0] as Json);
  }
  return copy;
}

describe("Library.open with randomly damaged snapshots", () => {
  it("never crashes on 250 mutations of a valid snapshot: each is rebuilt or loaded", async () => {
    const snapshot = (await validSnapshot()) as Json;
    const random = seededRandom(9);
    let rebuilt = 0;
    let loaded = 0;
    const reasons = new Set<string>();
    for (let i = 0; i < 250; i++) {
      await writeFile(snapshotPath, JSON.stringify(mutate(snapshot, random)));
      warnings.length = 0;
      // Without reindexing on open, a loaded snapshot is what answers: the hardest case.
      const library = await Library.open({ dataDir, snapshotPath, logger, reindexOnOpen: false });
      const answer = await library.ask("Did the river flood the town?");
      expect(Object.keys(answer).sort()).toEqual(["answered", "kind", "question", "quotes", "sources"]);
      library.suggest("Did the");
      library.documents();
      const reason = warnings.find((w) => w.includes("rebuilding the index"));
      if (reason) {
        rebuilt++;
        // The start-up path (reindex on open) then answers from the documents. A snapshot that is
        // refused leaves nothing behind, so one check per reason covers every mutation refused so.
        if (!reasons.has(reason)) expect(await citesRiver(await open())).toBe(true);
        reasons.add(reason);
      } else loaded++;
    }
    expect(rebuilt).toBeGreaterThan(100);
    expect(loaded).toBeGreaterThan(0);
  }, 60_000);
});
