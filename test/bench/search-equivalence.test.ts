import MiniSearch, { type AsPlainObject } from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus } from "../../bench/corpus.ts";
import { addTypo, makeQuestions } from "../../bench/questions.ts";
import { seededRandom } from "../../bench/rng.ts";
import { ALL_SIGNALS, analyzeQuestion } from "../../src/core/analyze.ts";
import { NO_CONCEPTS } from "../../src/core/concepts.ts";
import {
  buildIndex,
  deserializeIndex,
  MINISEARCH_OPTIONS,
  maxTypoDistance,
  resolveWord,
  type SearchIndex,
  searchTerms,
  serializeIndex,
} from "../../src/core/search-index.ts";
import { surfaceForm, toTerms } from "../../src/core/text.ts";

// The typed-array postings exist only for speed: answers must rank exactly as MiniSearch ranks,
// and snapshots must stay what MiniSearch itself would write.
const corpus = buildCorpus({ size: 1500, seed: 11, source: "zipf" });

/** MiniSearch fed the way citebot indexed passages before the postings existed. */
function referenceMiniSearch(order: "forward" | "reverse" = "forward") {
  const mini = new MiniSearch(MINISEARCH_OPTIONS);
  const docs = corpus.passages.map((p, id) => ({
    id,
    text: toTerms(p.text).join(" "),
    head: toTerms(`${corpus.titles.get(p.file) ?? ""} ${p.section ?? ""}`).join(" "),
  }));
  mini.addAll(order === "forward" ? docs : docs.reverse());
  return mini;
}

// Built once for the file: an index is never changed after it is built, and building it (and the
// reference) for each test was most of this file's time.
let built: SearchIndex;
let forward: MiniSearch;
beforeAll(async () => {
  built = await buildIndex(corpus.passages, corpus.titles);
  forward = referenceMiniSearch();
});

const byTerm = (plain: AsPlainObject) => ({
  ...plain,
  index: [...plain.index].sort(([a], [b]) => (a < b ? -1 : 1)),
});

describe("searchTerms over typed postings", () => {
  it("returns MiniSearch's results, scores and matched terms, for built and reloaded indexes", async () => {
    const reloaded = deserializeIndex(JSON.parse(JSON.stringify(serializeIndex(built))), corpus.passages);
    const reference: SearchIndex = { ...built, mini: forward, postings: undefined };
    const questions = makeQuestions(corpus.passages, 15, 11);
    let compared = 0;
    for (const index of [built, reloaded]) {
      expect(index.postings).toBeDefined();
      const ctx = { index, documents: corpus.documents, concepts: NO_CONCEPTS, signals: ALL_SIGNALS };
      for (const q of questions) {
        const weights = new Map<string, number>();
        for (const c of analyzeQuestion(ctx, q.text)) {
          for (const alt of c.alternatives)
            for (const t of alt.terms) weights.set(t, Math.max(weights.get(t) ?? 0, alt.weight));
        }
        const fast = searchTerms(index, weights, 40);
        const slow = searchTerms(reference, weights, 40);
        expect(fast.map((r) => [r.id, r.score, [...r.terms].sort()])).toEqual(
          slow.map((r) => [r.id, r.score, [...r.terms].sort()]),
        );
        if (slow.length > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it("ranks as MiniSearch when the commonest words are left out of passages no other word reaches", () => {
    // A rare word beside the commonest ones: the common words' other passages cannot reach the
    // top results, and the search skips them (or, when it cannot show that, scores them all).
    const reference: SearchIndex = { ...built, mini: forward, postings: undefined };
    const byDf = [...built.df].sort((a, b) => b[1] - a[1]);
    const common = byDf.slice(0, 3).map(([t]) => t);
    const rare = byDf
      .filter(([, df]) => df >= 2 && df <= 4)
      .slice(0, 5)
      .map(([t]) => t);
    expect(rare.length).toBe(5);
    for (const word of rare)
      for (const limit of [1, 5, 40]) {
        const weights = new Map([
          [common[0] as string, 1],
          [word, 1],
          [common[1] as string, 0.6],
          [common[2] as string, 1],
        ]);
        const fast = searchTerms(built, weights, limit);
        const slow = searchTerms(reference, weights, limit);
        expect(fast.map((r) => [r.id, r.score, [...r.terms].sort()])).toEqual(
          slow.map((r) => [r.id, r.score, [...r.terms].sort()]),
        );
      }
  });

  it("reads snapshots whose MiniSearch ids are not in passage order", async () => {
    const reversed = referenceMiniSearch("reverse");
    const data = { ...serializeIndex(built), mini: JSON.parse(JSON.stringify(reversed)) };
    const loaded = deserializeIndex(data, corpus.passages);
    const reference: SearchIndex = { ...loaded, mini: reversed, postings: undefined };
    for (const q of makeQuestions(corpus.passages, 10, 5)) {
      const weights = new Map(toTerms(q.text).map((t) => [t, 1] as [string, number]));
      const fast = searchTerms(loaded, weights, corpus.passages.length).map((r) => [
        r.id,
        r.score,
        r.terms.sort(),
      ]);
      // MiniSearch breaks ties by insertion order, reversed here: compare all results as sets.
      const slow = searchTerms(reference, weights, corpus.passages.length).map((r) => [
        r.id,
        r.score,
        r.terms.sort(),
      ]);
      expect(new Set(fast.map(String))).toEqual(new Set(slow.map(String)));
    }
  });

  it("writes the snapshot MiniSearch would write, and builds MiniSearch from it on demand", async () => {
    expect(byTerm(serializeIndex(built).mini)).toEqual(byTerm(JSON.parse(JSON.stringify(forward))));
    expect(built.mini.search("zzz").length).toBe(0);
    expect(built.mini.documentCount).toBe(corpus.passages.length);
  });

  it("corrects typos to the same words as one fuzzy walk at the full distance", async () => {
    const index = built;
    const random = seededRandom(3);
    const words = [...index.vocabulary.keys()].filter((w) => w.length >= 5).slice(0, 300);
    let corrected = 0;
    for (const word of words) {
      const typo = addTypo(addTypo(word, random), random);
      const resolved = resolveWord(index, typo);
      // The rule as first written: every match within the distance, keep the closest ones.
      const matches = [...index.vocabulary.fuzzyGet(surfaceForm(typo), maxTypoDistance(surfaceForm(typo)))];
      const best = Math.min(...matches.map(([, [, d]]) => d));
      const expected = matches.filter(([, [t, d]]) => d === best && index.df.has(t)).map(([, [t]]) => t);
      if (resolved?.known) continue;
      if (expected.length) {
        corrected++;
        expect([...(resolved?.terms.keys() ?? [])].sort()).toEqual([...new Set(expected)].sort());
      }
    }
    expect(corrected).toBeGreaterThan(100);
  });
});
