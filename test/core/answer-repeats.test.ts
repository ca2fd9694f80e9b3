import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// A manual's pages repeat the same boilerplate around different flags, as man pages do.
const FILES: Record<string, string> = {
  "region.md":
    "---\ntitle: Buckets\n---\nTo set the region attribute, provide the argument --region on the command line.\n",
  "zone.md": "---\ntitle: Disks\n---\nProvide the argument --zone on the command line.\n",
  "zone-copy.md": "---\ntitle: Disk snapshots\n---\nProvide the argument --zone on the command line.\n",
};

const library = fixtureLibrary(FILES);

describe("Library.ask: repeated text", () => {
  it("shows a sentence once though two documents hold it word for word", async () => {
    const answer = await library().ask("how do I provide the zone argument on the command line?", {
      limit: 12,
    });
    const zone = answer.quotes.filter((q) => q.text === "Provide the argument --zone on the command line.");
    expect(zone).toHaveLength(1);
  });

  it("keeps a different sentence that shares most of its few words with one already shown", async () => {
    // "Provide the argument --zone on the command line." has four of its five terms in the region
    // sentence, yet says something else: a reader asking about the argument wants both.
    const answer = await library().ask("how do I provide the argument on the command line?", { limit: 12 });
    const shown = answer.quotes.map((q) => q.text);
    expect(shown).toContain(
      "To set the region attribute, provide the argument --region on the command line.",
    );
    expect(shown).toContain("Provide the argument --zone on the command line.");
  });
});
