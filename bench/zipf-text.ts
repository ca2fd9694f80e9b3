/**
 * @module
 * Generated prose for machines without man pages: sentences over a seeded vocabulary whose word
 * frequencies follow Zipf's law, with English function words at their real rates, so posting
 * lists have realistic lengths (a few huge, most tiny).
 */
import { type Random, randomInt } from "./rng.ts";

const SYLLABLES =
  "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu an en in on un ar er ir or ur".split(
    " ",
  );
/** The commonest English words, about half of running text. */
const FUNCTION_WORDS =
  "the of and to a in is that for it as with was on be by this are or from at which not have an can but all will if you has their when they there been one so what would more its also into only your other these may some than then them".split(
    " ",
  );
const VOCABULARY_SIZE = 60_000;
const ZIPF_EXPONENT = 1.05;

/** A seeded Zipf text generator. */
export interface ZipfText {
  sentence(): string;
  paragraph(words: number): string;
  title(): string;
}

/**
 * Creates a generator whose content words are pronounceable nonsense ranked by Zipf frequency.
 *
 * @example
 * ```ts
 * const text = createZipfText(seededRandom(1));
 * text.paragraph(60); // "Kolu the bama of rivo…"
 * ```
 */
export function createZipfText(random: Random): ZipfText {
  const words = makeVocabulary(random);
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let r = 0; r < words.length; r++) {
    sum += 1 / (r + 1) ** ZIPF_EXPONENT;
    cumulative[r] = sum;
  }
  const contentWord = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
  const word = () =>
    random() < 0.45 ? (FUNCTION_WORDS[randomInt(random, FUNCTION_WORDS.length)] as string) : contentWord();
  const sentence = () => {
    const n = 8 + randomInt(random, 13);
    const parts = Array.from({ length: n }, word);
    const first = parts[0] as string;
    parts[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${parts.join(" ")}.`;
  };
  return {
    sentence,
    paragraph(target) {
      const out: string[] = [];
      let count = 0;
      while (count < target) {
        const s = sentence();
        out.push(s);
        count += s.split(" ").length;
      }
      return out.join(" ");
    },
    title: () => Array.from({ length: 3 }, contentWord).join(" "),
  };
}

function makeVocabulary(random: Random): string[] {
  const seen = new Set<string>(FUNCTION_WORDS);
  const words: string[] = [];
  // Bounded: each round adds a word unless it collides, and 2–5 syllables give millions of words.
  for (let attempts = 0; words.length < VOCABULARY_SIZE && attempts < VOCABULARY_SIZE * 4; attempts++) {
    const syllables = 2 + randomInt(random, 4);
    let w = "";
    for (let s = 0; s < syllables; s++) w += SYLLABLES[randomInt(random, SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}
