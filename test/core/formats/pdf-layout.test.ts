import { describe, expect, it } from "vitest";
import {
  dropRunningLines,
  type PageLine,
  toLines,
  toParagraphs,
} from "../../../src/core/formats/pdf-layout.ts";

const line = (text: string, y: number, height = 11): PageLine => ({ text, y, height });

describe("toLines", () => {
  it("joins runs on one baseline and starts a new line at an end-of-line mark", () => {
    const lines = toLines([
      { str: "The river ", x: 40, y: 500, height: 11 },
      { str: "rose.", x: 90, y: 500, height: 11, hasEOL: true },
      { str: "It fell.", x: 40, y: 486, height: 11 },
    ]);
    expect(lines.map((l) => l.text)).toEqual(["The river rose.", "It fell."]);
  });
});

describe("toParagraphs", () => {
  it("joins a word hyphenated at a line end, and keeps the hyphen of a compound", () => {
    expect(toParagraphs([line("It was impor-", 500), line("tant to all.", 486)])).toEqual([
      "It was important to all.",
    ]);
    expect(
      toParagraphs([line("The COVID-", 500), line("19 rules and Jean-", 486), line("Paul.", 472)]),
    ).toEqual(["The COVID-19 rules and Jean-Paul."]);
  });

  it("starts a paragraph at a wide gap or a change of font size", () => {
    const paragraphs = toParagraphs([
      line("Costs", 520, 16),
      line("The repair cost four", 490),
      line("million euros.", 476),
      line("The bridge reopened.", 440),
    ]);
    expect(paragraphs).toEqual(["Costs", "The repair cost four million euros.", "The bridge reopened."]);
  });
});

describe("dropRunningLines", () => {
  it("drops a header and a numbered footer repeated on most pages, and keeps the text", () => {
    const page = (n: number, text: string) => [
      line("Flood Review 2025", 760, 9),
      line(text, 700),
      line(`Page ${n} of 3`, 30, 9),
    ];
    const kept = dropRunningLines([page(1, "One."), page(2, "Two."), page(3, "Three.")]);
    expect(kept.map((lines) => lines.map((l) => l.text))).toEqual([["One."], ["Two."], ["Three."]]);
  });

  it("keeps a single page's first line: nothing repeats", () => {
    expect(dropRunningLines([[line("Flood Review 2025", 760), line("Text.", 700)]])[0]?.length).toBe(2);
  });
});
