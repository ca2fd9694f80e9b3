/**
 * @module
 * What kind of answer a question wants, and what kind of content a sentence holds. English
 * grammar, not vocabulary of any corpus: "when" wants a time, "why" a reason, "how many" a number,
 * "who" a person or organisation, "where" a place. Sentences are also told apart by role: a
 * caption, a cross-reference or a question does not answer anything; a sentence that opens with
 * "It"/"This"/"They" leans on the one before; one that ends in ":" introduces what follows; and
 * doubt or denial ("no evidence", "questioned", "however") marks the other side of a claim.
 */
import { functionWordSlips } from "./lexicon/word-frequency.ts";
import { adjacentSwaps, FOLDS_TO_ASCII, isOneLetterShort, isSpace, QUESTION_WORDS } from "./text.ts";

/** The kind of answer a question asks for. */
export type Intent =
  | "time"
  | "reason"
  | "money"
  | "quantity"
  | "name"
  | "definition"
  | "person"
  | "place"
  | "yesno"
  | "other";

// A short subject: one to four words, or names joined by "and"; "the aim of xAI" is no term.
const SUBJECT_WORD =
  "(?!(?:of|for|in|on|at|to|with|about|from|between|behind|that|which|who|it|they|he|she|this)\\b)[\\p{L}\\p{N}][\\p{L}\\p{N}.+#*/'’-]*";
const SUBJECT = `${SUBJECT_WORD}(?:\\s+${SUBJECT_WORD}){0,3}`;
const DEFINITION_RE = new RegExp(
  `^(?:what(?:'s|’s| is| are)|define|meaning of|tell me (?:more )?about|what about|explain|describe)\\s+(?:an?\\s+|the\\s+)?["“']?(${SUBJECT})["”']?\\s*[?!.]?$|^what (?:does|do) ["“']?(${SUBJECT})["”']? (?:mean|stand for)\\s*[?!.]?$|^["“']?(${SUBJECT})["”']?\\s*(?:--|[-—–:,])\\s*what(?:'s|’s| is| are) (?:it|that|this|they)\\s*[?!.]?$`,
  "iu",
);

/**
 * A question asking for a named place ("in which city…", "what country…"), whose answer is "in
 * Paris", not "by the river", "from the project's web site" or "under /usr/share/doc", as "where"
 * is answered as often: only these want {@link PLACE_RE} (below). Holding every "where" question
 * to it cost the held-out FAQs hit@3 261 → 260 and their reworded variants 1563 → 1557
 * (`SEMANTIC=off`). Part of the "place" intent's pattern too.
 */
const NAMED_PLACE_QUESTION = /\b(?:in which|what|which) (?:country|city|place|state|region)\b/iu;

const INTENTS: [Intent, RegExp][] = [
  [
    // A price, a cost, a sum paid: "how much did they pay", "what did it cost", "what price".
    // First: "how much did she pay when she bought it" asks for a sum, not a time.
    "money",
    /\b(?:how much (?:[\p{L}'’]+ ){0,5}(?:pay|paid|cost|costs|spend|spent|charge|charged|charges|earn|earned|earns|sell|sold|buy|bought|raise|raised|worth|fine|fined)|how much money|what (?:price|prices|fee|fees|sum)|what (?:did|does|do|will|would) (?:[\p{L}'’]+ ){0,4}cost)\b|कितने (?:रुपये|पैसे|डॉलर)/iu,
  ],
  [
    // "When" asks for a time as the question's word ("when did…", "so when is…"), not as a clause
    // ("why does it fail when I run it?", "when building it, make dies"), nor when it asks in
    // which case someone should act ("when should I…", "when do I need to…").
    "time",
    /(?:^|[,;:.!?]\s*|\b(?:and|but|so|then|ok|okay|also)\s+)when(?:'s|’s|\s+(?:did|does|do|was|were|is|are|will|has|have|had)\b(?!\s+(?:i|you|we|one)\b))|\b(?:since when|how long ago|what (?:year|date|day|month|time|weekday)|which (?:year|date|day|month|weekday)|on what (?:date|day))\b|कब(?![\p{L}\p{M}])/iu,
  ],
  [
    "reason",
    /\b(?:why|how come|what(?:'s|’s| is| was| are| were) (?:the|its|their|his|her) (?:reasons?|purpose|point|cause|aim|goal)|what for|for what (?:reason|purpose)|what (?:set off|caused|triggered|led to|prompted|started))\b|क्यों/iu,
  ],
  [
    "quantity",
    /\b(?:how (?:many|much|long|old|big|large|often|far)|what (?:number|percentage|share|amount|price|proportion|size)|how many years)\b|कितन/iu,
  ],
  [
    // "What is the name of…", "what is it called": the answer is a name the question doesn't hold.
    "name",
    /\b(?:what(?:'s|’s| is| was| are| were) (?:the |their |its |his |her )?names? of|what(?:'s|’s| is| was| are| were) (?:it|they|this|that|[\p{L}'’]+(?: [\p{L}'’]+){0,3}) called|what (?:is|was) (?:it|she|he|this) named)\b|(?:का|की|के) नाम क्या/iu,
  ],
  [
    // "What is sed?", "what are LZMA and LZMA2?", "what does DPMI stand for?": what a term is.
    "definition",
    DEFINITION_RE,
  ],
  [
    "person",
    /^(?:who|whom|whose)\b|\b(?:which|what) (?:person|people|man|woman|company|companies|firm|firms|organi[sz]ation|executive|founder|co-?founder|co-?creator|author)\b|\bwho\b|कौन/iu,
  ],
  ["place", new RegExp(`^where\\b|${NAMED_PLACE_QUESTION.source}|कहां|कहाँ`, "iu")],
  [
    "yesno",
    /^(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|must)\b|^क्या(?![\p{L}\p{M}])/iu,
  ],
];

/**
 * What every intent's pattern above needs, yes/no's aside: a question word ("what", "which",
 * "who", "when", "where", "why", "how", "define", "meaning", "tell me about", "explain",
 * "describe") or Devanagari. A question with none
 * ("Does WhatsApp read my messages?") is tested for yes/no only: compiling the other patterns
 * (Unicode letter classes, case-insensitive) was 10–20 ms of every one-shot `npm run ask`.
 */
const QUESTION_WORD =
  /\b(?:what|which|who|whom|whose|when|where|why|how|define|meaning|tell|explain|describe)\b|[\u0900-\u097F]/iu;
const YES_NO = INTENTS.filter(([intent]) => intent === "yesno");

/**
 * The intent of a question (after its padding is removed).
 *
 * @example
 * ```ts
 * questionIntent("When did Musk first talk about his AI startup?"); // "time"
 * ```
 */
export function questionIntent(question: string): Intent {
  const text = withQuestionWordsFixed(question);
  for (const [intent, re] of QUESTION_WORD.test(text) ? INTENTS : YES_NO) if (re.test(text)) return intent;
  return "other";
}

/** Each question word's swaps of two neighbouring letters ("whta", "hwo", "wehre"): none is an English word. */
const SWAPPED_QUESTION_WORDS = new Map<string, string>();
for (const word of QUESTION_WORDS)
  for (const slip of adjacentSwaps(word))
    if (!SWAPPED_QUESTION_WORDS.has(slip)) SWAPPED_QUESTION_WORDS.set(slip, word);

/**
 * The first word of a question, before the verb (or "many", "much") that follows a question
 * word ("Wha is…", "Hw many…", "Were is…"): one letter short of exactly one question word, it is
 * that word, though a frequency list may know it as a word ("wha", "were"); "Ho is" could be
 * "who" or "how".
 */
const OPENING_SLIP =
  /^\p{L}{2,5}(?=\s+(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|many|much)\b)/iu;

/**
 * The question with its question words' typed slips put right ("Whta is sed", "Wht is sed" →
 * "what is sed"), so that a typo in the word that says what is asked does not lose the kind of
 * answer wanted. The search reads such a slip as the stop word it is (`unswap` in analyze.ts).
 */
function withQuestionWordsFixed(question: string): string {
  return question
    .replace(OPENING_SLIP, (word) => {
      const lower = word.toLowerCase();
      if (QUESTION_WORDS.includes(lower)) return word;
      const meant = QUESTION_WORDS.filter((q) => isOneLetterShort(lower, q));
      return meant.length === 1 ? (meant[0] as string) : word;
    })
    .replace(/\b[a-z]{3,6}\b/giu, (word) => {
      const lower = word.toLowerCase();
      const swapped = SWAPPED_QUESTION_WORDS.get(lower);
      if (swapped) return swapped;
      // A letter struck twice ("Wwhat", "whyy"): the question word it doubles.
      const single = lower.replace(/(\p{L})\1/gu, "$1");
      if (single !== lower && QUESTION_WORDS.includes(single)) return single;
      // A letter left out or struck wrong ("Wht is sed", "Xhat is sed"): the one question word it
      // can be ("xhat" is "what" or "that"). Not one added: "wheat" is one from "what", and a word, which
      // only the frequency list can tell, and it is read for no other question.
      const meant = functionWordSlips(lower, { added: false }).filter((m) => QUESTION_WORDS.includes(m));
      return meant.length === 1 ? (meant[0] as string) : word;
    });
}

/**
 * A case-insensitive pattern over Latin letters, tested at the speed of a plain `i` pattern. With
 * the `u` flag V8 matches case-insensitively by Unicode case folding, about four times slower, and
 * these run on every candidate sentence of every question. Without it the pattern matches the
 * same strings except those holding one of the two letters that fold into ASCII ("ſ" → s, the
 * Kelvin sign → k): those take the `u` pattern, so the answer is always the `iu` one.
 */
interface Caseless {
  test(text: string): boolean;
  /** The pattern to use on `text` (for `replace` with a global pattern). */
  on(text: string): RegExp;
}
function caseless(pattern: RegExp): Caseless {
  const fast = new RegExp(pattern.source, pattern.flags.replace("u", ""));
  const on = (text: string) => (FOLDS_TO_ASCII.test(text) ? pattern : fast);
  return { on, test: (text) => on(text).test(text) };
}

const MONTH =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const TIME_RE = caseless(
  new RegExp(
    `\\b(?:${MONTH}|${WEEKDAY}|(?:1[5-9]|20)\\d\\d|today|yesterday|tomorrow|tonight|ago|last (?:week|month|year)|this (?:week|month|year)|next (?:week|month|year)|recently|earlier|later|since|until|decade|century|\\d{1,2}:\\d\\d|(?:in|by|from|before|after) (?:the )?(?:spring|summer|autumn|fall|winter)|(?:a|one|two|three|few|several) (?:days?|weeks?|months?|years?))\\b|\\d{4}-\\d\\d-\\d\\d|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर|सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार`,
    "iu",
  ),
);
const REASON_RE = caseless(
  /\b(?:because|since|due to|owing to|so that|in order to|so as to|as a result|the reason|reasons?|purpose|aims? (?:to|is)|in an effort to|to help|to make|to keep|to protect|to prevent|to improve|to allow|to let|to ensure|therefore|thus|hence|which is why|that is why|led to|leads to|caused|causes|began when|started when|after|following|triggered|prompted|for (?:the sake of|safety|security)|it's for|is for|are for|used for|used to)\b|क्योंकि|वजह|कारण|ताकि|लिए/iu,
);
const QUANTITY_RE = caseless(
  /[$€£¥₹%]|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|percent|half|quarter|twice|double|triple)\b|एक|दो|तीन|चार|पांच|लाख|करोड़|हजार|प्रतिशत/iu,
);
// A year or a day of the month is a number but not an amount: "since 1990" does not say how much.
const DATES_RE = caseless(
  new RegExp(
    `\\b(?:1[5-9]|20)\\d\\d\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\b|\\b\\d{1,2}\\s+(?:${MONTH})\\b|\\b(?:${MONTH})\\.?\\s+\\d{1,2}\\b|\\d{4}-\\d\\d-\\d\\d`,
    "giu",
  ),
);
// A sum of money: a currency sign or code, or a currency named.
const MONEY_RE = caseless(
  /[$€£¥₹]|\b(?:dollars?|euros?|pounds? sterling|rupees?|yen|yuan|francs?|cents?|usd|eur|gbp|inr|us\$)\b|रुपये|रुपए|रुपया|डॉलर/iu,
);
// Two capitalised words in a row, or a capitalised word after a title or role.
const PERSON_RE =
  /(?:^|[^.!?]\s)\p{Lu}[\p{L}'’-]+\s\p{Lu}[\p{L}'’-]+|\b(?:CEO|founder|co-?founder|president|chairman|chief|director|spokesperson|spokesman|minister|executive|engineer|developer|author|researcher|professor|according to|said|says|told)\b/u;
const PLACE_RE = /\b(?:in|at|from|across|throughout|near) (?:the )?\p{Lu}\p{L}+/u;

/** A capitalised word past a sentence's first, or a short quoted phrase: how a name is written. */
// One space before the capital, not a run: a look-behind over a run of white space is read back
// from every position in it (quadratic on a document holding a long run of line separators, which
// normalising leaves); passage text has single spaces.
const NAME_RE = /(?<=[\p{L}\p{N},;:)]\s)\p{Lu}[\p{L}\p{N}'’-]*|[“"«]([^”"»]{1,40})[”"»]/gu;

/** Whether the sentence names something the question does not already name. */
function namesSomethingNew(sentence: string, question: string): boolean {
  const asked = new Set(question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  for (const match of sentence.matchAll(NAME_RE)) {
    const words = (match[1] ?? match[0]).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.some((w) => !asked.has(w.replace(/(?:'s|’s)$/, "")))) return true;
  }
  return false;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * What a sentence defining a term of a definition question looks like: "sed is…", '"sed" stands
 * for…', "LZMA (…) means…". Built once per question (every candidate sentence is tested).
 */
let definition: { question: string; pattern: RegExp | undefined } | undefined;
function definitionPattern(question: string): RegExp | undefined {
  if (definition?.question !== question) {
    const m = DEFINITION_RE.exec(withQuestionWordsFixed(question).trim());
    const terms = (m?.[1] ?? m?.[2] ?? m?.[3] ?? "")
      .toLowerCase()
      .split(/\s+and\s+|,\s*/)
      .filter(Boolean);
    const pattern = terms.length
      ? new RegExp(
          `^[("“'‘\`]*(?:(?:the|an?)\\s+)?[("“'‘\`]*(?:${terms.map(escapeRe).join("|")})["”’')]*\\s+(?:\\([^)]{0,60}\\)\\s+)?(?:is|are|was|were|means|stands for|refers to|denotes)\\b`,
          "u",
        )
      : undefined;
    definition = { question, pattern };
  }
  return definition.pattern;
}

/**
 * How a sentence says what a term of the question is: not at all; loosely, any copula after the
 * term ("Sourdough is bread…", but also "Zsh is sh compatible…", "Midnight Commander is under the
 * GPL…"); or classifying it, as definitions do: the copula followed by an article ("A tag is a
 * symbolic name…"; "is where", "is when"), or "means", "stands for", "refers to", "denotes". An
 * acronym before the term is part of its name ("GNU Midnight Commander is…" for "What is
 * Midnight Commander?").
 */
export function definitionKind(sentence: string, question: string): "none" | "loose" | "classifying" {
  const pattern = definitionPattern(question);
  if (!pattern) return "none";
  let lower = sentence.toLowerCase();
  let m = pattern.exec(lower);
  const named = m ? null : ACRONYM_FIRST.exec(sentence);
  if (named) {
    lower = lower.slice(named[0].length);
    m = pattern.exec(lower);
  }
  if (!m) return "none";
  if (!/(?:is|are|was|were)$/.test(m[0])) return "classifying";
  return CLASSIFYING_AFTER_COPULA.test(lower.slice(m[0].length)) ? "classifying" : "loose";
}
const CLASSIFYING_AFTER_COPULA =
  /^\s+(?:(?:also|just|simply|basically|essentially|now)\s+)?(?:a|an|the|one|any|some|where|when)\b/;
const ACRONYM_FIRST = /^["“'‘(]*\p{Lu}{2,}\s+/u;

/**
 * Whether a sentence holds the kind of answer `intent` asks for (always true for "other"; for a
 * yes/no question, a sentence that opens with the reply, as FAQs answer: "No. The environment…").
 * A "name" question also needs the question, since its answer is a name not in it.
 */
export function holdsAnswerType(intent: Intent, sentence: string, question = ""): boolean {
  switch (intent) {
    case "name":
      return namesSomethingNew(sentence, question);
    case "time":
      return TIME_RE.test(sentence);
    case "reason":
      return REASON_RE.test(sentence);
    case "money":
      return MONEY_RE.test(sentence);
    case "quantity":
      // Every date pattern holds a digit: without one, there is nothing to blank out.
      return QUANTITY_RE.test(/\d/.test(sentence) ? sentence.replace(DATES_RE.on(sentence), " ") : sentence);
    case "definition":
      return definitionKind(sentence, question) !== "none";
    case "person":
      return PERSON_RE.test(sentence);
    case "place":
      return !NAMED_PLACE_QUESTION.test(question) || PLACE_RE.test(sentence);
    case "yesno":
      return REPLY_RE.test(sentence);
    default:
      return true;
  }
}

/** A sentence that opens with a reply to a yes/no question: "Yes.", "No, not…", "Yes — but…". */
const REPLY_RE = /^["“'‘(]*(?:yes|no|nope|yep)(?:[.,;:!—–]|\s+[-—–])/iu;

const CAPTION_RE =
  /^(?:here(?:'s|’s| is| are) (?:what|how|the|a)|pictured|photo|image|screenshot|source|credit|caption|watch|video|figure|fig\.|illustration|graphic|\(photo|\(image)\b/iu;
// A pointer to another part of the documents: "see section 4", "see the answer to…", "see the
// next question", "consult "How do I…"" (a quoted title).
const XREF_RE = caseless(
  /\b(?:see|refer to|consult|follow|described in|discussed in|covered in|explained in|answered in|more (?:on this )?in|details in)\s+(?:also\s+)?(?:the\s+)?(?:section|chapter|entry|question|part|page|appendix|faq|item|below|above|§|\d|answers?\s+to\b|(?:next|previous|preceding|following|earlier|later)\s+(?:section|chapter|entry|question|answer|part|item|["“'‘`])|["“'‘`])|\banswers?\s+to\s+(?:the\s+)?(?:question\s+)?["“'‘`]/iu,
);
/** A quote mark that opens a quotation: at the start or after a space or an opening bracket. */
const OPENING_QUOTE = /(?:^|[\s([])["“'‘`]/u;
const OPENING_QUOTES = new RegExp(OPENING_QUOTE.source, "gu");
// One mark at a time: a run of them as one match made a long run of marks followed by a letter
// (a document can hold anything) take quadratic time.
const CLOSING_QUOTES = /["”'’`](?=[\s.,;:!?)\]]|$)/gu;

/**
 * A pointer's sentence without the quoted title it points to: `See the answer to "Why does X
 * fail?" for more.` → `See the answer to for more.` The title's words name another entry, not
 * what this sentence says, so a question worded like that entry's title must not find the pointer
 * instead of the entry. Undefined when the sentence is no pointer or holds no quoted title. The
 * title runs from the first opening quote after the pointer to the last closing one, so titles
 * that quote something themselves (`'What does "(?)" mean?'`) go whole.
 */
export function withoutCitedTitle(sentence: string): string | undefined {
  // An opening quote first: most sentences have none, and an apostrophe ("it's") is no quote.
  if (!OPENING_QUOTE.test(sentence)) return undefined;
  const pointer = XREF_RE.on(sentence).exec(sentence);
  if (!pointer) return undefined;
  OPENING_QUOTES.lastIndex = pointer.index;
  const start = OPENING_QUOTES.exec(sentence);
  if (!start) return undefined;
  const from = start.index + start[0].length - 1;
  CLOSING_QUOTES.lastIndex = from + 1;
  let to = -1;
  for (let m = CLOSING_QUOTES.exec(sentence); m; m = CLOSING_QUOTES.exec(sentence))
    to = m.index + m[0].length;
  if (to < 0) return undefined;
  return `${sentence.slice(0, from)}${sentence.slice(to)}`;
}

/** A sentence that opens with a pointer is one however long its quoted title runs. */
const LEADING_XREF_RE = /^["“(]*(?:also\s+|please\s+)?(?:see|refer to|consult|follow)\b/iu;

/**
 * `text.split(/\s+/, max).length` for trimmed text, without making the pieces: one more than its
 * runs of white space, at most `max`.
 */
function countWords(text: string, max: number): number {
  let words = 1;
  let inSpace = false;
  for (let i = 0; i < text.length && words < max; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space && !inSpace) words++;
    inSpace = space;
  }
  return words;
}

/** Sentences that don't answer anything on their own: captions, pointers elsewhere, questions. */
export function isNonAnswer(sentence: string): boolean {
  const text = sentence.trim();
  if (/\?["”’')\]]*$/u.test(text)) return true;
  // Words are counted only as far as the rules look (26), and the cheap tests go first: this
  // runs on every candidate sentence of every question.
  const words = countWords(text, 26);
  if (words <= 20 && CAPTION_RE.test(text)) return true;
  if ((words <= 25 || LEADING_XREF_RE.test(text)) && XREF_RE.test(text)) return true;
  // A bare heading or label: short and without a verb-ending punctuation.
  return words <= 5 && !/[.!।;)"”’]$/u.test(text);
}

/**
 * Ends in ":", "following" or "as follows" (trailing space aside). Only the last characters are
 * searched: the longest ending, "as follows.", is 11, plus one for the word boundary before it.
 */
const INTRODUCES_RE = /[:：]$|\b(?:following|as follows)[.:]?$/iu;

/** The sentence introduces what follows (a list, a quotation) and is incomplete without it. */
export const introducesNext = (sentence: string) => INTRODUCES_RE.test(sentence.trimEnd().slice(-12));

/** The sentence leans on the previous one: it opens with a pronoun or a connective. */
export const leansOnPrevious = (sentence: string) =>
  /^["“'‘(]*(?:it|its|it's|this|that|these|those|they|their|them|he|his|she|her|such|the (?:move|company|firm|change|decision|report|post|tweet|claim|feature|policy|app|platform)|but|however|also|and|yet|still|instead|meanwhile|moreover|furthermore|in addition|as a result|therefore|thus|so|then|there|here)\b|^["“'‘(]*(?:इसके|इस|यह|वह|उन्होंने|उनका|लेकिन)(?![\p{L}\p{M}])/iu.test(
    sentence.trim(),
  );

const DOUBT_RE = caseless(
  /\b(?:question(?:ed|s|ing)?|doubt\w*|den(?:y|ies|ied)|dismiss\w*|refut\w*|reject\w*|disput\w*|counter\w*|insist\w*|no evidence|not true|false|misleading|baseless|unfounded|however|but|although|though|despite|never|not|no one|nobody|cannot|can't|won't|doesn't|didn't|isn't|aren't|wasn't|skeptic\w*|sceptic\w*|criticis\w*|critic\w*|concern\w*|challeng\w*|responded|response|replied|pushback)\b|आरोप|दावा|सवाल|इनकार|लेकिन|हालांकि|नहीं/iu,
);

/**
 * The sentence voices doubt, denial or a counterpoint; a sentence that doesn't is an assertion.
 * A contested question is answered fairly when its first quotes hold both kinds.
 */
export const voicesDoubt = (sentence: string) => DOUBT_RE.test(sentence);
