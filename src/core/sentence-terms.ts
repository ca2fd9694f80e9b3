/**
 * @module
 * Index terms of a passage and of each of its sentences. Choosing quotes re-tokenised and
 * re-stemmed every candidate's sentences, about a third of a warm answer, and most candidates of
 * a new question are passages no recent question touched, so a cache alone does not help: the
 * index records each sentence's term ids when it is built ({@link SentenceTermTable}, kept in the
 * snapshot), and a question only turns ids back into sets. Passages the table does not hold
 * (hand-made indexes, text the table cannot align) are tokenised on first use. Either way the
 * sets are cached per index (a reindex builds a new one, so a cache never outlives the passages it
 * describes), least recently used passages first out.
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
    // No more slots than passages: an LRU allocates them all when made (2.5 ms for 20k).
    cache = new LRUCache({ max: Math.max(1, Math.min(CACHED_PASSAGES, index.passages.length)) });
    caches.set(index, cache);
  }
  let terms = cache.get(id);
  if (!terms) {
    const passage = index.passages[id];
    if (!passage) throw new RangeError(`citebot: no passage ${id} in this index`);
    terms = fromTable(index, id) ?? termsOf(passage.text, quotableSpans(passage));
    cache.set(id, terms);
  }
  return terms;
}

/**
 * Each passage's sentence terms as postings term ids, in compressed-sparse-row form: passage `p`
 * has slots `passageSlots[p]` … `passageSlots[p + 1] - 1`, one per quotable span and a last one
 * for terms outside every span; slot `k` holds `ids[slotStarts[k]]` … `ids[slotStarts[k + 1] - 1]`,
 * each term once, in order of first occurrence. A passage with no slots is not in the table.
 */
export interface SentenceTermTable {
  passageSlots: Uint32Array;
  slotStarts: Uint32Array;
  ids: Uint32Array;
}

const termLists = new WeakMap<SearchIndex, string[]>();

function fromTable(index: SearchIndex, id: number): PassageTerms | undefined {
  const table = index.sentenceTerms;
  const postings = index.postings;
  if (!table || !postings) return undefined;
  const from = table.passageSlots[id] as number;
  const to = table.passageSlots[id + 1] as number;
  if (to <= from) return undefined;
  let list = termLists.get(index);
  if (!list) {
    list = new Array<string>(postings.terms.size);
    for (const [term, tid] of postings.terms) list[tid] = term;
    termLists.set(index, list);
  }
  const terms = list;
  const sentences: Set<string>[] = [];
  for (let slot = from; slot < to - 1; slot++) {
    const set = new Set<string>();
    for (let i = table.slotStarts[slot] as number; i < (table.slotStarts[slot + 1] as number); i++)
      set.add(terms[table.ids[i] as number] as string);
    sentences.push(set);
  }
  // The whole passage's set is made on first use: answers read it for few of their candidates
  // (the lexical ones come with the terms they matched).
  let passage: Set<string> | undefined;
  return {
    sentences,
    get passage() {
      if (!passage) {
        passage = new Set<string>();
        const end = table.slotStarts[to] as number;
        for (let i = table.slotStarts[from] as number; i < end; i++)
          passage.add(terms[table.ids[i] as number] as string);
      }
      return passage;
    },
  };
}

/** A growing Uint32Array. */
class Column {
  data = new Uint32Array(1024);
  size = 0;
  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = value;
  }
  finish(): Uint32Array {
    return this.data.slice(0, this.size);
  }
}

/**
 * Collects a {@link SentenceTermTable} passage by passage, in passage order, while the index is
 * built from the same tokens.
 */
export class SentenceTermsBuilder {
  readonly #passageSlots = new Column();
  readonly #slotStarts = new Column();
  readonly #ids = new Column();
  /** `seen[tid] === serial`: the term is already in the current slot. */
  #seen = new Int32Array(1024);
  #serial = 0;

  constructor() {
    this.#passageSlots.push(0);
    this.#slotStarts.push(0);
  }

  /**
   * Adds the next passage: the sentence span of each of its tokens ({@link tokenSlots}), the
   * tokens in order, each token's term (or `null` for a stop word) and the term's id. A passage
   * without slots (its tokens do not sit inside its spans exactly as `termsOf` would cut them) is
   * left out, to be tokenised on first use.
   */
  add(
    slots: readonly number[] | undefined,
    spanCount: number,
    tokens: readonly string[],
    terms: readonly (string | null)[],
    idOf: (term: string) => number,
  ): void {
    if (slots) {
      for (let slot = 0; slot <= spanCount; slot++) {
        const serial = ++this.#serial;
        for (let k = 0; k < tokens.length; k++) {
          const term = terms[k];
          if (slots[k] !== slot || !term) continue;
          const tid = idOf(term);
          if (tid >= this.#seen.length) {
            const grown = new Int32Array(Math.max(tid + 1, this.#seen.length * 2));
            grown.set(this.#seen);
            this.#seen = grown;
          }
          if (this.#seen[tid] === serial) continue;
          this.#seen[tid] = serial;
          this.#ids.push(tid);
        }
        this.#slotStarts.push(this.#ids.size);
      }
    }
    this.#passageSlots.push(this.#slotStarts.size - 1);
  }

  finish(): SentenceTermTable {
    return {
      passageSlots: this.#passageSlots.finish(),
      slotStarts: this.#slotStarts.finish(),
      ids: this.#ids.finish(),
    };
  }
}

/**
 * Tokenises the text once and hands each token to the sentence span holding it: the same sets as
 * tokenising every sentence and the whole text apart, for half the work. Text with characters
 * that `tokenize` removes, or a token across a span's edge, takes the slower way, which is the
 * definition.
 */
function termsOf(text: string, spans: readonly Span[]): PassageTerms {
  const tokens = tokenize(text);
  const slots = tokenSlots(text, spans, tokens);
  if (!slots) return termsBySlices(text, spans);
  const sentences = spans.map(() => new Set<string>());
  const passage = new Set<string>();
  tokens.forEach((token, k) => {
    const term = toTerm(token);
    if (!term) return;
    passage.add(term);
    sentences[slots[k] as number]?.add(term);
  });
  return { sentences, passage };
}

/**
 * The span each token lies in (`spans.length` for none), finding tokens in order in the text; or
 * `undefined` when slicing the spans would cut the text's tokens differently: a token across a
 * span's edge, or characters (joiners) that `tokenize` removes, so positions do not match.
 */
export function tokenSlots(
  text: string,
  spans: readonly Span[],
  tokens: readonly string[],
): number[] | undefined {
  if (/[\u200C\u200D]/.test(text)) return undefined;
  const slots: number[] = new Array(tokens.length);
  let at = 0;
  let s = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as string;
    const start = text.indexOf(token, at);
    const end = start + token.length;
    at = end;
    while (s < spans.length && (spans[s] as Span).end <= start) s++;
    const span = spans[s];
    const inside = span !== undefined && span.start <= start && end <= span.end;
    if (!inside && span !== undefined && span.start < end) return undefined;
    slots[k] = inside ? s : spans.length;
  }
  return slots;
}

function termsBySlices(text: string, spans: readonly Span[]): PassageTerms {
  return {
    sentences: spans.map((s) => new Set(toTerms(text.slice(s.start, s.end)))),
    passage: new Set(toTerms(text)),
  };
}
