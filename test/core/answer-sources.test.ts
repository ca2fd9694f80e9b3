import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// An FAQ whose entries each answer part of a question, beside a file that barely touches it: the
// FAQ's entries are not one voice to be heard once, and a weak sentence from elsewhere must not
// take the place of the FAQ's third entry for the sake of variety.
const library = fixtureLibrary({
  "faq.md": `---
title: Crumbwell Bakery FAQ
---
## Entry 1

The rye oven runs at 220 degrees in the morning.

## Entry 2

On Fridays the rye oven runs at 230 degrees for the dark loaves.

## Entry 3

The rye oven cools to 180 degrees for cakes.

## Entry 4

Orders for cakes must be placed two days ahead.
`,
  "town.md": `---
title: Town news
---
The mill's new rye oven ran late on its first day.

The market opens at eight on Saturdays.
`,
});

describe("Library.ask: quotes from one document no other rivals", () => {
  it("quotes its entries in order of score, the weak sentence from another file after them", async () => {
    const answer = await library().ask("How many degrees does the rye oven run at?");
    expect(answer.quotes.map((q) => q.text)).toEqual([
      "The rye oven runs at 220 degrees in the morning.",
      "On Fridays the rye oven runs at 230 degrees for the dark loaves.",
      "The rye oven cools to 180 degrees for cakes.",
      "The mill's new rye oven ran late on its first day.",
    ]);
  });
});
