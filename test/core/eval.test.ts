import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, normalizeForMatch, parseQuestions } from "../../src/core/evaluate.ts";
import { Library } from "../../src/core/library.ts";

let library: Library;
beforeAll(async () => {
  library = await Library.open({ dataDir: path.resolve("data") });
});

// The shared set lives beside the repository; CI clones with it in place.
const sets = ["eval/questions.jsonl", "../shared/eval/questions.jsonl"];

describe.each(sets)("answer quality on %s", (file) => {
  it("finds an expected quote in the top three for at least 90% and abstains on every uncovered question", async () => {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) return; // the shared folder is optional outside CI
    const summary = await evaluate(parseQuestions(text), (q) => library.ask(q));
    const misses = summary.results
      .filter((r) => !r.question.none && (r.rank === 0 || r.rank > 3))
      .map((r) => r.question.q);
    expect(summary.hitAt3 / summary.covered, `missed: ${misses.join(" | ")}`).toBeGreaterThanOrEqual(0.9);
    expect(summary.abstainedCorrectly).toBe(summary.uncovered);
  });
});

describe("evaluate", () => {
  it("matches phrases case-, quote- and space-insensitively", () => {
    expect(normalizeForMatch("Users’  DATA\n“here”")).toBe('users\' data "here"');
  });

  it("names the bad line of a questions file", () => {
    expect(() => parseQuestions('{"q":"a","expect":[]}\nnot json')).toThrow(/line 2/);
  });
});
