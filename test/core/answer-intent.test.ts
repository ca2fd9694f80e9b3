import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// Two sentences say the same words; one of them replies. Of two about the wheel, one gives a
// time, the other the reason.
const faq = fixtureLibrary({
  "mill-faq.md": [
    "---\ntitle: Mill questions\n---",
    "Visitors often ask whether the mill can grind oats for their porridge.",
    "No. The mill cannot grind oats for porridge: its stones are set for rye and wheat.",
    "",
  ].join("\n\n"),
  "wheel.md": [
    "---\ntitle: The mill wheel\n---",
    "In August 1990 the mill wheel stopped when the river ran low.",
    "The mill wheel stops when the river runs low because the stream can no longer turn it.",
    "",
  ].join("\n\n"),
});

describe("a yes/no question", () => {
  it("quotes first the sentence that replies", async () => {
    const answer = await faq().ask("Can the mill grind oats for porridge?");
    expect(answer.quotes[0]?.text).toMatch(/^No\. The mill cannot grind oats/);
  });

  it("without the intent signal the earlier restatement comes first (the test can fail)", async () => {
    const answer = await faq().ask("Can the mill grind oats for porridge?", { signals: { intent: false } });
    expect(answer.quotes[0]?.text).toBe(
      "Visitors often ask whether the mill can grind oats for their porridge.",
    );
  });
});

describe("a why-question with a when-clause", () => {
  it("quotes first the sentence that gives the reason, not the one that gives a time", async () => {
    const answer = await faq().ask("Why does the mill wheel stop when the river runs low?");
    expect(answer.quotes[0]?.text).toBe(
      "The mill wheel stops when the river runs low because the stream can no longer turn it.",
    );
  });
});
