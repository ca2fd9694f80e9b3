/**
 * @module
 * Question → weighted concepts. Each content word is a concept; its alternatives are the index
 * terms that express it (the word, its stem, a typo correction, a synonym from the corpus's own
 * synonym file or from WordNet), and its weight says how much the question depends on it.
 *
 * Weights: a word the documents use weighs its BM25 idf there (rare in the documents = telling).
 * A word they never use weighs by how rare it is in everyday English: "valgrind" or "Signal" names a
 * topic the documents lack and weighs the most, while "grandma" or "safe" is just how someone put
 * it and weighs little. Names (capitalised in the question, or nearly always in the documents)
 * weigh double: "does X read my DMs?" is about X.
 */
import type { ConceptMap } from "./concepts.ts";
import { isRomanizedHindi, isRomanizedHindiWord } from "./language.ts";
import { crossScriptTerms } from "./lexicon/cross-script.ts";
import {
  familyZipf,
  functionWordSlips,
  listed,
  misspeltWord,
  spellings,
  unswapped,
  zipf,
  zipfAtLeast,
} from "./lexicon/word-frequency.ts";
import { synonyms } from "./lexicon/wordnet.ts";
import { maxTypoDistance, type ResolvedWord, resolveWord, type SearchIndex } from "./search-index.ts";
import type { SemanticScores } from "./semantic/vectors.ts";
import {
  adjacentSwaps,
  QUESTION_WORDS,
  surfaceForm,
  tokenize,
  toTerm,
  toTerms,
  withCapitalOf,
} from "./text.ts";
import type { Signals } from "./types.ts";

export type { Signals };

/** One way to express a concept: index terms that must all be present, and how much it counts. */
export interface Alternative {
  terms: readonly string[];
  weight: number;
}

/** One idea in the question: the word as typed and the index terms that express it. */
export interface Concept {
  word: string;
  alternatives: Alternative[];
  /** How much the question depends on this concept. */
  idf: number;
  /** Some alternative occurs in the documents. */
  present: boolean;
  /**
   * What the question asks about its names: a word that is not a name and that the documents
   * could have used (they do use it, or it is rare enough to be a topic). An answer must cover
   * some of these; the names alone ("How much did Musk pay for Twitter?") are not enough.
   */
  ask: boolean;
}

export const ALL_SIGNALS: Readonly<Signals> = Object.freeze({
  semantic: true,
  wordnet: true,
  frequency: true,
  filler: true,
  intent: true,
  context: true,
  roles: true,
  sides: true,
  concepts: true,
  crossScript: true,
  sections: true,
  proximity: true,
});

/** What analysis needs: the index, the corpus's synonyms and the signals in force. */
export interface AnalysisContext {
  index: SearchIndex;
  concepts: ConceptMap;
  signals: Signals;
  /** The question's similarity to the documents' sentences, when vectors are ready. */
  semantic?: SemanticScores;
}

/** A WordNet synonym counts this much of the word itself: senses drift. */
export const WORDNET_WEIGHT = 0.6;
/** The same word in another script ("Musk" ~ "मस्क") counts this much: the match is by sound. */
export const CROSS_SCRIPT_WEIGHT = 0.7;
export const NAME_WEIGHT = 2;
const MAX_QUESTION_WORDS = 32;
/** Verbs that, opening a question, say it is one ("explain…", "describe…", "define…"). */
const ASKING_VERBS = new Set(["explain", "describe", "define"]);

/** Everyday-English Zipf values between which an absent word goes from "how it was put" to "a topic". */
const EVERYDAY_ZIPF = 5;
const RARE_ZIPF = 3;
/** The least an absent word weighs, as a share of an absent rare word. */
const EVERYDAY_SHARE = 0.2;
/**
 * An absent word in a script without a frequency list weighs this share: we cannot tell an
 * everyday word from a topic, so it counts, but less than half (not as what the question asks).
 */
const UNKNOWN_SHARE = 0.4;
/** A word at least this common in everyday English is a real word, never corrected as a typo. */
export const KNOWN_WORD_ZIPF = 2.5;

export const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

const isName = (index: SearchIndex, token: string, position: number) =>
  index.names.has(surfaceForm(token)) ||
  /^\p{Lu}.*\p{Lu}/u.test(token) ||
  (position > 0 && /^\p{Lu}/u.test(token));

/** How much an absent word weighs relative to an absent rare word, from its everyday frequency. */
export function absentShare(word: string): number {
  if (!/^[a-z'-]+$/.test(word)) return UNKNOWN_SHARE;
  let z = zipf(word);
  // A misspelt everyday word ("artcle") is as everyday as the word it misspells.
  if (z < KNOWN_WORD_ZIPF) {
    const meant = misspeltWord(word);
    if (meant) z = zipf(meant);
  }
  const share = (EVERYDAY_ZIPF - z) / (EVERYDAY_ZIPF - RARE_ZIPF);
  return Math.min(1, Math.max(EVERYDAY_SHARE, share));
}

/**
 * WordNet alternatives of a word or phrase that the documents contain. A synonym of more words
 * than the phrase is left out: such phrases name a narrower sense ("completion" is also a
 * football "pass completion", "writing" "written material"), and a phrase of common words
 * matches sentences about neither.
 */
function wordnetAlternatives(index: SearchIndex, phrase: string): Alternative[] {
  const out: Alternative[] = [];
  for (const synonym of synonyms(phrase)) {
    const terms = toTerms(synonym);
    if (terms.length === 0 || terms.length !== tokenize(synonym).length) continue;
    if (terms.length > tokenize(phrase).length) continue;
    if (terms.every((t) => index.df.has(t))) out.push({ terms, weight: WORDNET_WEIGHT });
  }
  return out;
}

/**
 * A word the documents already use in this many passages gets no WordNet synonyms: it fills the
 * answer's lexical candidates (80 passages, `answer.ts`) by itself, and on large corpora its
 * synonyms' long posting lists only slowed the search and let passages without the word outrank
 * passages with it (bench, 100k passages: recall@10 +3 points; no development set changed but
 * faqbench, +1 question).
 */
const EXPAND_BELOW_DF = 80;

/** The df of the commonest of these terms (0 when the documents use none). */
const maxDf = (index: SearchIndex, terms: Iterable<string>) =>
  Math.max(0, ...Array.from(terms, (t) => index.df.get(t) ?? 0));

const ownDf = (index: SearchIndex, resolved: ResolvedWord) => maxDf(index, resolved.terms.keys());

/**
 * A concept is as rare as its most common way of saying it: synonyms widen, never narrow. WordNet's
 * synonyms only widen what it matches: they come from any of a word's common senses ("stack" ~
 * "heap"), so a word the documents use keeps its own rarity; they set it only when nothing else
 * of the concept is in the documents.
 */
function commonestDf(index: SearchIndex, alternatives: readonly Alternative[]): number {
  const df = (list: readonly Alternative[]) =>
    maxDf(
      index,
      list.flatMap((a) => a.terms),
    );
  return df(alternatives.filter((a) => a.weight > WORDNET_WEIGHT)) || df(alternatives);
}

const addAlternative = (list: Alternative[], alt: Alternative) => {
  const key = alt.terms.join(" ");
  const found = list.find((a) => a.terms.join(" ") === key);
  if (!found) list.push(alt);
  else if (alt.weight > found.weight) Object.assign(found, alt);
};

/**
 * A three-letter non-word that is one word of the documents with a letter left out ("zlb" for
 * their "zlib", "gzp" for "gzip") stands for that word, as a typo correction does. Typo
 * correction allows no edit below four letters, where a substitution has too many words to
 * land on; a dropped letter put back has few, and only one may fit.
 */
function restoreDroppedLetter(index: SearchIndex, resolved: ResolvedWord): void {
  const word = resolved.word;
  if (resolved.known || word.length !== 3 || !/^[a-z]+$/.test(word) || zipf(word) >= KNOWN_WORD_ZIPF) return;
  const found = new Set<string>();
  for (const [surface, [term]] of index.vocabulary.fuzzyGet(word, 1))
    if (surface.length === 4 && index.df.has(term) && isSubsequence(word, surface)) found.add(term);
  if (found.size === 1) resolved.terms = new Map([[[...found][0] as string, MISSPELLING_WEIGHT]]);
}

const isSubsequence = (short: string, long: string) => {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
};

/** A guessed spelling weighs what a typo correction against the documents does. */
const MISSPELLING_WEIGHT = 0.8;

/**
 * A mistyped word in a form the documents don't use ("comppanies" where they say "company") is
 * not near any of their words, but the English word it misspells may share their stem: then it
 * stands for that stem, as a typo correction does. Only for words no frequency list knows.
 */
function spellAsEveryday(index: SearchIndex, resolved: ResolvedWord): void {
  if (resolved.known || [...resolved.terms.keys()].some((t) => index.df.has(t))) return;
  if (!/^[a-z]+$/.test(resolved.word) || listed(resolved.word)) return;
  for (const meant of spellings(resolved.word)) {
    // "unhandled" is not a misspelt "handled": a prefix makes another word, not a typo.
    if (resolved.word.endsWith(meant) && resolved.word.length - meant.length >= 2) continue;
    const term = toTerm(meant);
    if (term && index.df.has(term)) {
      resolved.terms = new Map([[term, MISSPELLING_WEIGHT]]);
      resolved.meant = meant;
      return;
    }
  }
}

/** Latin abbreviations of prose ("e.g.", "i.e.", "etc."): split into letters, they would be searched as "e" and "g". */
const ABBREVIATIONS = /(?<![\p{L}\p{N}])(?:e\.\s?g|i\.\s?e|cf|viz|etc)\.(?![\p{L}\p{N}])/giu;

/** A word of Latin letters (lower-cased) that is no English word and that the documents don't use. */
const isStrangeWord = (index: SearchIndex, word: string) =>
  /^[a-z]+$/.test(word) && !index.vocabulary.has(word) && !zipfAtLeast(word, KNOWN_WORD_ZIPF);

/**
 * A word with two adjacent letters swapped ("Whta", "hwo", "Mtea") or a function word mistyped
 * ("wht", "frm", "Wheoe") as the word meant,
 * when it is no English word and the documents don't use it either: a word of the documents, or
 * another form of one ("vulnerabiliteis" for their "vulnerability"), that the swap makes, else an
 * everyday English word ("recieve"). Typo correction allows one edit
 * below six letters, and a swap is two. A three-letter word only becomes a function word
 * ("teh" → "the", but "abd" is not taken for "bad"): too many short words are a swap apart. A
 * letter struck wrong or added makes a function word only when no word of the documents is one
 * edit away: "fike" is their "file" mistyped before it is "like". The capital of a first letter
 * is kept, for the name rules.
 */
function unswap(index: SearchIndex, token: string, first: boolean): string {
  const word = token.toLowerCase();
  if (!isStrangeWord(index, word)) return token;
  let meant =
    word.length > 3
      ? adjacentSwaps(word).find((w) => index.vocabulary.has(w) || index.df.has(toTerm(w) ?? ""))
      : undefined;
  meant ??= unswapped(word);
  if (!meant) {
    // Any function word it can be (each is searched as none); opening the question, the
    // question word it can be, before any word of the documents ("Xhat is…" is no "hat").
    const slips = functionWordSlips(word);
    const asks = first ? slips.find((s) => QUESTION_WORDS.includes(s)) : undefined;
    const slip = slips[0];
    if (asks) meant = asks;
    else if (slip && (slip.length === word.length + 1 || !nearDocumentWord(index, word))) meant = slip;
  }
  if (!meant || (meant.length === 3 && toTerm(meant) !== null)) return token;
  return withCapitalOf(token, meant);
}

/** Whether the documents use a word one edit from this one, which typo correction would find. */
const nearDocumentWord = (index: SearchIndex, word: string) =>
  [...index.vocabulary.fuzzyGet(word, 1).values()].some(([term]) => index.df.has(term));

/** Each part of a compound split by {@link splitCompound} has at least this many letters. */
const MIN_COMPOUND_PART = 3;

/**
 * A word written as one that the documents write as two ("usernames" for their "user names",
 * "filesystem" for "file system"), as those two: when it is no English word, the documents don't
 * use it nor any word one edit from it, and exactly one split gives two words they do use.
 * Otherwise the word itself.
 */
function splitCompound(index: SearchIndex, token: string): string[] {
  const word = token.toLowerCase();
  if (word.length < 2 * MIN_COMPOUND_PART || !isStrangeWord(index, word)) return [token];
  // Two words joined, or with one letter struck between them for the space or slash
  // ("compressvdeflate": the keys around the space bar), tried only when no plain join fits.
  let found: string[] | undefined;
  for (const gap of [0, 1]) {
    for (let at = MIN_COMPOUND_PART; at + gap <= word.length - MIN_COMPOUND_PART; at++) {
      const head = word.slice(0, at);
      const tail = word.slice(at + gap);
      if (!index.vocabulary.has(head) || !index.vocabulary.has(tail)) continue;
      if (found) return [token];
      found = [head, tail];
    }
    if (found) break;
  }
  // One slip from a word of the documents is that word mistyped ("commadds", "encryptdon"),
  // which typo correction finds, not two words that happen to fill it ("comm adds"). Looked for
  // last: the fuzzy search costs more than the splits.
  if (!found || index.vocabulary.fuzzyGet(word, 1).size > 0) return [token];
  return found;
}

/**
 * Turns a question into weighted concepts. Two adjacent words that the synonym file or WordNet
 * knows as a phrase ("win back", "switch off") are one concept.
 *
 * @example
 * ```ts
 * analyzeQuestion(ctx, "Is WhatsApp safe?"); // [{ word: "whatsapp", idf: 3.1, … }, { word: "safe", idf: 0.9, … }]
 * ```
 */
export function analyzeQuestion(ctx: AnalysisContext, typed: string): Concept[] {
  const { index, signals } = ctx;
  // A question typed all in capitals ("WHY DOES MEMCHECK CRASH?") tells no names by them: it is
  // read as one typed all in lower case, not as a row of acronyms.
  const question = /\p{Ll}/u.test(typed) ? typed : typed.toLowerCase();
  const n = index.passages.length;
  const maxIdf = idf(n, 0);
  // Hindi typed in Latin letters: its function words are stop words, its other words are matched
  // to Devanagari ones by sound.
  const romanized = signals.crossScript && isRomanizedHindi(question);
  let tokens = tokenize(question.replace(ABBREVIATIONS, " "))
    .filter((t) => !romanized || !isRomanizedHindiWord(t))
    .slice(0, MAX_QUESTION_WORDS);
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const lowerCase = !/\p{Lu}/u.test(question);
  // A real English word is never a typo; a word that is not one may be off by more than a letter.
  const typoDistance = (word: string) => {
    if (!signals.frequency || !/^[a-z]+$/.test(word)) return maxTypoDistance(word);
    if (zipf(word) >= KNOWN_WORD_ZIPF) return 0;
    return word.length >= 6 ? 2 : word.length >= 4 ? 1 : 0;
  };
  if (signals.frequency) tokens = tokens.flatMap((t, i) => splitCompound(index, unswap(index, t, i === 0)));
  // "Explain multidrop", "define DPMI": the verb that opens the message asks; it is not asked about.
  if (tokens.length > 1 && ASKING_VERBS.has((tokens[0] as string).toLowerCase())) tokens = tokens.slice(1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    // A phrase first: "switch off" means something "switch" alone does not.
    if (next) {
      const phraseTerms = toTerms(`${token} ${next}`).join(" ");
      const phrase = `${surfaceForm(token)} ${surfaceForm(next)}`;
      const alts: Alternative[] = [];
      if (signals.concepts && phraseTerms.includes(" "))
        for (const a of ctx.concepts.get(phraseTerms) ?? []) addAlternative(alts, a);
      if (signals.wordnet && /^[a-z]+ [a-z]+$/.test(phrase))
        for (const a of wordnetAlternatives(index, phrase)) addAlternative(alts, a);
      if (alts.length > 0) {
        const own = toTerms(phrase);
        if (own.length > 0 && own.every((t) => index.df.has(t)))
          addAlternative(alts, { terms: own, weight: 1 });
        concepts.push({
          word: phrase,
          alternatives: alts,
          idf: idf(n, commonestDf(index, alts)),
          present: true,
          ask: true,
        });
        seen.add(phrase);
        i++;
        continue;
      }
    }
    const resolved = resolveWord(index, token, typoDistance);
    if (!resolved || seen.has(resolved.word)) continue;
    seen.add(resolved.word);
    if (signals.frequency) {
      spellAsEveryday(index, resolved);
      restoreDroppedLetter(index, resolved);
    }
    const alternatives: Alternative[] = [...resolved.terms].map(([t, weight]) => ({ terms: [t], weight }));
    if (signals.concepts) {
      for (const key of resolved.terms.keys())
        for (const alt of ctx.concepts.get(key) ?? []) addAlternative(alternatives, alt);
    }
    const asMeant = resolved.meant ?? resolved.word;
    if (signals.wordnet && /^[a-z]+$/.test(asMeant) && ownDf(index, resolved) < EXPAND_BELOW_DF) {
      for (const alt of wordnetAlternatives(index, asMeant)) addAlternative(alternatives, alt);
    }
    if (signals.crossScript) {
      for (const term of crossScriptTerms(index.vocabulary, token))
        if (index.df.has(term)) addAlternative(alternatives, { terms: [term], weight: CROSS_SCRIPT_WEIGHT });
    }
    const present = alternatives.some((a) => a.terms.every((t) => index.df.has(t)));
    // A capitalised first word is a name too when it is no English word the documents lack, nor
    // two letters from one ("Memcheck doesn't report…", but not "Doez" or "Shoudl"): capitals at
    // a sentence's start say nothing of English words. So is any such word of a question typed
    // all in lower case ("memcheck doesn't report…"), which has no capitals to tell names by. An
    // inflection of an English word is English ("overruns", "algorithms"): its family's frequency.
    const name =
      isName(index, token, i) ||
      (!present &&
        (lowerCase || /^\p{Lu}/u.test(token)) &&
        /^[a-z]+$/.test(resolved.word) &&
        familyZipf(resolved.word) < KNOWN_WORD_ZIPF &&
        misspeltWord(resolved.word, 2) === undefined);
    let weight: number;
    let ask = !name;
    if (present) {
      weight = idf(n, commonestDf(index, alternatives));
    } else {
      // Hindi in Latin letters has no frequency list either: its words weigh as Hindi ones do.
      const share = signals.frequency && !name ? (romanized ? UNKNOWN_SHARE : absentShare(resolved.word)) : 1;
      weight = maxIdf * share;
      // An everyday word the documents never use is how the asker put it, not what they ask.
      if (share < 0.5) ask = false;
    }
    concepts.push({
      word: resolved.word,
      alternatives,
      idf: weight * (name ? NAME_WEIGHT : 1),
      present,
      ask,
    });
  }
  return concepts;
}

/** How much of a question a text covers: in all, and of what it asks (see {@link Concept.ask}). */
export interface Coverage {
  all: number;
  /** 1 when the question asks nothing beyond its names. */
  asks: number;
}

/**
 * Weighted share of concepts that a text expresses. `presence(term)` is 1 for a term in the text,
 * a fraction for one only in its context (the document title or section heading), else 0.
 */
export function coverage(concepts: readonly Concept[], presence: (term: string) => number): Coverage {
  let total = 0;
  let covered = 0;
  let askTotal = 0;
  let askCovered = 0;
  for (const c of concepts) {
    let best = 0;
    for (const alt of c.alternatives) {
      let least = 1;
      for (const t of alt.terms) least = Math.min(least, presence(t));
      const found = least * alt.weight;
      if (found > best) best = found;
    }
    total += c.idf;
    covered += c.idf * best;
    if (c.ask) {
      askTotal += c.idf;
      askCovered += c.idf * best;
    }
  }
  return { all: total > 0 ? covered / total : 0, asks: askTotal > 0 ? askCovered / askTotal : 1 };
}

/** Index terms of a question's concepts with their best weights, for the lexical search. */
export function searchWeights(concepts: readonly Concept[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const c of concepts) {
    for (const alt of c.alternatives) {
      for (const t of alt.terms) weights.set(t, Math.max(weights.get(t) ?? 0, alt.weight));
    }
  }
  return weights;
}
