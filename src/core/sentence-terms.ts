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
import { type Span, tokenize, toTerm, toTerms } from "./text.ts";

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
    terms = termsOf(passage.text, quotableSpans(passage));
    cache.set(id, terms);
  }
  return terms;
}

/**
 * Tokenises the text once and hands each token to the sentence span holding it: the same sets as
 * tokenising every sentence and the whole text apart, for half the work. Text with characters
 * that `tokenize` removes, or a token across a span's edge, takes the slower way, which is the
 * definition.
 */
function termsOf(text: string, spans: readonly Span[]): PassageTerms {
  const sentences = spans.map(() => new Set<string>());
  const passage = new Set<string>();
  if (/[\u200C\u200D]/.test(text)) return termsBySlices(text, spans);
  let at = 0;
  let s = 0;
  for (const token of tokenize(text)) {
    const start = text.indexOf(token, at);
    const end = start + token.length;
    at = end;
    const term = toTerm(token);
    while (s < spans.length && (spans[s] as Span).end <= start) s++;
    const span = spans[s];
    const inside = span !== undefined && span.start <= start && end <= span.end;
    if (!inside && span !== undefined && span.start < end) return termsBySlices(text, spans);
    if (!term) continue;
    passage.add(term);
    if (inside) (sentences[s] as Set<string>).add(term);
  }
  return { sentences, passage };
}

function termsBySlices(text: string, spans: readonly Span[]): PassageTerms {
  return {
    sentences: spans.map((s) => new Set(toTerms(text.slice(s.start, s.end)))),
    passage: new Set(toTerms(text)),
  };
}
