/**
 * @module
 * Known-item questions: each is written from one passage (its "known item"), in three styles —
 * keywords, a natural-language question full of stop words, and the same question with one typo —
 * so recall says whether an engine finds the passage the asker had in mind.
 */
import { eng } from "stopword";
import type { Passage } from "../src/core/passages.ts";
import { type Random, randomInt, seededRandom } from "./rng.ts";

export type QuestionStyle = "keywords" | "natural" | "typo";
export const QUESTION_STYLES: readonly QuestionStyle[] = ["keywords", "natural", "typo"];

/** A question and the passage (index into the corpus) it was written from. */
export interface KnownItemQuestion {
  style: QuestionStyle;
  text: string;
  target: number;
}

// Shaped like questions people type; every one carries stop words that occur in every passage.
const TEMPLATES = [
  "how do i {0} the {1} with {2}?",
  "what is the {0} of the {1} when {2} is set?",
  "where can i find {0} for the {1} in {2}?",
  "why does the {0} not {1} my {2}?",
  "is there a way to {0} a {1} from the {2}?",
  "can you tell me how {0} and {1} work with {2}?",
];

/** Common English words a person would not pick as the words that find a passage. */
const COMMON = new Set(eng);

/**
 * Content words of a passage a person might pick: runs of letters as written (lower-cased), not
 * common words, not tiny. Deliberately not citebot's tokenizer, stop list or stemmer: questions
 * written with the engine's own text processing would flatter it.
 */
function candidateWords(passage: Passage): string[] {
  const words = new Set<string>();
  for (const [word] of passage.text.toLowerCase().matchAll(/[a-z]+/g)) {
    if (word.length >= 4 && word.length <= 20 && !COMMON.has(word)) words.add(word);
  }
  return [...words];
}

/** Document frequency of each candidate word, to prefer the words that tell passages apart. */
function wordDf(passages: readonly Passage[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of passages) for (const w of candidateWords(p)) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

/** Picks `n` distinct words, each with probability rising with its rarity (idf). */
function pickWords(
  words: string[],
  df: Map<string, number>,
  total: number,
  n: number,
  random: Random,
): string[] {
  const pool = words.map((w) => ({ w, weight: Math.log(total / (df.get(w) ?? 1)) + 0.1 }));
  const picked: string[] = [];
  while (picked.length < n && pool.length > 0) {
    let x = random() * pool.reduce((s, p) => s + p.weight, 0);
    let i = 0;
    while (i < pool.length - 1 && x > (pool[i]?.weight ?? 0)) x -= pool[i++]?.weight ?? 0;
    picked.push((pool.splice(i, 1)[0] as { w: string }).w);
  }
  return picked;
}

/** One typo: a substitution, deletion, insertion or transposition, at any position, the first included. */
export function addTypo(word: string, random: Random): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const at = randomInt(random, word.length);
  const letter = letters[randomInt(random, letters.length)] as string;
  switch (randomInt(random, 4)) {
    case 0:
      return word.slice(0, at) + (letter === word[at] ? "q" : letter) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + letter + word.slice(at);
    default:
      return at < word.length - 1
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
        : `${word}s`;
  }
}

/**
 * Writes `count` known-item questions per style from passages chosen with the seed.
 *
 * @example
 * ```ts
 * const questions = makeQuestions(corpus.passages, 50, 42);
 * questions.filter((q) => q.style === "typo").length; // 50
 * ```
 */
export function makeQuestions(
  passages: readonly Passage[],
  count: number,
  seed: number,
): KnownItemQuestion[] {
  const random = seededRandom(seed ^ 0x5eed);
  const df = wordDf(passages);
  const out: KnownItemQuestion[] = [];
  const seen = new Set<string>();
  // Bounded: passages with fewer than three usable words are skipped, at most 50 tries per question.
  for (let tries = 0; out.length < count * QUESTION_STYLES.length && tries < count * 50; tries++) {
    const target = randomInt(random, passages.length);
    const words = candidateWords(passages[target] as Passage);
    if (words.length < 3) continue;
    const [a = "", b = "", c = ""] = pickWords(words, df, passages.length, 3, random);
    const template = TEMPLATES[randomInt(random, TEMPLATES.length)] as string;
    const fill = (ws: string[]) => template.replace(/\{(\d)\}/g, (_, i: string) => ws[Number(i)] ?? "");
    const longest = [a, b, c].reduce((x, y) => (y.length > x.length ? y : x));
    const typoed = [a, b, c].map((w) => (w === longest ? addTypo(w, random) : w));
    // Distinct questions only: a repeat measures nothing new (and an engine's cache would answer it).
    const natural = fill([a, b, c]);
    const keywords = [a, b, c].sort().join(" ");
    if (seen.has(natural) || seen.has(keywords) || seen.has(fill(typoed))) continue;
    seen.add(natural).add(keywords).add(fill(typoed));
    out.push({ style: "keywords", text: `${a} ${b} ${c}`, target });
    out.push({ style: "natural", text: natural, target });
    out.push({ style: "typo", text: fill(typoed), target });
  }
  return out;
}
