import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// Two sentences say the same words; one of them replies.
const faq = fixtureLibrary({
  "mill-faq.md": [
    "---\ntitle: Mill questions\n---",
    "Visitors often ask whether the mill can grind oats for their porridge.",
    "No. The mill cannot grind oats for porridge: its stones are set for rye and wheat.",
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
