import { describe, expect, it } from "vitest";
import { splitPassages } from "../../src/core/passages.ts";
import {
  buildIndex,
  resolveWord,
  type SearchIndex,
  searchTerms,
  updateIndex,
} from "../../src/core/search-index.ts";

const doc = (file: string, body: string) => splitPassages(file, body, { title: file, language: "en" });
const titles = new Map(["ferries.md", "bees.md", "tides.md", "lamps.md"].map((f) => [f, f]));
const FERRIES = doc(
  "ferries.md",
  "# Ferries\n\nFerries leave the northern pier every forty minutes.\n\nThe last ferry waits for the late train from Dover.",
);
const BEES = doc("bees.md", "# Hives\n\nA rooftop hive needs a windbreak, because bees avoid strong gusts.");
const BEES_EDITED = doc("bees.md", "# Hives\n\nBeekeepers check each hive for the queen once a week.");
const TIDES = doc("tides.md", "# Tides\n\nHigh tide reaches the harbour wall at noon, and the ferry waits.");
const LAMPS = doc(
  "lamps.md",
  "# Lamps\n\nKeepers polish the brass lamp every Tuesday before sunset in Dover.",
);

/** Each term's postings per field, by term rather than by term id (ids differ between the two). */
function postingsByTerm(index: SearchIndex) {
  const out: Record<string, unknown> = {};
  const postings = index.postings;
  if (!postings) throw new Error("an index without postings");
  for (const [term, t] of postings.terms)
    out[term] = postings.fields.map((table) => {
      const at = [table.offsets[t] as number, table.offsets[t + 1] as number] as const;
      return [[...table.docs.subarray(...at)], [...table.tfs.subarray(...at)]];
    });
  return out;
}

const search = (index: SearchIndex, question: string) => {
  const weights = new Map<string, number>();
  for (const word of question.split(" "))
    for (const [term, w] of resolveWord(index, word)?.terms ?? []) weights.set(term, w);
  return searchTerms(index, weights, 10).map((r) => [index.passages[r.id as number]?.text, r.score]);
};

describe("updateIndex", () => {
  it("gives the index a build of the same passages gives: postings, lengths, df and scores", async () => {
    const live = await buildIndex([...FERRIES, ...BEES, ...TIDES], titles);
    const updated = await updateIndex(
      live,
      new Set(["bees.md", "tides.md"]),
      [...BEES_EDITED, ...LAMPS],
      titles,
    );
    const built = await buildIndex([...FERRIES, ...BEES_EDITED, ...LAMPS], titles);
    if (!updated) throw new Error("no update");
    expect(updated.passages).toEqual(built.passages);
    expect(postingsByTerm(updated)).toEqual(postingsByTerm(built));
    expect(updated.postings?.fields.map((f) => [...f.lengths])).toEqual(
      built.postings?.fields.map((f) => [...f.lengths]),
    );
    updated.postings?.fields.forEach((f, i) => {
      expect(f.avgLength).toBeCloseTo(built.postings?.fields[i]?.avgLength ?? 0, 12);
    });
    expect([...updated.df].sort()).toEqual([...built.df].sort());
    for (const question of ["when does the last ferry wait", "who checks the hive queen", "brass lamp Dover"])
      expect(search(updated, question)).toEqual(search(built, question));
    // What the dropped passages alone said is gone: no term, no hit.
    expect(updated.df.has("windbreak")).toBe(false);
    expect(search(updated, "windbreak gusts")).toEqual([]);
  });

  it("leaves the live index as it was", async () => {
    const live = await buildIndex([...FERRIES, ...BEES], titles);
    const before = search(live, "rooftop hive windbreak");
    await updateIndex(live, new Set(["bees.md"]), LAMPS, titles);
    expect(search(live, "rooftop hive windbreak")).toEqual(before);
    expect(live.passages).toHaveLength(FERRIES.length + BEES.length);
  });
});
