import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// A lead-in and a list too long to quote whole (over 70 words); the item about the pool is last.
const COUNCIL = `---
title: Council plan
---
# Plan

The council will take these steps next year:

- Repair the road to the station, resurfacing the old cobbles, widening the narrow bend by the bakery and adding a cycle lane on both sides of the hill.
- Plant a thousand oak trees along the river, with benches for walkers every few hundred metres and a footpath to the mill.
- Extend the library's opening hours on weekday evenings and lend board games as well as books.
- Reopen the swimming pool after the roof repair.
`;

const library = fixtureLibrary({ "council.md": COUNCIL });

describe("Library.ask: a lead-in with a long list", () => {
  it("quotes the lead-in with the items closest to the question, in their order", async () => {
    const answer = await library().ask("What will the council do about the swimming pool next year?");
    const quote = answer.quotes.find((q) => q.text.startsWith("The council will take these steps"));
    expect(quote?.text).toContain("… Reopen the swimming pool after the roof repair.");
    const pieces = quote?.text.split(" … ") ?? [];
    expect(pieces.join(" ").split(/\s+/).length).toBeLessThanOrEqual(70);
    // verbatim pieces, in document order
    const at = pieces.map((p) => COUNCIL.indexOf(p.replace(/^- /, "")));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("quotes the list from its start when nothing in it is closer", async () => {
    const answer = await library().ask("What steps will the council take next year?");
    expect(answer.quotes[0]?.text).toMatch(
      /^The council will take these steps next year: … Repair the road to the station/,
    );
  });
});
