import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// An FAQ whose question lines are gone (as in a plain-text FAQ that marks questions only by
// numbering): the question's words survive only in the pointers other entries make to it.
const bakeryFaq = (orders: string, more = "") =>
  fixtureLibrary({
    "faq.md": `---
title: Crumbwell Bakery FAQ
---
# Opening hours

The shop shuts at noon on Saturdays because the ovens are cleaned that afternoon.

# Orders

Cakes must be ordered two days ahead. ${orders}
${more}`,
  });

const library = bakeryFaq(
  'See the answer to "Why does the bakery close early on Saturdays?" before you collect one at the weekend.',
  `
# Deliveries

Deliveries leave at six in the morning. For weekend deliveries, also see the answer to the question 'Why does the bakery close early on Saturdays?' in the first part.
`,
);

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

// A pointer naming two entries: the Unicode sentence rules end a sentence at every "?", which cut
// this one after each title and left the second on its own ('and "Why does…?"'), a question line
// worded like the question with no pointer's words beside it, quoted first.
const twoTitles = bakeryFaq(
  'See the answers to the "Who bakes on Sundays?" and "Why does the bakery close early on Saturdays?" questions before you collect one at the weekend.',
);

describe("Library.ask: a pointer to two entries", () => {
  it("answers with the entry, not the pointer's second title", async () => {
    const answer = await twoTitles().ask("Why does the bakery close early on Saturdays?");
    expect(answer.quotes[0]?.text).toBe(
      "The shop shuts at noon on Saturdays because the ovens are cleaned that afternoon.",
    );
  });
});

// A document can hold anything: a pointer followed by a long run of quote marks and a letter
// took quadratic time to read for its title, on every question it matched (8 s at 60k marks, over
// 30 s at 120k). Read in linear time it takes milliseconds; the timeout is a guard with a margin
// of a hundred, not a speed claim.
const hostile = fixtureLibrary({
  "marks.md": `---\ntitle: Marks\n---\nSee the answer to "${"'".repeat(120_000)}x about the bakery oven.\n\nThe bakery oven is lit at four every morning.\n`,
});

describe("Library.ask: a pointer made of quote marks", () => {
  it("answers at once", async () => {
    const answer = await hostile().ask("When is the bakery oven lit?");
    expect(answer.quotes[0]?.text).toBe("The bakery oven is lit at four every morning.");
  }, 10_000);
});
