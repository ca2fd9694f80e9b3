/**
 * @module
 * Index terms of a passage and of each of its sentences, computed once per passage and index
 * rather than on every question: choosing quotes re-tokenised and re-stemmed every candidate's
 * sentences, about a third of a warm answer. Cached per index (a reindex builds a new one, so a
 * cache never outlives the passages it describes), least recently used passages first out.
 */
import { LRUCache } from "lru-cache";
import { quotableSpans } from "./passages.ts";
import type { SearchIndex } from "./search-index.ts";
import { toTerms } from "./text.ts";

/** The terms of one passage, as `toTerms` gives them, in sets. */
export interface PassageTerms {
  /**
   * One set per sentence span, in order; a passage without spans counts as one sentence (the
   * whole text), as the answer path treats it.
   */
  sentences: readonly ReadonlySet<string>[];
  /** Terms of the whole passage text. */
  passage: ReadonlySet<string>;
}

/** Passages remembered per index: the candidates of a few hundred recent questions. */
const CACHED_PASSAGES = 20_000;
const caches = new WeakMap<SearchIndex, LRUCache<number, PassageTerms>>();

/**
 * The terms of passage `id` of `index`, computed on first use.
 *
 * @example
 * ```ts
 * const { sentences } = passageTerms(ctx.index, id);
 * sentences[0].has("flood"); // same as new Set(toTerms(firstSentence)).has("flood")
 * ```
 */
export function passageTerms(index: SearchIndex, id: number): PassageTerms {
  let cache = caches.get(index);
  if (!cache) {
    cache = new LRUCache({ max: CACHED_PASSAGES });
    caches.set(index, cache);
  }
  let terms = cache.get(id);
  if (!terms) {
    const passage = index.passages[id];
    if (!passage) throw new RangeError(`citebot: no passage ${id} in this index`);
    const spans = quotableSpans(passage);
    terms = {
      sentences: spans.map((s) => new Set(toTerms(passage.text.slice(s.start, s.end)))),
      passage: new Set(toTerms(passage.text)),
    };
    cache.set(id, terms);
  }
  return terms;
}
