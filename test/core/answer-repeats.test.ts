import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";

// A manual's pages repeat the same boilerplate around different flags, as man pages do.
const FILES: Record<string, string> = {
  "region.md":
    "---\ntitle: Buckets\n---\nTo set the region attribute, provide the argument --region on the command line.\n",
  "zone.md": "---\ntitle: Disks\n---\nProvide the argument --zone on the command line.\n",
  "zone-copy.md": "---\ntitle: Disk snapshots\n---\nProvide the argument --zone on the command line.\n",
};

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-repeats-"));
  for (const [file, text] of Object.entries(FILES)) await writeFile(path.join(dir, file), text);
  library = await Library.open({ dataDir: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Library.ask: repeated text", () => {
  it("shows a sentence once though two documents hold it word for word", async () => {
    const answer = await library.ask("how do I provide the zone argument on the command line?", {
      limit: 12,
    });
    const zone = answer.quotes.filter((q) => q.text === "Provide the argument --zone on the command line.");
    expect(zone).toHaveLength(1);
  });

  it("keeps a different sentence that shares most of its few words with one already shown", async () => {
    // "Provide the argument --zone on the command line." has four of its five terms in the region
    // sentence, yet says something else: a reader asking about the argument wants both.
    const answer = await library.ask("how do I provide the argument on the command line?", { limit: 12 });
    const shown = answer.quotes.map((q) => q.text);
    expect(shown).toContain(
      "To set the region attribute, provide the argument --region on the command line.",
    );
    expect(shown).toContain("Provide the argument --zone on the command line.");
  });
});
