/**
 * @module
 * Names and loanwords across scripts: "Musk" and "मस्क", "data" and "डेटा", "WhatsApp" and
 * "व्हाट्सएप" are the same word written twice. Devanagari is transliterated with Sanscript
 * (`@indic-transliteration/sanscript`, ITRANS), then both sides are reduced to a consonant
 * skeleton that ignores what the two writing systems spell differently (vowels, aspiration,
 * retroflex vs dental, c/k, z/j, w/v). Equal skeletons of four or more letters' words are
 * taken as one word; a rough, cheap rule, so its matches count less than a word itself.
 */
import { createRequire } from "node:module";
import type SearchableMap from "minisearch/SearchableMap";

interface Sanscript {
  t(text: string, from: string, to: string): string;
}

const require = createRequire(import.meta.url);
let sanscript: Sanscript | null | undefined;

function transliterator(): Sanscript | null {
  if (sanscript !== undefined) return sanscript;
  try {
    const mod = require("@indic-transliteration/sanscript") as Sanscript & { default?: Sanscript };
    sanscript = mod.default ?? mod;
  } catch {
    sanscript = null;
  }
  return sanscript;
}

const DEVANAGARI = /[\u0900-\u097F]/;

/**
 * The consonant skeleton of a Latin-script word, or of a Devanagari word after transliteration;
 * `undefined` when the word is too short to compare safely.
 *
 * @example
 * ```ts
 * phoneticKey("Musk") === phoneticKey("मस्क"); // true ("msk")
 * ```
 */
export function phoneticKey(word: string): string | undefined {
  let latin = word;
  if (DEVANAGARI.test(word)) {
    const t = transliterator();
    if (!t) return undefined;
    latin = t.t(word, "devanagari", "itrans");
  } else if (word.length < 4) {
    return undefined;
  }
  const key = latin
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .replace(/ph/g, "f")
    .replace(/c(?=[ei])/g, "s")
    .replace(/ck|c|q/g, "k")
    .replace(/x/g, "ks")
    .replace(/z/g, "j")
    .replace(/w/g, "v")
    .replace(/(?<=[^aeiou])h/g, "")
    .replace(/[aeiouy]/g, "")
    .replace(/(.)\1+/g, "$1");
  return key.length >= 2 ? key : undefined;
}

/** Per vocabulary, per script ("d" Devanagari, "l" Latin): skeleton → index terms. */
const keyCache = new WeakMap<object, Map<"d" | "l", Map<string, string[]>>>();

/**
 * Index terms of the other script whose skeleton equals this word's: Devanagari terms for a
 * Latin word, Latin terms for a Devanagari one. Each script's table is built once per vocabulary,
 * when a word of the other script first asks for it: building both on the first question was
 * most of that question's time on a large English corpus, which needs only the (empty)
 * Devanagari one. An index opened from a snapshot is given its Devanagari table ready-made
 * ({@link rememberDevanagariKeys}): an English question then loads no transliterator.
 */
export function crossScriptTerms(vocabulary: SearchableMap<string>, word: string): string[] {
  const key = phoneticKey(word);
  if (!key) return [];
  return scriptTable(vocabulary, DEVANAGARI.test(word) ? "l" : "d").get(key) ?? [];
}

function tables(vocabulary: SearchableMap<string>): Map<"d" | "l", Map<string, string[]>> {
  let found = keyCache.get(vocabulary);
  if (!found) {
    found = new Map();
    keyCache.set(vocabulary, found);
  }
  return found;
}

function scriptTable(vocabulary: SearchableMap<string>, script: "d" | "l"): Map<string, string[]> {
  const byScript = tables(vocabulary);
  let table = byScript.get(script);
  if (!table) {
    table = new Map();
    for (const [surface, term] of vocabulary) {
      if ((DEVANAGARI.test(surface) ? "d" : "l") !== script) continue;
      const key = phoneticKey(surface);
      if (key) addKeyed(table, key, term);
    }
    byScript.set(script, table);
  }
  return table;
}

function addKeyed(table: Map<string, string[]>, key: string, term: string): void {
  const list = table.get(key) ?? [];
  if (!list.includes(term)) list.push(term);
  table.set(key, list);
}

/**
 * The skeletons of a vocabulary's Devanagari words, each with the word's position in the
 * vocabulary's order (what a snapshot stores, for {@link rememberDevanagariKeys}).
 */
export function devanagariKeys(vocabulary: SearchableMap<string>): { positions: number[]; keys: string[] } {
  const positions: number[] = [];
  const keys: string[] = [];
  let at = 0;
  for (const [surface] of vocabulary) {
    const key = DEVANAGARI.test(surface) ? phoneticKey(surface) : undefined;
    if (key) {
      positions.push(at);
      keys.push(key);
    }
    at++;
  }
  return { positions, keys };
}

/**
 * Gives a vocabulary its Devanagari table from stored skeletons, each with its word's index
 * term, in the vocabulary's order: the table {@link crossScriptTerms} would build.
 */
export function rememberDevanagariKeys(
  vocabulary: SearchableMap<string>,
  keyed: Iterable<[string, string]>,
): void {
  const table = new Map<string, string[]>();
  for (const [key, term] of keyed) addKeyed(table, key, term);
  tables(vocabulary).set("d", table);
}
