/**
 * @module
 * Which language a document, paragraph or question is in: front matter first, then the writing
 * system, then statistics (franc) when the text is long enough to tell.
 */
import { createRequire } from "node:module";
import { francAll } from "franc-min";

const ISO_639_3_TO_1: Record<string, string> = {
  eng: "en",
  hin: "hi",
  spa: "es",
  fra: "fr",
  deu: "de",
  por: "pt",
  ita: "it",
  nld: "nl",
  rus: "ru",
  ukr: "uk",
  arb: "ar",
  urd: "ur",
  ben: "bn",
  mar: "mr",
  ind: "id",
  zlm: "ms",
  tur: "tr",
  pol: "pl",
  jpn: "ja",
  cmn: "zh",
  kor: "ko",
  vie: "vi",
  tha: "th",
  swe: "sv",
};

/**
 * Detects a text's language as an ISO 639-1 code (639-3 when there is no 2-letter code), or
 * `undefined` when the text is too short to say. Mixed documents get their majority language.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, 5000);
  // Most documents are English, and English says so in its function words: a tenth of the
  // words being "the", "of", "and", …, "the" among them, settles it without the statistical
  // detector, which took 3–4 ms a document (a third of a cold start over thousands of files).
  // Checked first, as counting every letter below costs more than the check.
  // The whole sample is tried too when its start is not prose (a list of command names, a
  // table): a tenth of man pages began so, and each went to the detector.
  if (!DEVANAGARI_LETTER.test(sample) && (looksEnglish(sample.slice(0, 1500)) || looksEnglish(sample)))
    return "en";
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return undefined;
  // Script first: a page that is mostly Devanagari is Hindi even when its headline is English.
  const devanagari = sample.match(/[\u0900-\u097F]/g)?.length ?? 0;
  if (devanagari / letters > 0.4) return "hi";
  if (looksEnglish(sample.slice(0, 1500))) return "en";
  const [best] = francAll(sample.slice(0, 2000), { minLength: 20 });
  if (!best || best[0] === "und") return undefined;
  return ISO_639_3_TO_1[best[0]] ?? best[0];
}

const DEVANAGARI_LETTER = /[\u0900-\u097F]/;

/** The commonest English function words: frequent in any English text, rare in other languages'. */
const ENGLISH_FUNCTION_WORDS = new Set(
  "the of and to in is that for it with as was on be by this are or from at an not which have has its can if".split(
    " ",
  ),
);

/**
 * Whether a tenth of a text's words are common English function words, "the" among them (a
 * word no other language written in Latin letters uses; "in", "an", "or" are German or French too).
 */
function looksEnglish(text: string): boolean {
  let words = 0;
  let english = 0;
  let the = false;
  let letters = 0;
  for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) {
    words++;
    letters += word.length;
    if (ENGLISH_FUNCTION_WORDS.has(word)) english++;
    if (word === "the") the = true;
  }
  return the && words >= 10 && letters >= 20 && english >= 0.1 * words;
}

const SCRIPTS = [
  "Latin",
  "Devanagari",
  "Cyrillic",
  "Arabic",
  "Han",
  "Hiragana",
  "Hangul",
  "Greek",
  "Hebrew",
  "Thai",
  "Bengali",
  "Tamil",
];
const NOT_LATIN_RANGE = /[^\t\n\r -\u024F]/;
const LATIN_LETTER = /\p{Script=Latin}/u;
const SCRIPT_RES = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, "gu")] as const);

/**
 * The writing system most of a text's letters are in ("Latin", "Devanagari", …), from its first
 * 400 characters; `undefined` for text without letters. Cheap enough to run on every paragraph.
 */
export function dominantScript(text: string): string | undefined {
  const sample = text.slice(0, 400);
  // Most paragraphs are Latin letters and ASCII punctuation only: one test instead of twelve
  // regular-expression scans (every letter below U+0250 is of the Latin script).
  if (!NOT_LATIN_RANGE.test(sample)) return LATIN_LETTER.test(sample) ? "Latin" : undefined;
  let best: string | undefined;
  let most = 0;
  for (const [name, re] of SCRIPT_RES) {
    const count = sample.match(re)?.length ?? 0;
    if (count > most) {
      most = count;
      best = name;
    }
  }
  return best;
}

const romanizedHindi = new Set(
  (createRequire(import.meta.url)("./lexicon/romanized-hindi.json") as { words: string[] }).words,
);

/** A Hindi function word typed in Latin letters ("hai", "kya", "mera"). */
export const isRomanizedHindiWord = (word: string) => romanizedHindi.has(word.toLowerCase());

/**
 * Hindi typed in Latin letters ("whatsapp mera data bechta hai kya"): at least two Hindi function
 * words, making up a quarter of the words. English shares almost none of them ("to", "me" and
 * "the" alone never make a question Hindi).
 */
export function isRomanizedHindi(question: string): boolean {
  const words = question.toLowerCase().match(/[a-z]+/g) ?? [];
  const hindi = words.filter((w) => romanizedHindi.has(w) && !["to", "me", "the", "hi", "na"].includes(w));
  return hindi.length >= 2 && hindi.length / words.length >= 0.25;
}

/**
 * Language of a question: Devanagari means Hindi, and so does Hindi typed in Latin letters; a
 * long question goes to the detector; a short Latin-script one is taken as English (a handful of
 * words is too little for statistics).
 */
export function questionLanguage(question: string): string {
  const letters = question.match(/\p{L}/gu)?.length ?? 0;
  const devanagari = question.match(/[\u0900-\u097F]/g)?.length ?? 0;
  if (letters > 0 && devanagari / letters > 0.3) return "hi";
  if (isRomanizedHindi(question)) return "hi";
  return (letters >= 60 && detectLanguage(question)) || "en";
}
