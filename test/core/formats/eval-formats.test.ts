import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readDocument, scanDataDir } from "../../../src/core/documents.ts";
import { normalizeForMatch, parseQuestions } from "../../../src/core/evaluate.ts";
import { Library } from "../../../src/core/library.ts";

/** `eval/formats.jsonl` lines also name the file and the page or section the quote must cite. */
interface FormatQuestion {
  q: string;
  expect: string[];
  none?: boolean;
  file?: string;
  page?: number;
  section?: string;
}

const dataDir = path.resolve("eval/fixtures/formats");
let library: Library;
const bodies = new Map<string, string>();
let questions: FormatQuestion[];
beforeAll(async () => {
  library = await Library.open({ dataDir });
  for (const entry of (await scanDataDir(dataDir)).files)
    bodies.set(entry.file, normalizeForMatch((await readDocument(dataDir, entry)).body));
  questions = parseQuestions(await readFile("eval/formats.jsonl", "utf8")) as FormatQuestion[];
});

describe("eval/formats.jsonl over a PDF and a web page", () => {
  it("indexes both fixtures, with the web page's own facts", () => {
    expect(library.documents().map((d) => [d.file, d.title, d.publisher, d.date])).toEqual([
      ["storm-survey.pdf", "Storm Damage Survey", undefined, undefined],
      ["library-guide.html", "Visiting the Central Library", "Riverside Council", "2025-09-01"],
    ]);
  });

  it("quotes verbatim in the top three and cites the right page or section", async () => {
    const misses: string[] = [];
    for (const question of questions.filter((q) => !q.none)) {
      const answer = await library.ask(question.q);
      const rank = answer.quotes
        .slice(0, 3)
        .findIndex((quote) =>
          question.expect.some((p) => normalizeForMatch(quote.text).includes(normalizeForMatch(p))),
        );
      const quote = answer.quotes[rank];
      if (!quote) {
        misses.push(`${question.q} → ${answer.quotes.map((x) => x.text).join(" | ")}`);
        continue;
      }
      const source = answer.sources.find((s) => s.n === quote.source);
      expect(source?.file, question.q).toBe(question.file);
      // Verbatim: every "…"-joined piece is a run of the document's own text.
      for (const piece of quote.text
        .split("…")
        .map((p) => p.trim())
        .filter(Boolean))
        expect(
          bodies.get(question.file ?? "")?.includes(normalizeForMatch(piece)),
          `${question.q}: ${piece}`,
        ).toBe(true);
      if (question.page) expect(quote.page, question.q).toBe(question.page);
      if (question.section) expect(quote.section, question.q).toBe(question.section);
    }
    expect(misses).toEqual([]);
  });

  it("says the documents do not cover what they do not, and never quotes the page furniture", async () => {
    for (const question of questions.filter((q) => q.none))
      expect((await library.ask(question.q)).answered).toBe(false);
    const furniture = await library.ask("tracking pixel analytics copyright all rights reserved");
    expect(furniture.quotes.map((q) => q.text).join(" ")).not.toMatch(
      /tracking pixel|All rights reserved|Page \d of 3/,
    );
  });
});
