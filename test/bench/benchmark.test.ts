import { describe, expect, it } from "vitest";
import { runBenchmark } from "../../bench/benchmark.ts";
import { buildCorpus } from "../../bench/corpus.ts";
import { troffToText } from "../../bench/man-pages.ts";
import { makeQuestions, QUESTION_STYLES } from "../../bench/questions.ts";
import { latencySvg, markdownTable, startupTable, telegramTable } from "../../bench/report.ts";

describe("buildCorpus", () => {
  it("gives the same passages for the same seed, and smaller corpora are prefixes of larger ones", () => {
    const a = buildCorpus({ size: 300, seed: 7, source: "zipf" });
    const b = buildCorpus({ size: 300, seed: 7, source: "zipf" });
    const small = buildCorpus({ size: 120, seed: 7, source: "zipf" });
    expect(a.passages).toHaveLength(300);
    expect(a.passages.map((p) => p.text)).toEqual(b.passages.map((p) => p.text));
    expect(small.passages.map((p) => p.text)).toEqual(a.passages.slice(0, 120).map((p) => p.text));
    expect(a.words / a.passages.length).toBeGreaterThan(40);
  });
});

describe("troffToText", () => {
  it("keeps headings and words, drops requests and font escapes", () => {
    const text = troffToText('.TH LS 1\n.SH NAME\nls \\- list \\fBdirectory\\fR contents\n.\\" a comment\n');
    expect(text).toBe("# NAME\n\nls - list directory contents");
  });
});

describe("makeQuestions", () => {
  it("writes each known-item question in three styles, the typo one differing by one word", () => {
    const { passages } = buildCorpus({ size: 300, seed: 7, source: "zipf" });
    const questions = makeQuestions(passages, 10, 7);
    for (const style of QUESTION_STYLES) expect(questions.filter((q) => q.style === style)).toHaveLength(10);
    const natural = questions.filter((q) => q.style === "natural");
    const typo = questions.filter((q) => q.style === "typo");
    natural.forEach((q, i) => {
      const a = q.text.split(" ");
      const b = (typo[i]?.text ?? "").split(" ");
      expect(a.filter((w, j) => w !== b[j])).toHaveLength(1);
    });
  });
});

describe("runBenchmark", () => {
  it("measures every engine on a tiny corpus and reports recall, a table and a chart", async () => {
    const run = await runBenchmark({ sizes: [300], questions: 8, seed: 3, source: "zipf" });
    expect(run.results.map((r) => r.engine)).toEqual([
      "citebot",
      "minisearch",
      "minisearch-stop",
      "minisearch-stop-fuzzy",
      "bm25-floor",
    ]);
    for (const r of run.results) {
      expect(r.passages).toBe(300);
      expect(r.snapshotMb).toBeGreaterThan(0);
      for (const style of QUESTION_STYLES) {
        expect(r.styles[style].questions).toBe(8);
        expect(r.styles[style].recallAt10).toBeGreaterThanOrEqual(r.styles[style].recallAt1);
        expect(r.styles[style].recallAt10).toBeLessThanOrEqual(1);
      }
    }
    // One hit rule for every engine: citebot's quotes count as the passages they come from.
    expect(run.results[0]?.styles.keywords.recallAt10).toBeGreaterThan(0.3);
    // Known-item keyword questions on a tiny corpus: the exact-match baseline finds most of them.
    expect(run.results[1]?.styles.keywords.recallAt10).toBeGreaterThan(0.5);
    const table = markdownTable(run.results);
    expect(table).toContain("| 300 | citebot |");
    expect(table).toContain("| 300 | minisearch-stop-fuzzy |");
    expect(table).toContain("| 300 | bm25-floor |");
    const svg = latencySvg(run.results);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(15);
  });

  it("times Library start-up and sends the questions through the Telegram adapter end to end, losing none", async () => {
    const run = await runBenchmark({
      sizes: [300],
      questions: 4,
      seed: 5,
      source: "zipf",
      engines: ["citebot"],
      telegram: true,
      startup: true,
    });
    // The corpus written as documents and opened by the real Library, then reopened from its snapshot.
    expect(run.startup[0]?.passages).toBeGreaterThan(250);
    expect(startupTable(run.startup)).toMatch(/^\| \d+ \| 15 \|/m);
    expect(run.telegram).toHaveLength(1);
    expect(run.telegram[0]).toMatchObject({ passages: 300, questions: 12, replied: 12, lost: 0 });
    expect(telegramTable(run.telegram)).toContain("| 300 | 12 | 12 | 0 |");
  });
});
