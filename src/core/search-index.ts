/**
 * @module
 * The MiniSearch index over passages. Text is turned into terms once, by citebot (tokenize, stop
 * words, stemming), and MiniSearch indexes those terms as given: one options constant serves
 * building and loading, and questions resolve their words to index terms (exact, stemmed, or
 * fuzzy over the words the documents really contain) before MiniSearch sees them.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { type Passage, quotableSpans } from "./passages.ts";
import {
  type Postings,
  PostingsBuilder,
  postingsFromPlain,
  postingsToPlain,
  passagesWith as postingsWith,
  searchPostings,
} from "./postings.ts";
import { SentenceTermsBuilder, type SentenceTermTable, tokenSlots } from "./sentence-terms.ts";
import { adjacentSwaps, isTypingSlip, surfaceForm, tokenize, toTerm } from "./text.ts";

/** A passage as MiniSearch stores it: its id and space-joined index terms per field. */
interface IndexedPassage {
  id: number;
  text: string;
  head: string;
}

/**
 * The one MiniSearch options object, for `new MiniSearch` and `MiniSearch.loadJSON` alike.
 * Fields hold pre-computed terms, so tokenizing is a split and terms pass through unchanged.
 */
export const MINISEARCH_OPTIONS: Options<IndexedPassage> = Object.freeze<Options<IndexedPassage>>({
  idField: "id",
  fields: ["text", "head"],
  storeFields: [],
  tokenize: (terms: string) => terms.split(" "),
  processTerm: (term: string) => term || null,
  searchOptions: { boost: { text: 1, head: 0.6 }, fuzzy: false, prefix: false, combineWith: "OR" },
});

/** Everything needed to search: the MiniSearch index plus the term statistics citebot keeps. */
export interface SearchIndex {
  /** The index as a MiniSearch (made on first use from {@link SearchIndex.postings}). */
  mini: MiniSearch<IndexedPassage>;
  passages: Passage[];
  /** Passages containing each index term (document frequency). */
  df: Map<string, number>;
  /** Every surface word of the documents → its index term; the dictionary for typo correction. */
  vocabulary: SearchableMap<string>;
  /** Words the documents write capitalised nearly every time (names: "whatsapp", "carmack"). */
  names: ReadonlySet<string>;
  /**
   * The same postings in typed arrays, which {@link searchTerms} scores (same scores as `mini`,
   * several times faster on large corpora). Absent only on hand-made indexes.
   */
  postings?: Postings;
  /** Each passage's sentence terms, as postings term ids (see `sentence-terms.ts`); absent on hand-made indexes. */
  sentenceTerms?: SentenceTermTable;
}

/** Field names in search order (the order of a snapshot's field tables). */
export const FIELD_NAMES: readonly string[] = Object.freeze([...MINISEARCH_OPTIONS.fields]);

/** Fields in search order with their boosts, read from {@link MINISEARCH_OPTIONS}. */
const FIELDS = MINISEARCH_OPTIONS.fields.map((name) => ({
  name,
  boost: MINISEARCH_OPTIONS.searchOptions?.boost?.[name] ?? 1,
}));

/** How {@link buildIndex} reports progress on large corpora. */
export type BuildProgress = (done: number, total: number) => void;

/** A surface word of the documents: its index term and how often it occurs, and capitalised. */
interface SurfaceWord {
  surface: string;
  term: string | null;
  total: number;
  capitalised: number;
  /** Capitalised occurrences past their sentence's first word: a sign of a name even when rare. */
  capitalisedInside: number;
}

/**
 * Turns text into index terms, remembering each raw token's surface word: a corpus repeats its
 * tokens, so lower-casing, folding and stemming run once per distinct token rather than once per
 * occurrence (they were half of building the index).
 */
class TermReader {
  readonly surfaces = new Map<string, SurfaceWord>();
  readonly #tokens = new Map<string, { word: SurfaceWord; capitalised: boolean }>();

  /** Terms of a text in order; `count` records the surface words' occurrences (passage text only). */
  terms(text: string, count: boolean): string[] {
    const out: string[] = [];
    for (const term of this.tokenTerms(tokenize(text), count)) if (term) out.push(term);
    return out;
  }

  /**
   * The term of each token, `null` for stop words. `slots` (each token's sentence, when known)
   * tells a capital inside a sentence from one that only opens it.
   */
  tokenTerms(tokens: readonly string[], count: boolean, slots?: readonly number[]): (string | null)[] {
    const out: (string | null)[] = new Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k] as string;
      let seen = this.#tokens.get(token);
      if (!seen) {
        const surface = surfaceForm(token);
        let word = this.surfaces.get(surface);
        if (!word) {
          // A surface word's term is that of the first token seen with it, as it always was.
          word = { surface, term: toTerm(token), total: 0, capitalised: 0, capitalisedInside: 0 };
          this.surfaces.set(surface, word);
        }
        seen = { word, capitalised: token.charCodeAt(0) !== surface.charCodeAt(0) };
        this.#tokens.set(token, seen);
      }
      if (count) {
        seen.word.total++;
        if (seen.capitalised) {
          seen.word.capitalised++;
          if (slots && k > 0 && slots[k] === slots[k - 1]) seen.word.capitalisedInside++;
        }
      }
      out[k] = seen.word.term;
    }
    return out;
  }
}

/**
 * Builds the index, yielding to the event loop between chunks so the live index keeps answering
 * while a large reindex runs.
 *
 * @example
 * ```ts
 * const index = await buildIndex(passages, new Map([["a.md", "Title"]]));
 * ```
 */
export async function buildIndex(
  passages: Passage[],
  titles: ReadonlyMap<string, string>,
  onProgress?: BuildProgress,
): Promise<SearchIndex> {
  const reader = new TermReader();
  const headCache = new Map<string, readonly string[]>();
  const postings = new PostingsBuilder(FIELDS.length, passages.length);
  const sentenceTerms = new SentenceTermsBuilder();
  const CHUNK = 2000;
  for (let start = 0; start < passages.length; start += CHUNK) {
    for (let id = start; id < Math.min(start + CHUNK, passages.length); id++) {
      const p = passages[id] as Passage;
      const tokens = tokenize(p.text);
      const spans = quotableSpans(p);
      const slots = tokenSlots(p.text, spans, tokens);
      const tokenTerms = reader.tokenTerms(tokens, true, slots);
      const terms = tokenTerms.filter((t): t is string => t !== null);
      const headKey = `${p.file}\u0000${p.section ?? ""}`;
      let head = headCache.get(headKey);
      if (head === undefined) {
        head = reader.terms(`${titles.get(p.file) ?? ""} ${p.section ?? ""}`, false);
        headCache.set(headKey, head);
      }
      postings.add([terms, head]);
      sentenceTerms.add(slots, spans.length, tokens, tokenTerms, (t) => postings.idOf(t));
    }
    onProgress?.(Math.min(start + CHUNK, passages.length), passages.length);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const vocabulary = new SearchableMap<string>();
  const names = new Set<string>();
  for (const word of reader.surfaces.values()) {
    if (word.term && word.surface.length >= 3) vocabulary.set(word.surface, word.term);
    if (isName(word)) names.add(word.surface);
  }
  const built = postings.finish();
  return withPostings(
    { passages, df: textDf(built), vocabulary, names, sentenceTerms: sentenceTerms.finish() },
    built,
  );
}

/** Passages holding each term in their text: the length of its text posting list. */
function textDf(postings: Postings): Map<string, number> {
  const text = postings.fields[0] as Postings["fields"][number];
  const df = new Map<string, number>();
  for (const [term, tid] of postings.terms) {
    const n = (text.offsets[tid + 1] as number) - (text.offsets[tid] as number);
    if (n > 0) df.set(term, n);
  }
  return df;
}

/**
 * Names are words written capitalised at least 90% of the time and not stop words: seen at least
 * twice (a word that only ever starts a sentence is not a name), or once, capitalised inside a
 * sentence ("platforms like Signal and Telegram").
 */
const isName = ({ surface, total, capitalised, capitalisedInside }: SurfaceWord) =>
  ((total >= 2 && capitalised >= 0.9 * total) || (total === 1 && capitalisedInside === 1)) &&
  toTerm(surface) !== null;

/** Serialisable form of a {@link SearchIndex} (for the snapshot). */
export interface SerializedIndex {
  mini: AsPlainObject;
  df: [string, number][];
  vocabulary: [string, string][];
  names: string[];
}

export function serializeIndex(index: SearchIndex): SerializedIndex {
  return {
    mini: index.postings
      ? postingsToPlain(
          index.postings,
          FIELDS.map((f) => f.name),
        )
      : index.mini.toJSON(),
    df: [...index.df],
    vocabulary: [...index.vocabulary],
    names: [...index.names],
  };
}

export function deserializeIndex(data: SerializedIndex, passages: Passage[]): SearchIndex {
  const vocabulary = new SearchableMap<string>();
  for (const [k, v] of data.vocabulary) vocabulary.set(k, v);
  const postings = postingsFromPlain(
    data.mini,
    FIELDS.map((f) => f.name),
  );
  return withPostings({ passages, df: new Map(data.df), vocabulary, names: new Set(data.names) }, postings);
}

/**
 * An index from its parts as a binary snapshot stores them (see `snapshot-body.ts`).
 *
 * @example
 * ```ts
 * const index = assembleIndex({ passages, df, vocabulary: [["messages", "messag"]], names }, postings);
 * ```
 */
export function assembleIndex(
  parts: Omit<SearchIndex, "mini" | "postings" | "vocabulary"> & { vocabulary: Iterable<[string, string]> },
  postings: Postings,
): SearchIndex {
  const vocabulary = new SearchableMap<string>();
  for (const [k, v] of parts.vocabulary) vocabulary.set(k, v);
  return withPostings({ ...parts, vocabulary }, postings);
}

/**
 * Completes an index around its postings. `mini` is made from them on first use only: nothing in
 * the answer path reads it, and building it took half of the build time and most of the heap.
 */
function withPostings(parts: Omit<SearchIndex, "mini" | "postings">, postings: Postings): SearchIndex {
  let mini: MiniSearch<IndexedPassage> | undefined;
  const index = { ...parts, postings } as SearchIndex;
  Object.defineProperty(index, "mini", {
    enumerable: true,
    configurable: true,
    get: () => {
      mini ??= MiniSearch.loadJS<IndexedPassage>(
        postingsToPlain(
          postings,
          FIELDS.map((f) => f.name),
        ),
        MINISEARCH_OPTIONS,
      );
      return mini;
    },
  });
  return index;
}

/** A query word resolved to index terms, with how confident the resolution is. */
export interface ResolvedWord {
  word: string;
  /** Index terms this word may stand for, each with a weight in (0, 1]. */
  terms: Map<string, number>;
  /** The word is in the documents (exactly or after stemming) rather than guessed by fuzzy matching. */
  known: boolean;
  /**
   * The word a mistyped one was taken for: the first of the documents' closest words ("deccide":
   * "decide"), or the English word it misspells.
   */
  meant?: string;
}

/** Edit distance allowed when correcting a typo: none for short words, where guesses go wrong. */
export function maxTypoDistance(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

/**
 * Resolves a question word to index terms: the word itself, its stem, or (for longer words not
 * in the documents) the closest words the documents contain. `typoDistance` says how many edits
 * an unknown word may be off by: none for a real word the documents lack ("servers" is not
 * corrected into "serves"), more for one that is no word at all ("chnage").
 */
export function resolveWord(
  index: SearchIndex,
  token: string,
  typoDistance: (word: string) => number = maxTypoDistance,
): ResolvedWord | null {
  const term = toTerm(token);
  if (!term) return null;
  const word = surfaceForm(token);
  const terms = new Map<string, number>();
  if (index.df.has(term)) {
    terms.set(term, 1);
    return { word, terms, known: true };
  }
  const exact = index.vocabulary.get(word);
  if (exact && index.df.has(exact)) {
    terms.set(exact, 1);
    return { word, terms, known: true };
  }
  const distance = typoDistance(word);
  if (distance > 0) {
    // Distance 1 first: when it finds anything, the closest matches are among them and the far
    // wider distance-2 walk of the vocabulary would add only matches that are then discarded.
    let matches = [...index.vocabulary.fuzzyGet(word, 1)];
    if (matches.length === 0 && distance > 1) matches = [...index.vocabulary.fuzzyGet(word, distance)];
    // Two letters swapped count as one slip, not two edits ("encrpiton": "ti" swapped, "y" left
    // out): the word with each adjacent pair put back, one edit closer.
    if (matches.length === 0 && distance > 1)
      for (const swapped of adjacentSwaps(word))
        for (const [key, [candidate, d]] of index.vocabulary.fuzzyGet(swapped, distance - 1))
          matches.push([key, [candidate, d + 1]]);
    const best = Math.min(...matches.map(([, [, d]]) => d));
    const closest = matches.filter(([, [candidate, d]]) => d === best && index.df.has(candidate));
    // One edit from several of the documents' words, the word is the one a typist's slip explains.
    const slips = best === 1 && closest.length > 1 ? closest.filter(([key]) => isTypingSlip(word, key)) : [];
    let meant: string | undefined;
    for (const [key, [candidate]] of slips.length > 0 ? slips : closest) {
      terms.set(candidate, 0.8);
      meant ??= key;
    }
    if (meant !== undefined) return { word, terms, known: false, meant };
  }
  // Unknown words stay in the query: they are evidence that the documents may not cover it.
  if (terms.size === 0) terms.set(term, 1);
  return { word, terms, known: false };
}

/** The passages whose text holds index term `term`, in passage order (none on hand-made indexes). */
export function passagesWith(index: SearchIndex, term: string): ArrayLike<number> {
  return index.postings ? postingsWith(index.postings, term) : [];
}

/** Runs MiniSearch over resolved terms; each term's weight boosts its score. */
export function searchTerms(index: SearchIndex, weights: Map<string, number>, limit: number): SearchResult[] {
  const present = [...weights].filter(([t]) => index.df.has(t));
  if (present.length === 0) return [];
  if (index.postings) {
    return searchPostings(index.postings, present, FIELDS, limit).map((r) => ({ ...r, queryTerms: r.terms }));
  }
  const terms = present.map(([t]) => t);
  const results = index.mini.search(terms.join(" "), {
    boostTerm: (term) => weights.get(term) ?? 1,
  });
  return results.slice(0, limit);
}
