import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  familyZipf,
  functionWordSlips,
  misspeltWord,
  zipf,
  zipfAtLeast,
} from "../../src/core/lexicon/word-frequency.ts";
import { STOP_WORDS } from "../../src/core/text.ts";

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

describe("familyZipf", () => {
  it("counts a plural or past tense as often as the word it comes from", () => {
    expect(zipf("overruns")).toBeLessThan(2.5);
    expect(familyZipf("overruns")).toBe(zipf("overrun"));
    expect(familyZipf("algorithms")).toBe(zipf("algorithm"));
    expect(familyZipf("stopped")).toBe(zipf("stop"));
    expect(familyZipf("bakeries")).toBe(Math.max(zipf("bakeries"), zipf("bakery")));
  });

  it("leaves names and words without a regular ending as they are", () => {
    expect(familyZipf("valgrind")).toBe(zipf("valgrind"));
    expect(familyZipf("memcheck")).toBe(zipf("memcheck"));
    expect(familyZipf("bread")).toBe(zipf("bread"));
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

describe("functionWordSlips", () => {
  it("reads a function word with a letter left out, struck wrong or added as that word", () => {
    expect(functionWordSlips("wht")).toEqual(["what"]);
    expect(functionWordSlips("frm")).toEqual(["from"]);
    expect(functionWordSlips("Wth")).toEqual(["with"]);
    expect(functionWordSlips("wheoe")).toEqual(["where"]);
    expect(functionWordSlips("whaat")).toEqual(["what"]);
    expect(functionWordSlips("whaat", { added: false })).toEqual([]);
  });

  it("gives every function word a slip can be", () => {
    expect(functionWordSlips("thn").sort()).toEqual(["than", "then"]);
    expect(functionWordSlips("xhat").sort()).toEqual(["that", "what"]);
  });

  it("gives none for an English word or a word that is no slip of one", () => {
    // "hat" is a word; "sed" is nobody's slip.
    expect(functionWordSlips("hat")).toEqual([]);
    expect(functionWordSlips("sed")).toEqual([]);
  });
});

describe("zipfAtLeast", () => {
  it("agrees with zipf, stop words included", () => {
    for (const word of ["the", "Does", "theirs", "grandma", "valgrind", "zorblax", "क्या"])
      for (const floor of [2.5, 3.5, 4, 5])
        expect(zipfAtLeast(word, floor), `${word} ${floor}`).toBe(zipf(word) >= floor);
  });

  it("can settle stop words without the list: every one in Latin letters is everyday English", () => {
    const latin = [...STOP_WORDS].filter((w) => /^[a-z]+$/.test(w));
    expect(latin.length).toBeGreaterThan(100);
    for (const word of latin) expect(zipf(word), word).toBeGreaterThanOrEqual(3.5);
  });
});

describe("reading the list", () => {
  it("waits for a question word the documents do not use", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "citebot-frequency-"));
    try {
      await writeFile(
        path.join(dir, "mill.md"),
        "---\ntitle: The Old Mill\n---\nThe old mill grinds rye and wheat for the bakery.\n\nIt opens at seven.\n",
      );
      // Fresh modules: the list is read once per process, and other tests here have read it.
      vi.resetModules();
      const { listReads } = await import("../../src/core/lexicon/word-frequency.ts");
      const { Library } = await import("../../src/core/library.ts");
      const library = await Library.open({ dataDir: dir });
      const answer = await library.ask("Who grinds wheat for the bakery?");
      expect(answer.answered).toBe(true);
      expect(listReads()).toBe(0);
      // "sourdough" is no word of the documents: how everyday it is decides how much it weighs.
      await library.ask("Who grinds sourdough for the bakery?");
      expect(listReads()).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
