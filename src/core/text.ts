/**
 * @module
 * Text primitives shared by ingest, indexing and answering: normalisation, tokens, terms,
 * sentences and language. Indexing and querying must use the same functions, or terms won't match.
 */
import { stemmer } from "stemmer";
import { eng, hin } from "stopword";
import { IRREGULAR } from "./irregular-verbs.ts";

/**
 * Canonical form of document and question text: NFC, Unix newlines, no zero-width or control
 * characters, single spaces. Newlines survive so that paragraphs can be found.
 */
export function normalizeText(raw: string): string {
  return (
    raw
      .normalize("NFC")
      .replace(/\r\n?/g, "\n")
      // zero-width space, word joiner, BOM and soft hyphen: invisible, but they split words.
      // (ZWJ/ZWNJ stay: Devanagari and emoji need them to render; tokenize() looks past them.)
      .replace(/[\u200B\u2060\uFEFF\u00AD]/g, "")
      // C0/C1 controls except tab and newline
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "")
      .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ")
      .replace(/[ ]{2,}/g, " ")
      .split("\n")
      .map((line) => line.trim())
      .join("\n")
  );
}

// Letters with their combining marks (Devanagari vowel signs are marks) and digits.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*/gu;

/** Splits text into word tokens (original case), keeping Devanagari matras and inner apostrophes. */
export function tokenize(text: string): string[] {
  return text.replace(/\u200C|\u200D/g, "").match(WORD) ?? [];
}

/** ASCII characters as {@link WORD} sees them: 2 a letter, 1 a digit, 0 neither. */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) =>
  /[A-Za-z]/.test(String.fromCharCode(c)) ? 2 : /[0-9]/.test(String.fromCharCode(c)) ? 1 : 0,
);

/** The {@link ASCII_CLASS} of the character at `i`; -1 above 127. */
function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c > 127 ? -1 : (ASCII_CLASS[c] as number);
}

/**
 * How many words {@link tokenize} finds in a text, without making them: quote choice measures
 * every candidate's sentences, and the tokens were garbage at once. ASCII text is counted by
 * hand, by the same rule (a letter or digit, more of them, then apostrophe-and-letters groups);
 * anything else goes through `tokenize`.
 *
 * @example
 * ```ts
 * countWords("Don't set it twice."); // 4, as tokenize gives ["Don't", "set", "it", "twice"]
 * ```
 */
export function countWords(text: string): number {
  let count = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const k = kindAt(text, i);
    if (k < 0) return tokenize(text).length;
    i++;
    if (k === 0) continue;
    count++;
    while (i < n && kindAt(text, i) > 0) i++;
    while (i + 1 < n && text.charCodeAt(i) === 39 && kindAt(text, i + 1) === 2) {
      i += 2;
      while (i < n && kindAt(text, i) === 2) i++;
    }
  }
  // A character above 127 inside a word ends the scan above at it, and is met on the next turn.
  return count;
}

/**
 * The two letters whose Unicode case folding gives ASCII ("ſ" → s, the Kelvin sign → k): text
 * holding one matches an `iu` pattern where a plain `i` pattern, or lower-casing, would not.
 */
export const FOLDS_TO_ASCII = /[\u017F\u212A]/;

/** The English question words, most often asked first ("hwo" is a slip of both "how" and "who"). */
export const QUESTION_WORDS: readonly string[] = [
  "how",
  "what",
  "when",
  "where",
  "why",
  "which",
  "who",
  "whom",
  "whose",
];

/** `word` with the first letter's capital of `typed`, the word it was typed as ("Whta" → "What"). */
export const withCapitalOf = (typed: string, word: string) =>
  /^\p{Lu}/u.test(typed) ? word.charAt(0).toUpperCase() + word.slice(1) : word;

/** The words that swapping two adjacent, different letters of `word` makes, left to right. */
export function adjacentSwaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1]) out.push(`${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`);
  return out;
}

/** A QWERTY keyboard's letter rows and how far each row is shifted right, in keys. */
const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const ROW_SHIFT = [0, 0.25, 0.75];
const KEY_AT = new Map<string, [number, number]>();
KEY_ROWS.forEach((row, r) => {
  for (let c = 0; c < row.length; c++) KEY_AT.set(row[c] as string, [r, c + (ROW_SHIFT[r] as number)]);
});

/** Whether two letters' keys touch on a QWERTY keyboard ("d": s, e, r, f, c, x). */
export function neighbouringKeys(a: string, b: string): boolean {
  const p = KEY_AT.get(a);
  const q = KEY_AT.get(b);
  return !!p && !!q && a !== b && Math.abs(p[0] - q[0]) <= 1 && Math.abs(p[1] - q[1]) <= 1;
}

/** Whether `short` is `word` with one of its letters left out ("wha" of "what"). */
export function isOneLetterShort(short: string, word: string): boolean {
  if (short.length + 1 !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (word.slice(0, i) + word.slice(i + 1) === short) return true;
  return false;
}

/**
 * Whether `typed` is `meant` with one slip of the kinds typists make: a letter left out, one
 * struck for the key beside it, or one struck twice or with a key beside it ("dffer" for
 * "differ"; not "offer", whose "o" is nowhere near a "d"). Lower-case letters.
 */
export function isTypingSlip(typed: string, meant: string): boolean {
  if (typed.length + 1 === meant.length) return isOneLetterShort(typed, meant);
  if (typed.length === meant.length + 1) {
    for (let i = 0; i < typed.length; i++) {
      if (typed.slice(0, i) + typed.slice(i + 1) !== meant) continue;
      const extra = typed[i] as string;
      for (const beside of [typed[i - 1], typed[i + 1]])
        if (beside !== undefined && (beside === extra || neighbouringKeys(extra, beside))) return true;
    }
    return false;
  }
  if (typed.length !== meant.length) return false;
  let at = -1;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === meant[i]) continue;
    if (at >= 0) return false;
    at = i;
  }
  return at >= 0 && neighbouringKeys(typed[at] as string, meant[at] as string);
}

/** Question words and fillers that the general-purpose list leaves in. */
const EXTRA_STOP_WORDS = [
  "when",
  "does",
  "doing",
  "done",
  "will",
  "shall",
  "why",
  "whom",
  "whose",
  "anyone",
  "someone",
  "something",
  "anything",
  "thing",
  "things",
  "please",
  "tell",
  "know",
  "really",
  "actually",
  "just",
  "ever",
  "even",
  "its",
  "i'm",
  "it's",
  "let",
  "us",
  // Pronouns and function words of the standard (Snowball) English list that `stopword` lacks.
  "she",
  "hers",
  "herself",
  "itself",
  "myself",
  "ours",
  "ourselves",
  "theirs",
  "themselves",
  "yours",
  "yourself",
  "yourselves",
  "cannot",
  "ought",
  "having",
  "during",
  "until",
  "further",
  "again",
  "once",
  "क्या",
  "क्यों",
  "कैसे",
  "कब",
  "रही",
  "रहे",
  // Hindi personal pronouns and their possessives, which `stopword`'s list lacks (it has "my",
  // "our", "your" in English): "क्या व्हाट्सएप हमारा डेटा बेचता है?" weighed "हमारा" as a topic.
  "मैं",
  "मेरा",
  "मेरी",
  "मेरे",
  "मुझे",
  "मुझको",
  "हम",
  "हमारा",
  "हमारी",
  "हमारे",
  "हमें",
  "तुम",
  "तुम्हारा",
  "तुम्हारी",
  "तुम्हारे",
  "तुम्हें",
  "आपका",
  "आपकी",
  "आपके",
  "आपको",
  "उसका",
  "उसकी",
  "कहाँ",
  "कहां",
  "करती",
];

/** Words dropped at index and query time: they touch every posting list and carry no meaning. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...hin, ...EXTRA_STOP_WORDS]);

const DEVANAGARI = /[\u0900-\u097F]/;

/**
 * Hindi normalisation: spelling variants that readers treat as the same word (nukta, chandrabindu
 * vs anusvara) collapse, so "ज़्यादा" finds "ज्यादा".
 */
export function normalizeHindi(word: string): string {
  return word.replace(/\u093C/g, "").replace(/\u0901/g, "\u0902");
}

/** Lower-cased surface form of a token (apostrophes folded, possessive dropped). */
export function surfaceForm(token: string): string {
  const lower = token.toLowerCase().replace(/’/g, "'");
  const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower.replace(/'$/, "");
  return DEVANAGARI.test(base) ? normalizeHindi(base) : base;
}

/**
 * Turns a token into an index term, or `null` for a stop word. English (Latin script) terms are
 * Porter-stemmed; other scripts are only normalised.
 *
 * @example
 * ```ts
 * toTerm("Messages"); // "messag"
 * toTerm("the");      // null
 * ```
 */
export function toTerm(token: string): string | null {
  const cached = termCache.get(token);
  if (cached !== undefined) return cached || null;
  const term = computeTerm(token);
  termCache.set(token, term ?? "");
  return term;
}

/**
 * A bounded memo of a pure function of strings: two generations of plain maps, the older dropped
 * when the newer fills and a key found only in the older moved to the newer. Recently used keys
 * survive as in an LRU (dropping one whole map at the bound made every question after it redo
 * its candidates' words), at the cost of a `Map` lookup: an LRU's bookkeeping on every hit was a
 * tenth of an answer.
 */
export class Memo<V> {
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  /** Nothing is allocated up front: an LRU of 20k entries took 2.5 ms to make, in every `npm run ask`. */
  constructor(readonly size: number) {}

  clear(): void {
    this.#young = new Map();
    this.#old = new Map();
  }

  get(key: string): V | undefined {
    const hit = this.#young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.#old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, value: V): void {
    if (this.#young.size >= this.size / 2) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}

/**
 * Remembers `toTerm`, a pure function over a vocabulary that is small next to the text.
 * `null` (a stop word) is stored as "", since no term is "".
 */
const termCache = new Memo<string>(200_000);

/** English contraction endings: "aren't", "they're", "we've", "you'll", "I'd", "I'm". */
const CONTRACTION = /^([a-z]+)(?:n't|'re|'ve|'ll|'d|'m)$/;

/** Whether a contraction is a stop word's: "aren't" (are + not), "can't", "won't", "they're". */
function isStopContraction(surface: string): boolean {
  const base = CONTRACTION.exec(surface)?.[1];
  if (!base) return false;
  // "can't" → "ca", "won't" → "wo", "shan't" → "sha": the base lost its last letters.
  return STOP_WORDS.has(base) || STOP_WORDS.has(`${base}n`) || base === "wo" || base === "sha";
}

function computeTerm(token: string): string | null {
  const surface = surfaceForm(token);
  if (surface.length === 0 || STOP_WORDS.has(surface) || STOP_WORDS.has(token.toLowerCase())) return null;
  if (isStopContraction(surface)) return null;
  // Own keys only: "constructor" is a word, not Object's constructor.
  if (/^[a-z]+$/.test(surface))
    return stemmer(Object.hasOwn(IRREGULAR, surface) ? (IRREGULAR[surface] as string) : surface);
  return surface.replace(/'/g, "");
}

/** Index terms of a text, in order, stop words removed. */
export function toTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = toTerm(token);
    if (term) out.push(term);
  }
  return out;
}

const termSets = new Memo<ReadonlySet<string>>(20_000);

/**
 * The set of {@link toTerms} of a text, remembered for the short texts that recur from question
 * to question (a document's title and heading, read beside every quote taken from it).
 *
 * @example
 * ```ts
 * termSet("Reading my messages").has("messag"); // true
 * ```
 */
export function termSet(text: string): ReadonlySet<string> {
  let set = termSets.get(text);
  if (!set) {
    set = new Set(toTerms(text));
    termSets.set(text, set);
  }
  return set;
}

/** `\s` of a regular expression, for one UTF-16 code unit. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// Abbreviations after which a period does not end a sentence (ICU's segmenter splits "U.S. Department").
const NAMED_ABBREVIATION =
  /^(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|Inc|Ltd|Co|Corp|vs|etc|No|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/;
const isAbbreviationBoundary = (c: number) => c === 0x28 || c === 0x201c || c === 0x22 || isSpace(c);
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** More letter-dot pairs than this are no abbreviation ("U.S.A." has three). */
const MAX_ABBREVIATION_PAIRS = 32;

/**
 * Whether `paragraph[start, end)` (no trailing space) ends in an abbreviation after a space,
 * bracket or quote: letter-dot pairs ("U.S.", "e.g.") or a short one ("Dr.", "Sept."). Read from
 * the end, a few characters at most: testing a pattern over the whole span, which grows as pieces
 * are joined ("Mr. Mr. Mr. …"), was quadratic.
 */
function endsInAbbreviation(paragraph: string, start: number, end: number): boolean {
  let i = end;
  let pairs = 0;
  while (
    pairs <= MAX_ABBREVIATION_PAIRS &&
    i - 2 >= start &&
    paragraph.charCodeAt(i - 1) === 0x2e &&
    isAsciiLetter(paragraph.charCodeAt(i - 2))
  ) {
    i -= 2;
    pairs++;
  }
  const afterBoundary = (at: number) => at === start || isAbbreviationBoundary(paragraph.charCodeAt(at - 1));
  if (pairs >= 2 && pairs <= MAX_ABBREVIATION_PAIRS && afterBoundary(i)) return true;
  let from = end;
  while (from > start && end - from < 6 && !isAbbreviationBoundary(paragraph.charCodeAt(from - 1))) from--;
  return afterBoundary(from) && NAMED_ABBREVIATION.test(paragraph.slice(from, end));
}

/** Closing quotes and brackets that may stand between a question or exclamation mark and the space after it. */
const isCloser = (c: number) =>
  c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x2019 || c === 0x201d || c === 0xbb;
/** Opening brackets and quotes, which the sentence rules also read as closing punctuation. */
const isOpener = (c: number) =>
  c === 0x28 || c === 0x5b || c === 0x7b || c === 0x2018 || c === 0x201c || c === 0xab;
const LOWER_CASE_AT = /\p{Ll}/uy;

/**
 * Whether a split after `paragraph[…, end)` and before `next` is a question or exclamation mark
 * inside the sentence: the mark (with any closing quotes or brackets after it) is followed by a
 * lower-case letter. The Unicode rules end a sentence at every "?" and "!", so a quoted title
 * (`See the "Why is lsof slow?" question.`), a parenthesis ("(or features?) of it"), a marker
 * ("a trailing "(?)" to it") and code (`sed '/re/! d'`) were cut in two. A sentence may start
 * with a command's name in lower case ("Is it sed? sed is…"), but of the 118 splits before a
 * lower-case letter in the FAQs and articles measured, none was such a start.
 */
function continuesAfterMark(paragraph: string, end: number, next: number): boolean {
  const mark = markBefore(paragraph, end, isCloser);
  if (mark !== 0x3f && mark !== 0x21) return false;
  LOWER_CASE_AT.lastIndex = next;
  return LOWER_CASE_AT.test(paragraph);
}

/**
 * Whether a split after `paragraph[…, end)` before `next` falls inside a word: a ".", "?" or "!"
 * with no space after it ("your .Xdefaults file", "./Configure", "SEDMOD10.ZIP", "!!!WARNING"),
 * which the Unicode rules end a sentence at before a capital. Prose puts a space after a
 * sentence; the 296 such splits in the corpora here were all inside file names, versions and code.
 * (Scripts that write no space after a full stop end it with their own mark, "。", not these.)
 */
function gluedToMark(paragraph: string, end: number, next: number): boolean {
  if (next !== end) return false;
  // The rules count brackets and quotes after the mark as its own ("8.[234]", "!(foo)").
  const mark = markBefore(paragraph, end, (c) => isCloser(c) || isOpener(c));
  return mark === 0x2e || mark === 0x3f || mark === 0x21;
}

/** The character before `paragraph[…, end)`'s trailing run of `skipped` characters (NaN at the start). */
function markBefore(paragraph: string, end: number, skipped: (c: number) => boolean): number {
  let i = end;
  while (i > 0 && skipped(paragraph.charCodeAt(i - 1))) i--;
  return paragraph.charCodeAt(i - 1);
}

/** Made on first use: loading ICU's sentence rules takes ~10 ms, and a snapshot's passages are already split. */
let segmenter: Intl.Segmenter | undefined;

/** A sentence as a half-open character span `[start, end)` of its paragraph, trailing space excluded. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A long paragraph is segmented a window at a time: V8's sentence segmenter takes time quadratic
 * in the length of the text it walks (a 320k-character paragraph took 11 s, a 10 MB one-line text
 * file would take hours). Windows end where the Unicode rules always end a sentence: a full stop,
 * space and a capital (after any opening quotes); "?", "!" or "।", space and a letter or digit;
 * a line or paragraph separator. So the spans are the same, except in a stretch of
 * {@link SEGMENT_WINDOW_MAX} characters with no such end (no prose has one; the segmenter's own
 * look-ahead is quadratic there, "1. 1. 1. …"), which is cut at its last space.
 */
const SEGMENT_WINDOW = 2000;
const SEGMENT_WINDOW_MAX = 8000;
const PLAIN_SENTENCE_END =
  /\.["”’')\]]*\s+(?=["“'‘(]*\p{Lu})|[!?।]["”’')\]]*\s+(?=["“'‘(]*[\p{L}\p{N}])|[\u2028\u2029\u0085]/u;
/** Characters the look-ahead after a window's end may need to see. */
const LOOKAHEAD = 16;

function* segmentWindows(paragraph: string): Generator<[number, number]> {
  let from = 0;
  while (paragraph.length - from > SEGMENT_WINDOW) {
    // Searched in a bounded stretch, so that a paragraph without sentence ends costs linear time.
    const at = from + SEGMENT_WINDOW;
    const stretch = paragraph.slice(at, from + SEGMENT_WINDOW_MAX + LOOKAHEAD);
    const end = PLAIN_SENTENCE_END.exec(stretch);
    let to: number;
    if (end && end.index < SEGMENT_WINDOW_MAX - SEGMENT_WINDOW) to = at + end.index + end[0].length;
    else if (paragraph.length - from <= SEGMENT_WINDOW_MAX) break;
    else {
      const space = paragraph.lastIndexOf(" ", from + SEGMENT_WINDOW_MAX);
      to = space > at ? space + 1 : from + SEGMENT_WINDOW_MAX;
    }
    yield [from, to];
    from = to;
  }
  yield [from, paragraph.length];
}

/**
 * Splits a paragraph into sentence spans: Unicode sentence rules (which know the Hindi danda "।"),
 * plus a pass that re-joins splits after abbreviations such as "U.S." or "Dr.", after a "?" or
 * "!" that a lower-case word follows, and inside a word ("./Configure"); a join stops short of a
 * sentence longer than the segmenter's longest window, so no sentence grows without bound.
 */
export function splitSentences(paragraph: string): Span[] {
  const spans: Span[] = [];
  segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  for (const [from, to] of segmentWindows(paragraph)) {
    const text = from === 0 && to === paragraph.length ? paragraph : paragraph.slice(from, to);
    for (const { segment, index } of segmenter.segment(text)) {
      const trimmed = segment.trimEnd();
      if (!trimmed.trim()) continue;
      const lead = trimmed.length - trimmed.trimStart().length;
      const span = { start: from + index + lead, end: from + index + trimmed.length };
      const prev = spans.at(-1);
      if (
        prev &&
        span.end - prev.start <= SEGMENT_WINDOW_MAX &&
        (gluedToMark(paragraph, prev.end, span.start) ||
          endsInAbbreviation(paragraph, prev.start, prev.end) ||
          continuesAfterMark(paragraph, prev.end, span.start))
      )
        prev.end = span.end;
      else spans.push(span);
    }
  }
  return spans;
}
