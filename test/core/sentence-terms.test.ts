import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/core/search-index.ts";
import { passageTerms } from "../../src/core/sentence-terms.ts";
import { splitSentences, toTerms } from "../../src/core/text.ts";

const passage = (text: string, sentences = splitSentences(text)) => ({
  file: "river.md",
  paragraph: 1,
  text,
  sentences,
  language: "en",
});

describe("passageTerms", () => {
  it("gives each sentence's terms and the passage's, as toTerms would", async () => {
    const text = "The river rose overnight. Nobody warned the bakers.";
    const index = await buildIndex([passage(text)], new Map());
    const { sentences, passage: all } = passageTerms(index, 0);
    expect(sentences.map((s) => [...s])).toEqual([
      toTerms("The river rose overnight."),
      toTerms("Nobody warned the bakers."),
    ]);
    expect([...all]).toEqual(toTerms(text));
  });

  it("treats a passage without sentence spans as one sentence", async () => {
    const index = await buildIndex([passage("Bakers on the quay", [])], new Map());
    expect(passageTerms(index, 0).sentences.map((s) => [...s])).toEqual([toTerms("Bakers on the quay")]);
  });

  it("answers from the index it is given: a rebuilt index never sees the old terms", async () => {
    const before = await buildIndex([passage("The river rose.")], new Map());
    const after = await buildIndex([passage("The bridge closed.")], new Map());
    expect(passageTerms(before, 0).passage.has("river")).toBe(true);
    expect(passageTerms(after, 0).passage.has("river")).toBe(false);
    expect(passageTerms(before, 0)).toBe(passageTerms(before, 0));
  });
});
