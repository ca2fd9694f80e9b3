import { afterAll, describe, expect, it } from "vitest";
import { closeWordNet, synonyms } from "../../src/core/lexicon/wordnet.ts";

afterAll(() => {
  closeWordNet();
});

describe("synonyms", () => {
  it("knows phrasal verbs: 'switch off' is 'turn off'", () => {
    expect(synonyms("switch off")).toContain("turn off");
    expect(synonyms("turn off")).toContain("switch off");
  });

  it("finds synonyms of a word's common sense, the word itself excluded", () => {
    expect(synonyms("automobiles")).toContain("car");
    expect(synonyms("buy")).toContain("purchase");
    expect(synonyms("buy")).not.toContain("buy");
  });

  it("ignores case and surrounding spaces", () => {
    expect(synonyms("  Switch Off ")).toEqual(synonyms("switch off"));
  });

  it.each(["zorblax", "valgrind", "", "१२३", "<b>"])(
    "returns [] for %j, which WordNet does not know",
    (word) => {
      expect(synonyms(word)).toEqual([]);
    },
  );
});
