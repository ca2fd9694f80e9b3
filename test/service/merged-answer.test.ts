import { describe, expect, it } from "vitest";
import type { Answer, Source } from "../../src/core/types.ts";
import { mergeAnswers } from "../../src/service/merged-answer.ts";

const source = (n: number, file: string): Source => ({ n, file, title: file, language: "en" });

describe("mergeAnswers", () => {
  it("renumbers the places a quote is also said in, and lists each of them once among the sources", () => {
    const own: Answer = {
      question: "q",
      answered: true,
      quotes: [{ text: "Own quote.", source: 1 }],
      sources: [source(1, "own.md")],
    };
    const base: Answer = {
      question: "q",
      answered: true,
      quotes: [
        { text: "Base quote.", source: 1, also: [{ source: 2, paragraph: 4 }] },
        { text: "Second.", source: 2 },
      ],
      sources: [source(1, "alpha.md"), source(2, "beta.md")],
    };
    const merged = mergeAnswers(own, base);
    expect(merged.quotes).toEqual([
      { text: "Own quote.", source: 1 },
      { text: "Base quote.", source: 2, also: [{ source: 3, paragraph: 4 }] },
      { text: "Second.", source: 3 },
    ]);
    expect(merged.sources.map((s) => [s.n, s.file])).toEqual([
      [1, "own.md"],
      [2, "alpha.md"],
      [3, "beta.md"],
    ]);
  });
});
