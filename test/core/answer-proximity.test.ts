import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// Two sentences hold every word of "how do I clean the top element?"; one says it, the other
// only uses the words apart, in a shorter text that plain keyword scores rank first.
const library = fixtureLibrary({
  "care.md":
    "---\ntitle: Oven care\n---\nAn element is fragile, so clean the oven racks and the door, then the top.\n",
  "parts.md":
    "---\ntitle: Oven parts\n---\nTo clean the top element, lift it out and wipe it with a soft dry cloth before you bake again.\n",
});

describe("Library.ask: words that stand together", () => {
  it("ranks first the sentence where the question's words stand together as they were asked", async () => {
    const answer = await library().ask("How do I clean the top element?");
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/^To clean the top element/);
    // The other sentence still holds the words, and is still shown.
    expect(answer.quotes.map((q) => q.text)).toContain(
      "An element is fragile, so clean the oven racks and the door, then the top.",
    );
  });

  it("ranks by keywords alone with the proximity signal off", async () => {
    const answer = await library().ask("How do I clean the top element?", { signals: { proximity: false } });
    expect(answer.quotes[0]?.text).toMatch(/^An element is fragile/);
  });

  it("reads words together in either order, a word or two apart", async () => {
    const answer = await library().ask("How do I clean an element at the top?");
    expect(answer.quotes[0]?.text).toMatch(/^To clean the top element/);
  });
});
