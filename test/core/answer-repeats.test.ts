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
// A lead-in and the paragraph it introduces: the lead-in's quote shows that paragraph.
const oven = fixtureLibrary({
  "oven.md":
    "---\ntitle: Oven manual\n---\nThe oven offers three heating modes:\n\nBake mode heats the top and bottom elements evenly. Grill mode heats only the top element. Fan mode circulates hot air around the food.\n\nClean the oven once a week.\n",
});
// Pages of two versions of one command, the same sentence but for the version's name.
const versions = fixtureLibrary({
  "alpha.md":
    "---\ntitle: tool alpha pools delete\n---\n(ALPHA) tool alpha pools delete deletes a node pool from a cluster, draining its nodes first and freeing their disks.\n",
  "beta.md":
    "---\ntitle: tool beta pools delete\n---\n(BETA) tool beta pools delete deletes a node pool from a cluster, draining its nodes first and freeing their disks.\n",
  "other.md": "---\ntitle: Pools\n---\nA node pool is a group of nodes in a cluster.\n",
});
const twice = fixtureLibrary({
  "twice.md":
    "---\ntitle: Notes\n---\n## disks create\n\nProvide the argument --zone on the command line. It sets where new disks live.\n\n## disks move\n\nProvide the argument --zone on the command line. Disks move there at once.\n",
});

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

  it("cites every document that repeats a quote beside it, each in the source list", async () => {
    const answer = await library().ask("how do I provide the zone argument on the command line?", {
      limit: 12,
    });
    const zone = answer.quotes.find((q) => q.text === "Provide the argument --zone on the command line.");
    const cited = [zone?.source, ...(zone?.also ?? []).map((p) => p.source)].map(
      (n) => answer.sources.find((s) => s.n === n)?.file,
    );
    expect(cited.sort()).toEqual(["zone-copy.md", "zone.md"]);
    expect(zone?.also).toEqual([{ source: expect.any(Number), paragraph: 1 }]);
  });

  it("cites a page that says the same in nearly the same words (another version's page)", async () => {
    const answer = await versions().ask("does deleting a node pool drain the nodes?", { limit: 12 });
    const drains = answer.quotes.filter((q) => q.text.includes("draining its nodes first and freeing"));
    expect(drains).toHaveLength(1);
    const files = [drains[0]?.source, ...(drains[0]?.also ?? []).map((p) => p.source)].map(
      (n) => answer.sources.find((s) => s.n === n)?.file,
    );
    expect(files.sort()).toEqual(["alpha.md", "beta.md"]);
  });

  it("cites the other paragraphs of a document that repeat a quote, as a manual does under each option", async () => {
    const answer = await twice().ask("how do I provide the zone argument?", { limit: 12 });
    const zone = answer.quotes.filter((q) => q.text.includes("--zone"));
    expect(zone).toHaveLength(1);
    const [place, ...more] = zone[0]?.also ?? [];
    expect(more).toEqual([]);
    expect(place?.source).toBe(zone[0]?.source);
    expect(place?.paragraph).not.toBe(zone[0]?.paragraph);
    expect(answer.sources).toHaveLength(1);
  });

  it("does not cite what a lead-in's quote already shows as saying it again", async () => {
    const answer = await oven().ask("what heating modes does the oven offer?", { limit: 12 });
    const lead = answer.quotes.find((q) => q.text.startsWith("The oven offers three heating modes:"));
    expect(lead?.text).toContain("Grill mode heats only the top element");
    expect(answer.quotes.every((q) => q.also === undefined)).toBe(true);
  });
});
