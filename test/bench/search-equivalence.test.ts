import { describe, expect, it } from "vitest";
import { buildCorpus } from "../../bench/corpus.ts";
import { makeQuestions } from "../../bench/questions.ts";
import { analyzeQuestion } from "../../src/core/answer.ts";
import { DEFAULT_CONCEPTS } from "../../src/core/concepts.ts";
import {
  buildIndex,
  deserializeIndex,
  type SearchIndex,
  searchTerms,
  serializeIndex,
} from "../../src/core/search-index.ts";

// The typed-array postings exist only for speed: answers must rank exactly as MiniSearch ranks.
describe("searchTerms over typed postings", () => {
  it("returns MiniSearch's results, scores and matched terms, for built and reloaded indexes", async () => {
    const corpus = buildCorpus({ size: 1500, seed: 11, source: "zipf" });
    const built = await buildIndex(corpus.passages, corpus.titles);
    const reloaded = deserializeIndex(JSON.parse(JSON.stringify(serializeIndex(built))), corpus.passages);
    const questions = makeQuestions(corpus.passages, 15, 11);
    let compared = 0;
    for (const index of [built, reloaded]) {
      expect(index.postings).toBeDefined();
      const ctx = { index, documents: corpus.documents, concepts: DEFAULT_CONCEPTS };
      const plain: SearchIndex = { ...index, postings: undefined };
      for (const q of questions) {
        const weights = new Map<string, number>();
        for (const c of analyzeQuestion(ctx, q.text)) {
          for (const alt of c.alternatives)
            for (const t of alt.terms) weights.set(t, Math.max(weights.get(t) ?? 0, alt.weight));
        }
        const fast = searchTerms(index, weights, 40);
        const reference = searchTerms(plain, weights, 40);
        expect(fast.map((r) => [r.id, r.score, [...r.terms].sort()])).toEqual(
          reference.map((r) => [r.id, r.score, [...r.terms].sort()]),
        );
        if (reference.length > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });
});
