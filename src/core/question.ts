/**
 * @module
 * A question as people type it in chat → the question retrieval should see. Markup is removed,
 * padding ("hey bot, quick question:", "asking for my grandma") is dropped so that it neither
 * matches documents nor makes a covered question look uncovered, and a message that is only small
 * talk ("hi", "thanks!", "what can you do?") is recognised as such. The phrases live in
 * `lexicon/conversation.json`.
 */
import { createRequire } from "node:module";
import { zipf } from "./lexicon/word-frequency.ts";
import { FOLDS_TO_ASCII, normalizeText, QUESTION_WORDS, tokenize, toTerm, withCapitalOf } from "./text.ts";

/** Questions longer than this are cut before searching: nobody types a 500-word question. */
export const MAX_QUESTION_CHARS = 500;

interface Conversation {
  openers: string[];
  hedges: string[];
  closers: string[];
  smalltalk: string[];
  shorthand: Record<string, string>;
}

const lexicon = createRequire(import.meta.url)("./lexicon/conversation.json") as Conversation;

/**
 * A phrase as a pattern: `'` matches either apostrophe, `*` one to a few words (as few as will
 * do when `lazy`).
 */
const toPattern = (phrase: string, lazy = false) =>
  phrase
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['’]"))
    .join(`[\\p{L}\\p{M}'’ -]{1,30}${lazy ? "?" : ""}`);
const alternation = (phrases: string[], lazy = false) =>
  [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => toPattern(p, lazy))
    .join("|");
// Letters and marks that must not touch a phrase, so "so" never eats the start of "sonic".
const EDGE = "(?![\\p{L}\\p{M}\\p{N}])";
// An opener goes when punctuation follows it or the question proper starts after it: "well, is
// it safe?" and "so how many…" lose it, "well water" and "so-called" keep theirs.
const QUESTION_START =
  "(?=(?:what|how|why|when|where|who|whom|whose|which|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|क्या|कौन|कब|कहां|कैसे|क्यों)(?![\\p{L}\\p{M}]))";
const OPENER = new RegExp(
  `^(?:${alternation(lexicon.openers)})${EDGE}(?:\\s*[,.:;!?…]+\\s*|\\s+[—–-]+\\s*|\\s+${QUESTION_START}|$)`,
  "iu",
);
// A question asked inside a sentence about asking: "can someone tell me how…", "my boss asked me
// what…", "does anybody know whether…". Only when who asks or is asked is a person (so "does sed
// know how to…" keeps its subject); the question proper starts at the question word.
const EMBEDDING =
  /^(?:(?:can|could|would|will|do|does|did)\s+)?(?:(?:you|u|someone|somebody|anyone|anybody|everyone|i|we|i'm|i'd|my\s+\p{L}+)\s+)(?:(?:please|pls|plz|just|really|am|was|were|have|had|been|would|'d|'m)\s+)*(?:tell|show|explain|know|knows|wonder|wondering|ask|asked|asking|curious|wants?\s+to\s+know|needs?\s+to\s+know|like\s+to\s+know|figure\s+out)(?:\s+(?:me|us|to\s+me))?[\s,:]+(?:(?:whether|if)\s+)?(?=\p{L})/iu;
// "Where can I find…", "where do I get…": the verb says the asker wants a place, which "where"
// already says; what they want found is what is asked.
const WHERE_FRAME =
  /\b(where)\s+(?:can|could|do|does|would|should|might|may|will)\s+(?:i|we|you|u|one|someone|people)\s+(?:find|get|obtain|locate)(?![\p{L}\p{M}])/giu;
// A hedge goes with the "but" or the punctuation that ends it: "sorry if this is a dumb question,
// but how…", "not sure if this is the right place. Does…".
const HEDGE = new RegExp(
  `^(?:${alternation(lexicon.hedges, true)})${EDGE}(?:\\s*,?\\s+but\\s+|\\s*[,.:;!?…]+\\s*|\\s+[—–-]+\\s*)`,
  "iu",
);
const CLOSER = new RegExp(`(?:^|[\\s,.;:!?…—–(-])(?:${alternation(lexicon.closers)})[\\s.!?)…]*$`, "iu");

/**
 * A pattern over phrases that runs only when the text holds one phrase's words up to its first
 * "*" (case and apostrophes aside): compiling these case-insensitive Unicode patterns took about
 * 5 ms on their first use, in every one-shot `npm run ask`, and most questions hold no such words.
 * Text with a letter whose case folding differs from lower-casing ("ſ", the Kelvin sign) always
 * runs it.
 */
function guarded(pattern: RegExp, phrases: readonly string[]): (text: string) => string {
  const pieces = [...new Set(phrases.map((p) => (p.split("*")[0] as string).trim().toLowerCase()))];
  return (text) => {
    const folded = text.toLowerCase().replace(/’/g, "'");
    const may = FOLDS_TO_ASCII.test(text) || pieces.some((piece) => folded.includes(piece));
    return may ? text.replace(pattern, "") : text;
  };
}
const dropOpener = guarded(OPENER, lexicon.openers);
// A greeting and whom it greets, up to its punctuation: "hello folks,", "morning all -", "hi team:".
const GREETING =
  /^(?:hi|hey|hello|hiya|yo|greetings|howdy|good morning|good afternoon|good evening|morning|evening)((?:\s+[\p{L}']+){1,2}?)\s*(?:[,:;!…]+|\s[—–-]+)\s*/iu;
const dropGreeting = (text: string) => {
  const m = GREETING.exec(text);
  return m && everydayOnly(m[1] as string) ? text.slice(m[0].length) : text;
};
const dropCloser = guarded(CLOSER, lexicon.closers);
const findHedge = guarded(HEDGE, lexicon.hedges);

/** Words at least this common in everyday English say how a question is put, not what it is about. */
export const ASIDE_ZIPF = 4;
const everydayOnly = (text: string) =>
  tokenize(text).every((t) => toTerm(t) === null || (/^[a-z']+$/i.test(t) && zipf(t) >= ASIDE_ZIPF));

const HEDGE_WORDS = new Set(lexicon.hedges.flatMap((h) => tokenize(h.toLowerCase())));

/**
 * Drops a hedge opening the question when what fills it holds only everyday words: "sorry if
 * this is dumb but" goes, "maybe zlib is broken but" says what is asked about and stays.
 */
function dropHedge(text: string): string {
  const rest = findHedge(text);
  if (rest === text) return text;
  const filler = tokenize(text.slice(0, text.length - rest.length)).filter(
    (t) => !HEDGE_WORDS.has(t.toLowerCase()),
  );
  return everydayOnly(filler.join(" ")) ? rest : text;
}
const SMALLTALK = new Set(lexicon.smalltalk.map((s) => s.toLowerCase()));

/** A question as it is answered: normalised, one line, bounded. */
export function cleanQuestion(raw: string): string {
  const text = normalizeText(typeof raw === "string" ? raw : "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_QUESTION_CHARS ? `${text.slice(0, MAX_QUESTION_CHARS)}…` : text;
}

/** Removes HTML/XML tags and Markdown emphasis a user pasted or typed around the question. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, " ")
    .replace(
      /&(?:amp|lt|gt|quot|#39|nbsp);/g,
      (m) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " " })[m] ?? m,
    )
    .replace(/(\*\*|__|~~|`)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const SHORTHAND = new Map(Object.entries(lexicon.shorthand));
const SHORTHAND_RE = new RegExp(
  `(?<![\\p{L}\\p{N}'’/\\-_.=$@#\\\\\`])(?:${[...SHORTHAND.keys()].map((k) => k.replace(/[/]/g, "\\/")).join("|")})(?![\\p{L}\\p{N}'’/\\-_=@\\\\\`])`,
  "giu",
);

/**
 * Chat spellings spelled out ("wat" → "what", "abt" → "about"), so they are matched as the
 * words they stand for. Lower-case tokens, and a capitalised one of two letters or more where a
 * sentence starts, as phones write them ("Plz tell me…", "Wat is…"): "U" in "U.S." or "R" as a
 * name stay, and so do command-line options and code ("lsof -r", "$u", "x_u").
 */
export function expandShorthand(text: string): string {
  return text.replace(SHORTHAND_RE, (m: string, at: number) => {
    const lower = m.toLowerCase();
    if (m === lower || (m.length >= 2 && m === m[0] + lower.slice(1) && startsSentenceAt(text, at)))
      return SHORTHAND.get(lower) ?? m;
    return m;
  });
}

/** Whether position `at` of `text` begins a sentence: the text's start or after . ! or ?. */
function startsSentenceAt(text: string, at: number): boolean {
  return /^\s*$/.test(text.slice(0, at)) || /[.!?]\s+$/.test(text.slice(Math.max(0, at - 4), at));
}

// A clause opening the message up to a comma, colon, dash or "but" that the question proper
// follows: "hello folks, why…", "question for the bot: how…", "forgive the newbie question, but what…".
const LEAD = new RegExp(
  `^([^?!.]{1,80}?)(?:\\s*[:;]\\s*|\\s+[—–-]+\\s*|,?\\s+but\\s+|,\\s*)${QUESTION_START}`,
  "iu",
);

// A clause that sets a condition or a setting is part of the question ("If I leave sharing on,
// will…", "With the oven off, how…"), however everyday its words.
const CONDITION =
  /^\s*(?:if|when|whenever|while|after|before|since|because|as|although|though|once|unless|until|in|on|at|for|with|without|from|by|during|given|assuming|using|to|under|over|between|about)\b/iu;

/**
 * Drops a clause opening the question that names no topic: a greeting, an apology or a word
 * about the asker ("hello folks,", "forgive the newbie question, but", "question for the bot:"),
 * which no phrase list can hold all of. `isTopic` says which words name one (for the answer, a
 * word of the documents that is not everyday English): "In sed, how do I…" keeps its clause.
 *
 * @example
 * ```ts
 * dropLead("hello folks, why is the mill closed?", () => false); // "why is the mill closed?"
 * ```
 */
export function dropLead(text: string, isTopic: (word: string, rare: boolean) => boolean): string {
  const m = LEAD.exec(text);
  if (!m || CONDITION.test(m[1] as string)) return text;
  // Before "but" a clause concedes something to the question ("forgive the newbie question,
  // but…"): only a word that is no English word at all names its topic there.
  const rare = /\bbut\s*$/iu.test(m[0]);
  if (tokenize(m[1] as string).some((t) => toTerm(t) !== null && isTopic(t, rare))) return text;
  return text.slice(m[0].length);
}

/** Smileys and emoji closing a message (":)", ":-(", "xD", "<3", "🙏"): how the asker feels. */
const TRAILING_MOOD =
  /(?:\s+(?:[:;=8][-'^o]?[()[\]DPpOo3/\\|*]+|[xX][D()]|<3|\^\^|\^_\^)|\s*\p{Extended_Pictographic}(?:\uFE0F|\u200D|\p{Extended_Pictographic})*)+\s*$/u;

/** "Any X?" after the question or statement has ended ("…? any pointers?", "…. any tips"): a plea, as "any ideas?" is. */
const PLEA = /(?<=[?.!)])\s+any\s+\p{L}+\s*[?!.]?$/iu;

/**
 * The end of a message as one mark: smileys and emoji dropped, and a run of marks ("???",
 * "?!", "!!") as a question mark when it holds one, else as one "!". A full stop before the
 * mark stays: "etc.?" ends in an abbreviation.
 */
function tidyEnd(text: string): string {
  return text
    .replace(TRAILING_MOOD, "")
    .replace(/[?!]{2,}$/u, (run) => (run.includes("?") ? "?" : "!"))
    .replace(PLEA, "");
}

/**
 * A question word with its first letter left out, opening the question before a verb that a
 * question word goes with ("hat is sed?", "ow do I…", "hy does…"): the slip makes another word
 * or none, and the verb after it says which was meant. "here is…" is English and stays.
 */
const HEADLESS_QUESTION_WORD =
  /^(?:hat|ow|hy|ho|hen|hich)(?=\s+(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|had)\b)/iu;
const headless = (word: string) =>
  withCapitalOf(word, QUESTION_WORDS.find((q) => q.slice(1) === word.toLowerCase()) ?? word);

/**
 * Drops conversational padding from both ends of a question, repeatedly ("hey bot, quick
 * question: …"), but never all of it: what is left when nothing else remains is the question.
 *
 * @example
 * ```ts
 * stripFiller("hey bot, quick question: does X collect biometric data?"); // "does X collect biometric data?"
 * stripFiller("does whatsapp read my messages? asking for my grandma");    // "does whatsapp read my messages?"
 * ```
 */
export function stripFiller(question: string): string {
  let text = question.trim();
  for (let i = 0; i < 6; i++) {
    const next = tidyEnd(dropCloser(dropHedge(dropGreeting(dropOpener(text))).replace(EMBEDDING, "")))
      .replace(HEADLESS_QUESTION_WORD, headless)
      .replace(WHERE_FRAME, "$1")
      .trim();
    if (next === text || !/[\p{L}\p{N}]/u.test(next)) break;
    text = next;
  }
  return text;
}

const ASKS = new RegExp(`^[\\s"'“‘(\\[*-]*${QUESTION_START}`, "iu");
// An auxiliary opens a question when a subject follows it ("would it…", "is there…", "can the
// mill…"), not a verb: "would appreciate any help" is a plea.
const AUXILIARY_PLEA =
  /^[\s"'“‘([*-]*(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might)\s+(?!(?:i|you|u|we|they|he|she|it|there|this|that|these|those|the|a|an|my|your|our|their|his|her|its|any|anyone|anybody|someone|somebody|one|not|n't)\b)\p{Ll}/u;

/**
 * The part of a message that asks: its sentences that end in "?" or open with a question word,
 * when the message also holds sentences that do neither, which say how the asker feels or why
 * they ask ("really confused here: how do I…? I've been stuck on this for hours"); undefined when
 * nothing is set aside.
 *
 * @example
 * ```ts
 * askingPart("help! can I recover a broken file? I've been stuck for hours"); // "can I recover a broken file?"
 * askingPart("My sourdough won't rise. What should I do?");                  // undefined: it says what is asked about
 * askingPart("Is it safe?");                                                  // undefined
 * ```
 */
export function askingPart(text: string): string | undefined {
  const sentences = text.split(/(?<=[?!.:;])\s+/u).filter((s) => /[\p{L}\p{N}]/u.test(s));
  const asks = (s: string) => /\?[\s"'”’)\]]*$/u.test(s) || (ASKS.test(s) && !AUXILIARY_PLEA.test(s));
  // Only everyday words: a sentence with a rarer one may say what the question is about ("The
  // stack traces given by Memcheck aren't helpful. How can I improve them?").
  const aside = (s: string) => !asks(s) && everydayOnly(s);
  const kept = sentences.filter((s) => !aside(s));
  if (kept.length === sentences.length || !kept.some(asks)) return undefined;
  // What is left must still name something: "I have some time and I'd like to help. What can I
  // do for you?" asks about the first sentence, the second being only question words.
  if (!kept.some((s) => tokenize(s).some((t) => toTerm(t) !== null))) return undefined;
  return kept.join(" ");
}

/** Whether a message is only small talk: greetings, thanks, or a question about the bot itself. */
export function isSmallTalk(question: string): boolean {
  const key = stripMarkup(question)
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[^\p{L}\p{M}\p{N}' ]+/gu, " ")
    .replace(/\b(citebot|bot|there|you guys|everyone|all|again|so much|very much|a lot)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!key) return false;
  if (SMALLTALK.has(key)) return true;
  // "hi, thanks!" or "hello! what can you do": every part is small talk.
  const parts = stripMarkup(question)
    .toLowerCase()
    .replace(/[’]/g, "'")
    .split(/[,.!?;:]+/)
    .map((p) =>
      p
        .replace(/\b(citebot|bot|there)\b/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean);
  return parts.length > 1 && parts.every((p) => SMALLTALK.has(p));
}
