import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { estimateBytes, LibraryRegistry } from "../../src/service/library-registry.ts";

let dir: string;
let base: Library;

const doc = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

async function addDocument(registry: LibraryRegistry, key: string, file: string, text: string) {
  await registry.withLibrary(key, async (library) => {
    await writeFile(path.join(registry.folders(key).dataDir, file), text);
    return library.reindex();
  });
}

/** A registry where a Telegram group has a chess club's document and a Discord server a book club's. */
async function twoClubs(): Promise<LibraryRegistry> {
  const registry = new LibraryRegistry({ base, stateDir: path.join(dir, "state"), memoryBytes: 1 << 30 });
  await addDocument(
    registry,
    "telegram:-1001",
    "a.md",
    doc("Chess club", "The library opens its chess room at six."),
  );
  await addDocument(
    registry,
    "discord:42",
    "b.md",
    doc("Book club", "The library opens its reading room at noon."),
  );
  return registry;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-registry-"));
  const dataDir = path.join(dir, "data");
  await mkdir(dataDir);
  await writeFile(
    path.join(dataDir, "base.md"),
    doc("Base rules", "The library opens at nine in the morning on weekdays."),
  );
  base = await Library.open({ dataDir, cacheSize: 0 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("answering", () => {
  it("answers a community without a library from the base alone", async () => {
    const registry = new LibraryRegistry({ base, stateDir: path.join(dir, "state"), memoryBytes: 1 << 30 });
    const answer = await registry.answering("telegram:-1001").ask("when does the library open?");
    expect(answer.sources.map((s) => s.title)).toEqual(["Base rules"]);
    expect(await registry.exists("telegram:-1001")).toBe(false);
  });

  it("merges a community's quotes with the base's and never another community's", async () => {
    const registry = await twoClubs();
    const answer = await registry.answering("telegram:-1001").ask("when does the library open?");
    expect(answer.sources.map((s) => s.title).sort()).toEqual(["Base rules", "Chess club"]);
    expect(answer.quotes.every((q) => answer.sources.some((s) => s.n === q.source))).toBe(true);
  });

  it("leaves the base out once the community turns it off, and back in when on", async () => {
    const registry = await twoClubs();
    await registry.setIncludesBase("discord:42", false);
    const off = await registry.answering("discord:42").ask("when does the library open?");
    expect(off.sources.map((s) => s.title)).toEqual(["Book club"]);
    await registry.setIncludesBase("discord:42", true);
    const on = await registry.answering("discord:42").ask("when does the library open?");
    expect(on.sources.map((s) => s.title).sort()).toEqual(["Base rules", "Book club"]);
  });

  it("keeps answering every community while one's moderator work is still running", async () => {
    const registry = await twoClubs();
    let release = () => {};
    const held = registry.withLibrary("telegram:-1001", () => new Promise<void>((r) => (release = r)));
    const other = await registry.answering("discord:42").ask("when does the library open?");
    const same = await registry.answering("telegram:-1001").ask("when does the library open?");
    expect(other.sources.map((s) => s.title)).toContain("Book club");
    expect(same.sources.map((s) => s.title)).toContain("Chess club");
    release();
    await held;
  });

  it("refuses a key that could leave its folder", () => {
    const registry = new LibraryRegistry({ base, stateDir: path.join(dir, "state"), memoryBytes: 1 << 30 });
    expect(() => registry.folders("telegram:../../etc")).toThrow(/not a library name/);
  });
});

describe("memory budget", () => {
  it("keeps 50 libraries answering their own documents under a budget that holds 10", async () => {
    const stateDir = path.join(dir, "state");
    const sizer = new LibraryRegistry({ base, stateDir, memoryBytes: 1 << 30 });
    const keys = Array.from({ length: 50 }, (_, i) => `telegram:-100${i}`);
    const body = (i: number) =>
      doc(`Club ${i}`, `The club number ${i} meets in room ${i} every Thursday evening.`);
    await addDocument(sizer, keys[0] as string, "club.md", body(0));
    const one = await sizer.withLibrary(keys[0] as string, async (l) => estimateBytes(l));
    let opens = 0;
    const open = (options: Parameters<typeof Library.open>[0]) => {
      opens++;
      return Library.open(options);
    };
    const registry = new LibraryRegistry({ base, stateDir, memoryBytes: Math.floor(one * 10.5), open });
    for (const [i, key] of keys.entries()) await addDocument(registry, key, "club.md", body(i));
    expect(registry.loadedCount).toBeLessThanOrEqual(10);
    // Twice round: every library is unloaded before it is asked again, and reloads from its snapshot.
    for (let round = 0; round < 2; round++) {
      for (const [i, key] of keys.entries()) {
        const answer = await registry.answering(key).ask(`where does club number ${i} meet?`);
        const own = answer.sources.filter((s) => s.title.startsWith("Club"));
        expect(own.map((s) => s.title)).toEqual([`Club ${i}`]);
        expect(answer.quotes.some((q) => q.text.includes(`room ${i} `))).toBe(true);
        expect(registry.loadedCount).toBeLessThanOrEqual(10);
      }
    }
    expect(opens).toBeGreaterThanOrEqual(150);
  });
});
