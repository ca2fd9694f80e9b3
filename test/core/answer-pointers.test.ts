import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// An FAQ whose question lines are gone (as in a plain-text FAQ that marks questions only by
// numbering): the question's words survive only in the pointers other entries make to it.
const library = fixtureLibrary({
  "faq.md": `---
title: Crumbwell Bakery FAQ
---
# Opening hours

The shop shuts at noon on Saturdays because the ovens are cleaned that afternoon.

# Orders

Cakes must be ordered two days ahead. See the answer to "Why does the bakery close early on Saturdays?" before you collect one at the weekend.

# Deliveries

Deliveries leave at six in the morning. For weekend deliveries, also see the answer to the question 'Why does the bakery close early on Saturdays?' in the first part.
`,
});

describe("Library.ask: pointers to another entry", () => {
  const question = "Why does the bakery close early on Saturdays?";

  it("answers a question worded like a pointer's title with the entry, not the pointer", async () => {
    const answer = await library().ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toBe(
      "The shop shuts at noon on Saturdays because the ovens are cleaned that afternoon.",
    );
  });

  it("without the roles signal, the pointer holding the question's words comes first", async () => {
    const blind = await library().ask(question, { signals: { roles: false } });
    expect(blind.quotes[0]?.text).toContain("See the answer to");
  });
});
