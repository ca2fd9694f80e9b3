/**
 * @module
 * reword: the same questions as people type them in chat, to measure whether an answer survives the
 * wording. Each question gets one variant per style, made by plain string edits that know nothing of
 * citebot's tokenizer, stemmer or phrase lists (its padding phrases are not the lexicon's), from a fixed
 * seed so every run asks the same:
 *   typo        one slip in one word of four letters or more, at any position, the first letter included:
 *               two letters swapped, one left out, one struck wrong (a neighbouring key) or one doubled
 *   chatty      a greeting or an opener before it, thanks or a plea after it
 *   hedged      an apology or doubt before it ("this is probably a stupid question but …")
 *   lower case  typed all in lower case
 *   capitals    typed all in capitals
 *   marks       its end as chat writes it: "??", "?!", a smiley, no mark at all
 *   imperative  "What is X?" asked as "tell me about X", "explain X", "what about X?", "describe X"
 *               (only questions of that form)
 * Usage from code: reword(questions) → the variants, each {…question, q, cat: style, from: original q}.
 */
import { type Random, seededRandom } from "../bench/rng.ts";

// `npm run eval` asks FAQ bench A's and B's questions reworded (sets "… reworded", one category per style).

/** Keys around each letter on a QWERTY keyboard: a slip strikes one of them. */
const NEIGHBOURS: Record<string, string> = {
  a: "qwsz",
  b: "vghn",
  c: "xdfv",
  d: "serfcx",
  e: "wsdr",
  f: "drtgvc",
  g: "ftyhbv",
  h: "gyujnb",
  i: "ujko",
  j: "huikmn",
  k: "jiolm",
  l: "kop",
  m: "njk",
  n: "bhjm",
  o: "iklp",
  p: "ol",
  q: "wa",
  r: "edft",
  s: "awedxz",
  t: "rfgy",
  u: "yhji",
  v: "cfgb",
  w: "qase",
  x: "zsdc",
  y: "tghu",
  z: "asx",
};

const OPENERS = [
  "hello folks, ",
  "morning all - ",
  "question for the bot: ",
  "need some help: ",
  "hey! ",
  "um, ",
];
const CLOSERS = [" any pointers?", " would appreciate any help", " ty", " cheers!", " thx in advance", ""];
const HEDGES = [
  "this is probably a stupid question but ",
  "forgive the newbie question, but ",
  "apologies in advance if this is obvious, but ",
  "I might be missing something obvious, but ",
  "sorry, I'm new to this: ",
  "not sure if this is the place to ask, but ",
];
const ENDINGS = ["??", "?!", " :)", " :(", "", "!!!", "???", " 🙏"];
const IMPERATIVES = [
  (x: string) => `tell me about ${x}`,
  (x: string) => `explain ${x}`,
  (x: string) => `what about ${x}?`,
  (x: string) => `describe ${x}`,
];

const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

/** One slip in one word of four letters or more; the question as it was when it has none. */
function typo(q: string, rnd: Random): string {
  const words = [...q.matchAll(/\p{L}{4,}/gu)];
  if (!words.length) return q;
  const m = pick(rnd, words);
  const w = m[0];
  const at = Math.floor(rnd() * w.length);
  const here = w.charAt(at);
  const next = w.charAt(at + 1);
  const near = NEIGHBOURS[here.toLowerCase()];
  const kind = Math.floor(rnd() * 4);
  let slipped: string;
  if (kind === 0 && next && here !== next) slipped = w.slice(0, at) + next + here + w.slice(at + 2);
  else if (kind === 1) slipped = w.slice(0, at) + w.slice(at + 1);
  else if (kind === 2 && near) {
    const key = pick(rnd, [...near]);
    slipped = w.slice(0, at) + (here === here.toUpperCase() ? key.toUpperCase() : key) + w.slice(at + 1);
  } else slipped = w.slice(0, at + 1) + here + w.slice(at + 1);
  const start = m.index ?? 0;
  return q.slice(0, start) + slipped + q.slice(start + w.length);
}

const lowerFirst = (q: string) => q.charAt(0).toLowerCase() + q.slice(1);
const WHAT_IS = /^what (?:is|are) (?:an? |the )?(.{1,60}?)\s*\?$/i;

const STYLES: Record<string, (q: string, rnd: Random) => string | undefined> = {
  typo: (q, rnd) => typo(q, rnd),
  chatty: (q, rnd) => pick(rnd, OPENERS) + lowerFirst(q) + pick(rnd, CLOSERS),
  hedged: (q, rnd) => pick(rnd, HEDGES) + lowerFirst(q),
  "lower case": (q) => q.toLowerCase(),
  capitals: (q) => q.toUpperCase(),
  marks: (q, rnd) => q.replace(/[?.!]?\s*$/, "") + pick(rnd, ENDINGS),
  imperative: (q, rnd) => {
    const m = WHAT_IS.exec(q.trim());
    return m?.[1] ? pick(rnd, IMPERATIVES)(m[1]) : undefined;
  },
};

/** Every question in every style it has, in style order. */
export function reword<Q extends { q: string }>(
  questions: readonly Q[],
  seed = 1,
): (Q & { cat: string; from: string })[] {
  const out: (Q & { cat: string; from: string })[] = [];
  let s = 0;
  for (const [style, make] of Object.entries(STYLES)) {
    s++;
    questions.forEach((question, i) => {
      const q = make(question.q, seededRandom(seed * 100_003 + s * 10_007 + i));
      if (q !== undefined && q !== question.q) out.push({ ...question, q, cat: style, from: question.q });
    });
  }
  return out;
}
