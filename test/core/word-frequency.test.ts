import { describe, expect, it } from "vitest";
import { misspeltWord, zipf } from "../../src/core/lexicon/word-frequency.ts";

describe("zipf", () => {
  it("orders everyday words above rare and specialised ones", () => {
    expect(zipf("the")).toBeGreaterThan(zipf("bread"));
    expect(zipf("grandma")).toBeGreaterThan(zipf("biometric"));
    expect(zipf("safe")).toBeGreaterThan(zipf("sourdough"));
    expect(zipf("biometric")).toBeGreaterThan(zipf("valgrind"));
  });

  it("puts everyday words above 4 and unseen ones at the floor", () => {
    for (const everyday of ["safe", "grandma", "pay", "clean"])
      expect(zipf(everyday), everyday).toBeGreaterThan(4);
    expect(zipf("valgrind")).toBeLessThan(2);
    expect(zipf("zorblax")).toBe(zipf("valgrind"));
  });

  it("ignores case", () => {
    expect(zipf("Grandma")).toBe(zipf("grandma"));
  });
});

describe("misspeltWord", () => {
  it("finds the everyday word a non-word misspells", () => {
    expect(misspeltWord("artcle")).toBe("article");
    expect(misspeltWord("publishd")).toBe("published");
    expect(misspeltWord("Artcle")).toBe("article");
  });

  it("never takes a rare real word for a typo", () => {
    expect(misspeltWord("valgrind")).toBeUndefined();
  });

  it("never guesses for short non-words: too many words are one letter away", () => {
    expect(misspeltWord("gsed")).toBeUndefined();
    expect(misspeltWord("xz")).toBeUndefined();
  });
});
