/**
 * @module
 * One answer from two libraries: a community's own and the base it includes. Quotes carry no
 * score that compares across two indexes, so each library's ranking is kept and the two are
 * interleaved, the community's first; sources are renumbered once, in the order quotes cite them.
 */
import type { Answer, Quote, Source } from "../core/types.ts";

/**
 * Merges `own` (the community's answer) with `base`; either alone when the other has no quotes.
 *
 * @example
 * ```ts
 * const answer = mergeAnswers(await community.ask(q), await base.ask(q));
 * ```
 */
export function mergeAnswers(own: Answer, base: Answer): Answer {
  if (!own.answered) return base.answered || base.kind === "smalltalk" ? base : own;
  if (!base.answered) return own;
  const quotes: Quote[] = [];
  const sources: Source[] = [];
  // Keyed by which answer and its number there: two libraries may both hold a "faq.md".
  const renumbered = new Map<string, number>();
  const renumber = (from: Answer, tag: string, was: number): number | undefined => {
    const key = `${tag}:${was}`;
    let n = renumbered.get(key);
    if (n === undefined) {
      const source = from.sources.find((s) => s.n === was);
      if (!source) return undefined;
      n = sources.length + 1;
      renumbered.set(key, n);
      sources.push({ ...source, n });
    }
    return n;
  };
  const take = (from: Answer, tag: string, quote: Quote) => {
    const n = renumber(from, tag, quote.source);
    if (n === undefined) return;
    const also = (quote.also ?? []).flatMap((place) => {
      const source = renumber(from, tag, place.source);
      return source === undefined ? [] : [{ ...place, source }];
    });
    const { also: _, ...rest } = quote;
    quotes.push(also.length ? { ...rest, source: n, also } : { ...rest, source: n });
  };
  for (let i = 0; i < Math.max(own.quotes.length, base.quotes.length); i++) {
    const mine = own.quotes[i];
    const theirs = base.quotes[i];
    if (mine) take(own, "own", mine);
    if (theirs) take(base, "base", theirs);
  }
  return { ...own, quotes, sources };
}
