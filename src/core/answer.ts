/**
 * @module
 * Question → {@link Answer}: verbatim quotes ranked by a fusion of measured signals, numbered
 * sources, and an honest refusal when the documents don't cover the question.
 *
 * 1. The question loses its markup and padding (`question.ts`) and becomes weighted concepts
 *    (`analyze.ts`).
 * 2. Candidates: the BM25 top passages for the concepts' terms, plus, when sentence vectors are
 *    ready, the passages holding the sentences most similar in meaning to the question.
 * 3. Each candidate's best one or two sentences are chosen by a fused score: how much of the
 *    question they cover (keywords), how close they are in meaning (embeddings), the passage's
 *    BM25 score, whether they hold the kind of answer asked for (a date for "when"), and whether
 *    they can answer at all (not a caption, cross-reference or question). A lead-in ending in ":"
 *    brings the list it introduces; a sentence leaning on the previous one brings it along.
 * 4. Quotes are ranked with near-duplicates merged (a repeat elsewhere is cited beside the quote
 *    it repeats) and each further quote from the same document discounted; when the quotes
 *    disagree, the first five hold both sides.
 * 5. The refusal rule (`refusal.ts`) decides whether the best evidence answers the question.
 */
import {
  type AnalysisContext,
  analyzeQuestion,
  type Concept,
  type Coverage,
  coverage,
  KNOWN_WORD_ZIPF,
  searchWeights,
} from "./analyze.ts";
import { duplicateKey } from "./boilerplate.ts";
import {
  definitionKind,
  holdsAnswerType,
  type Intent,
  introducesNext,
  isNonAnswer,
  leansOnPrevious,
  questionIntent,
  voicesDoubt,
  withoutCitedTitle,
} from "./intent.ts";
import { questionLanguage } from "./language.ts";
import { zipfAtLeast } from "./lexicon/word-frequency.ts";
import { type Passage, quotableSpans } from "./passages.ts";
import {
  ASIDE_ZIPF,
  askingPart,
  cleanQuestion,
  dropLead,
  expandShorthand,
  isSmallTalk,
  stripFiller,
  stripMarkup,
} from "./question.ts";
import { type Evidence, isAnswered, needsAnswerType } from "./refusal.ts";
import { passagesWith, type SearchIndex, searchTerms } from "./search-index.ts";
import { sectionShares } from "./sections.ts";
import { passageTerms } from "./sentence-terms.ts";
import { countWords, termSet, toTerm, toTerms } from "./text.ts";
import type { Answer, AskOptions, DocumentMeta, Quote, QuotePlace, Source } from "./types.ts";

export { cleanQuestion, MAX_QUESTION_CHARS } from "./question.ts";

/** Quotes shown when the caller does not ask for a number. */
export const DEFAULT_QUOTES = 4;
/** Quotes ranked per question at most (all pages of "More sources" together). */
export const MAX_QUOTES = 12;
const CANDIDATES = 40;
const SEMANTIC_CANDIDATES = 30;
const MAX_QUOTE_WORDS = 70;
/** A lead-in's list is read this far for the items to quote. */
const MAX_LIST_ITEMS = 20;

/**
 * Fusion weights, chosen on the development sets by `npm run eval -- --tune` (the numbers that
 * chose them are in the README's "Answer quality" section). Each signal is scaled to [0, 1] over
 * this question's candidate sentences (min-max), so that a corpus where every sentence is about
 * the question's topic (all similarities high) does not drown the keywords.
 */
export const FUSION = {
  semanticWeight: 0.45,
  /** A sentence that cannot answer (caption, pointer, question, label) counts this much. */
  nonAnswer: 0.5,
  /** A sentence without the kind of answer asked for ("when" and no time in it) counts this much. */
  intentMiss: 0.8,
  /** Passages in another language than the question's count this much. */
  otherLanguage: 0.35,
  /**
   * Each further quote from a document already quoted counts this much less, so a contested
   * question shows more than one side; a clearly better quote still wins.
   */
  sameDocument: 0.75,
  /**
   * A document counts as one source for {@link FUSION.sameDocument} only while another document
   * has a candidate scoring at least this share of its best: then they are sources to weigh
   * against each other. A document no other one rivals (an FAQ, a manual among unrelated files)
   * is discounted per section instead, its entries answering different questions: held-out FAQs
   * hit@3 253 → 259 of 309 and 335 → 346 of 604, FAQ A 79 → 80 (`SEMANTIC=off`); 0.4 to 0.7 gave
   * the held-out sets the same +6 and +11 to +15, and from 0.6 one question on the bundled articles
   * lost its third place to a third quote of the article ranked first.
   */
  rivalShare: 0.5,
  /**
   * How much a passage's section decides: its score is multiplied by 1 - section + section × its
   * section's BM25 score as a share of the best candidate section's ({@link sectionShares}), so a
   * passage in the section that answers best keeps its score and one in a section that matches
   * little loses up to this share of it.
   */
  section: 0.7,
  /** A sentence's keyword score: its coverage to this power, times (1 - bm25 + bm25 × the passage's BM25 share of the best). */
  coveragePower: 2,
  bm25: 0.5,
  /**
   * A sentence's keyword score grows by up to this share when the question's neighbouring words
   * stand together in it ({@link proximity}). 0.3 / 0.5 / 1 with `SEMANTIC=off`, summed over
   * FAQ A, FAQ B and the two held-out sets: hit@1 +10 / +14 / +14, hit@3 +1 / +10 / +10; at 1 a
   * shared-set question lost its first place (README, "Answer quality").
   */
  proximity: 0.5,
};

/** What the core needs to answer: the index, document metadata, synonyms, signals, semantics. */
export interface AnswerContext extends AnalysisContext {
  documents: ReadonlyMap<string, DocumentMeta>;
}

/** A quote in the making: its passage, its text and what it was scored on. */
interface Candidate {
  passage: Passage;
  id: number;
  score: number;
  /** Its score without the lift for words standing together ({@link Choice}.base). */
  base: number;
  /** How much of the question the whole passage (with its title and heading) covers. */
  coverage: Coverage;
  /** How much its quoted sentences cover. */
  quoteCoverage: Coverage;
  similarity?: number;
  holdsAnswer: boolean;
  quote: string;
  /** The passages after its own that its quote shows (a lead-in's list items). */
  shows: readonly number[];
  terms: Set<string>;
  /** Its quote's {@link duplicateKey}, made when it is first ranked (rankings are redone as candidates settle). */
  key?: string;
  /** Candidates of other paragraphs whose quotes repeat this one's, set when it is ranked. */
  repeatedIn?: Candidate[];
}

/** A term's weight in a quote's context: the title and heading the reader sees beside it. */
const CONTEXT_WEIGHT = 0.5;

const words = countWords;

/** A candidate passage's sentences, scored before the quote is chosen. */
interface Scored {
  id: number;
  passage: Passage;
  texts: string[];
  terms: readonly ReadonlySet<string>[];
  context: ReadonlySet<string>;
  /** Keyword score per sentence (see {@link FUSION}). */
  lexical: number[];
  sims: (number | undefined)[];
  bm25: number;
  /** What its section makes of its score (see {@link FUSION}.section); 1 when not weighed. */
  sectionFactor: number;
}

/** Min-max ranges over all candidate sentences: each signal counts relative to this question's best. */
interface Ranges {
  lexical: number;
  simMin: number;
  simMax: number;
}

const keywordScore = (coverage: number, bm25: number) =>
  coverage ** FUSION.coveragePower * (1 - FUSION.bm25 + FUSION.bm25 * bm25);

/** Two words of a question count as standing together in a sentence this many words apart at most (stop words not counted). */
const NEAR = 2;

/** A concept's own forms: the index terms of its single-word alternatives at full weight. */
type Forms = ReadonlySet<string>;

/** The question's neighbouring concepts, pair by pair, in the order they were asked. */
function neighbourPairs(concepts: readonly Concept[]): [Forms, Forms][] {
  const forms: Forms[] = [];
  for (const c of concepts) {
    if (!c.present) continue;
    const own = new Set<string>();
    for (const a of c.alternatives) if (a.weight >= 1 && a.terms.length === 1) own.add(a.terms[0] as string);
    if (own.size) forms.push(own);
  }
  const pairs: [Forms, Forms][] = [];
  for (let i = 1; i < forms.length; i++) pairs.push([forms[i - 1] as Forms, forms[i] as Forms]);
  return pairs;
}

const holdsAny = (terms: ReadonlySet<string>, forms: Forms) => {
  for (const t of forms) if (terms.has(t)) return true;
  return false;
};

/**
 * Share of the question's neighbouring word pairs that stand together in a text (within
 * {@link NEAR} words, either order): "first match" in "prints only the first match" and not in
 * "the first line … a match". Only a text holding both words of some pair is read word by word.
 */
function proximity(pairs: readonly [Forms, Forms][], terms: ReadonlySet<string>, text: string): number {
  if (pairs.length === 0 || !pairs.some(([a, b]) => holdsAny(terms, a) && holdsAny(terms, b))) return 0;
  const sequence = toTerms(text);
  let together = 0;
  for (const [a, b] of pairs) {
    let near = false;
    for (let i = 0; i < sequence.length && !near; i++) {
      if (!a.has(sequence[i] as string)) continue;
      const last = Math.min(sequence.length - 1, i + NEAR);
      for (let j = Math.max(0, i - NEAR); j <= last && !near; j++)
        near = j !== i && b.has(sequence[j] as string);
    }
    if (near) together++;
  }
  return together / pairs.length;
}

const presenceIn = (terms: ReadonlySet<string>, context: ReadonlySet<string>) => (t: string) =>
  terms.has(t) ? 1 : context.has(t) ? CONTEXT_WEIGHT : 0;

/** {@link presenceIn} the union of some sets, without making it. */
const presenceInAny = (sets: readonly ReadonlySet<string>[], context: ReadonlySet<string>) => (t: string) => {
  for (const set of sets) if (set.has(t)) return 1;
  return context.has(t) ? CONTEXT_WEIGHT : 0;
};

function scoreSentences(
  ctx: AnswerContext,
  concepts: Concept[],
  pairs: readonly [Forms, Forms][],
  id: number,
  bm25: number,
  sectionShare: number | undefined,
): Scored {
  const passage = ctx.index.passages[id] as Passage;
  const meta = ctx.documents.get(passage.file);
  const context = termSet(`${meta?.title ?? ""} ${passage.section ?? ""}`);
  const spans = quotableSpans(passage);
  const texts = spans.map((s) => passage.text.slice(s.start, s.end));
  // Cached per passage and index: re-stemming every candidate's sentences cost a third of an answer.
  const { sentences } = passageTerms(ctx.index, id);
  // A pointer's quoted title is another entry's words, not what the pointer says.
  const terms = ctx.signals.roles
    ? sentences.map((t, s) => {
        const rest = withoutCitedTitle(texts[s] as string);
        return rest === undefined ? t : termSet(rest);
      })
    : sentences;
  const lexical = terms.map((t, s) => {
    const c = coverage(concepts, presenceIn(t, context));
    return keywordScore(c.all, bm25) * (1 + FUSION.proximity * proximity(pairs, t, texts[s] as string));
  });
  const sims = spans.map((_, s) => (ctx.signals.semantic ? ctx.semantic?.sentence(id, s) : undefined));
  const sectionFactor = sectionShare === undefined ? 1 : 1 - FUSION.section + FUSION.section * sectionShare;
  return { id, passage, texts, terms, context, lexical, sims, bm25, sectionFactor };
}

/** The fused score before {@link fuse}'s penalties, which can only lower it (it is never negative). */
function blend(ranges: Ranges, lexical: number, sim: number | undefined): number {
  const lex = ranges.lexical > 0 ? lexical / ranges.lexical : 0;
  if (sim !== undefined && ranges.simMax > ranges.simMin) {
    const s = Math.max(0, (sim - ranges.simMin) / (ranges.simMax - ranges.simMin));
    return (1 - FUSION.semanticWeight) * lex + FUSION.semanticWeight * s;
  }
  return lex;
}

/** The fused score of a stretch of sentences, from its lexical score and best similarity. */
function fuse(
  ctx: AnswerContext,
  ranges: Ranges,
  lexical: number,
  sim: number | undefined,
  text: string,
  typed: boolean,
): number {
  let value = blend(ranges, lexical, sim);
  if (ctx.signals.roles && isNonAnswer(text)) value *= FUSION.nonAnswer;
  if (!typed) value *= FUSION.intentMiss;
  return value;
}

interface Choice {
  text: string;
  /** The passages after its own that the quote shows (the list a lead-in introduces). */
  shows: number[];
  terms: Set<string>;
  coverage: Coverage;
  similarity?: number;
  score: number;
  /** The score without {@link FUSION}.proximity's lift: what decides whether the quote is kept at all. */
  base: number;
  holdsAnswer: boolean;
}

/** The passages a lead-in ending passage `id` introduces: the next one, and the list it starts. */
function introducedPassages(index: AnswerContext["index"], id: number): number[] {
  const passage = index.passages[id] as Passage;
  const following: number[] = [];
  for (let next = id + 1; next < index.passages.length && following.length < MAX_LIST_ITEMS; next++) {
    const p = index.passages[next] as Passage;
    if (p.file !== passage.file || p.section !== passage.section) break;
    if (following.length > 0 && !(p.listItem && index.passages[next - 1]?.listItem)) break;
    following.push(next);
  }
  return following;
}

/**
 * Which of a lead-in's passages to quote within `room` words: all that fit when they all do;
 * else those closest to the question (keyword coverage fused with meaning, as sentences are),
 * in document order ("take proactive steps: … Empower User Control: … opt out of AI features").
 */
function itemsToQuote(
  ctx: AnswerContext,
  concepts: Concept[],
  context: ReadonlySet<string>,
  items: readonly number[],
  room: number,
): number[] {
  const { index, signals, semantic } = ctx;
  const size = (i: number) => words((index.passages[i] as Passage).text);
  if (items.reduce((sum, i) => sum + size(i), 0) <= room) return [...items];
  const closeness = new Map<number, number>();
  for (const i of items) {
    const lexical = coverage(concepts, presenceIn(passageTerms(index, i).passage, context)).all;
    let sim: number | undefined;
    if (signals.semantic && semantic) {
      quotableSpans(index.passages[i] as Passage).forEach((_, s) => {
        const v = semantic.sentence(i, s);
        if (v !== undefined) sim = Math.max(sim ?? -1, v);
      });
    }
    closeness.set(
      i,
      sim === undefined ? lexical : (1 - FUSION.semanticWeight) * lexical + FUSION.semanticWeight * sim,
    );
  }
  const shown: number[] = [];
  let left = room;
  for (const i of [...items].sort(
    (a, b) => (closeness.get(b) as number) - (closeness.get(a) as number) || a - b,
  )) {
    if (size(i) > left) continue;
    shown.push(i);
    left -= size(i);
  }
  return shown.sort((a, b) => a - b);
}

/** Builds a passage's best quote: its best sentence, with the context it needs. */
function chooseQuote(
  ctx: AnswerContext,
  concepts: Concept[],
  pairs: readonly [Forms, Forms][],
  intent: Intent,
  question: string,
  scored: Scored,
  ranges: Ranges,
): Choice {
  const { signals, index } = ctx;
  const { passage, texts, terms: termSets, context, sims, id, bm25 } = scored;
  const spans = quotableSpans(passage);
  const typed = (text: string) => !signals.intent || holdsAnswerType(intent, text, question);
  // A definition question's sentence scores in full only when it classifies the term ("A tag is
  // a symbolic name…"); a loose one ("Zsh is sh compatible…", "… is under the GPL") still holds
  // the answer for the refusal rule, but scores as a sentence without it does. A classifying one
  // holds the answer too, so for a definition question the one test says both.
  const scoresTyped = (text: string) =>
    signals.intent && intent === "definition"
      ? definitionKind(text, question) === "classifying"
      : typed(text);
  // The best single sentence, the first of equals. The role and answer-type tests only lower a
  // score, so a sentence whose score before them cannot beat the best so far skips them.
  let best = 0;
  let bestValue = 0;
  for (let s = 0; s < texts.length; s++) {
    const lexical = scored.lexical[s] as number;
    if (s > 0 && !(blend(ranges, lexical, sims[s]) > bestValue)) continue;
    const t = texts[s] as string;
    const v = fuse(ctx, ranges, lexical, sims[s], t, scoresTyped(t));
    if (s === 0 || v > bestValue) {
      best = s;
      bestValue = v;
    }
  }
  let first = best;
  let last = best;
  const union = (a: number, b: number) => {
    const u = new Set<string>();
    for (let s = a; s <= b; s++) for (const t of termSets[s] as ReadonlySet<string>) u.add(t);
    return u;
  };
  const span = (a: number, b: number) => passage.text.slice(spans[a]?.start, spans[b]?.end);
  const bestText = texts[best] as string;
  if (
    signals.context &&
    leansOnPrevious(bestText) &&
    best > 0 &&
    words(span(best - 1, best)) <= MAX_QUOTE_WORDS
  ) {
    first = best - 1;
  } else if (signals.context && introducesNext(bestText) && best + 1 < spans.length) {
    last = best + 1;
  } else if (
    signals.context &&
    best + 1 < spans.length &&
    !needsAnswerType(intent) &&
    !typed(bestText) &&
    leansOnPrevious(texts[best + 1] as string) &&
    typed(texts[best + 1] as string) &&
    words(span(best, best + 1)) <= MAX_QUOTE_WORDS
  ) {
    // The sentence the question matches lacks what it asks ("why", "when") and the next one,
    // which goes on about it, holds it: "…his new project, xAI. Its aim is to…". Not for the
    // kinds of answer the refusal rule requires: a neighbour must not make up for a missing one.
    last = best + 1;
  } else {
    // A neighbour joins when the sentence is too short to stand alone or adds to the coverage.
    const alone = coverage(concepts, presenceIn(termSets[best] as ReadonlySet<string>, context)).all;
    for (const next of [best + 1, best - 1]) {
      if (next < 0 || next >= spans.length || last - first >= 1) continue;
      const a = Math.min(best, next);
      const b = Math.max(best, next);
      const merged = coverage(
        concepts,
        presenceInAny([termSets[a] as ReadonlySet<string>, termSets[b] as ReadonlySet<string>], context),
      ).all;
      if ((words(bestText) < 8 || merged - alone > 0.1) && words(span(a, b)) <= MAX_QUOTE_WORDS) {
        first = a;
        last = b;
      }
    }
  }
  let text = span(first, last);
  let shows: number[] = [];
  const terms = union(first, last);
  // A lead-in that ends its passage brings what it introduces: the next passage, and the rest of
  // the list when that passage is a list item. It is scored, as before, on the start of that list;
  // a list too long to quote whole shows the items closest to the question.
  if (signals.context && introducesNext(texts[last] as string) && last === spans.length - 1) {
    const introduced = introducedPassages(index, id);
    let used = words(text);
    for (const i of introduced) {
      used += words((index.passages[i] as Passage).text);
      if (used > MAX_QUOTE_WORDS) break;
      for (const t of passageTerms(index, i).passage) terms.add(t);
    }
    shows = itemsToQuote(ctx, concepts, context, introduced, MAX_QUOTE_WORDS - words(text));
    text = [text, ...shows.map((i) => (index.passages[i] as Passage).text)].join(" … ");
  }
  const cov = coverage(concepts, presenceIn(terms, context));
  let sim: number | undefined;
  for (let s = first; s <= last; s++) if (sims[s] !== undefined) sim = Math.max(sim ?? -1, sims[s] as number);
  const keywords = keywordScore(cov.all, bm25);
  const lift = 1 + FUSION.proximity * proximity(pairs, terms, text);
  const holdsAnswer = typed(text);
  const fullScore = intent === "definition" ? scoresTyped(text) : holdsAnswer;
  return {
    text,
    shows,
    terms,
    coverage: cov,
    similarity: sim,
    score: fuse(ctx, ranges, keywords * lift, sim, bestText, fullScore),
    base: fuse(ctx, ranges, keywords, sim, bestText, fullScore),
    holdsAnswer,
  };
}

/**
 * At least the score {@link chooseQuote} gives a passage's quote, so that only the candidates
 * that can reach the answer have theirs chosen: a quote's terms are some of its sentences' (and,
 * after a lead-in that ends the passage, of the passages it introduces), its similarity is at
 * most their best, coverage and the blend only grow with them, and fuse's penalties only lower a
 * score. Whatever raises chooseQuote's score must raise this too.
 */
function scoreBound(ctx: AnswerContext, concepts: Concept[], scored: Scored, ranges: Ranges): number {
  const { terms, context, sims, texts, id, bm25 } = scored;
  const sets = [...terms];
  if (ctx.signals.context && texts.length > 0 && introducesNext(texts[texts.length - 1] as string))
    for (const i of introducedPassages(ctx.index, id)) sets.push(passageTerms(ctx.index, i).passage);
  const cov = coverage(concepts, presenceInAny(sets, context));
  const lexical = keywordScore(cov.all, bm25) * (ctx.signals.proximity ? 1 + FUSION.proximity : 1);
  let sim: number | undefined;
  for (const v of sims) if (v !== undefined) sim = Math.max(sim ?? -1, v);
  return Math.max(blend(ranges, lexical, undefined), blend(ranges, lexical, sim)) * (1 + 1e-9);
}

/**
 * Whether a reader would see `b` as a repeat of the already chosen `a`: its words stand inside
 * `a` (or `a`'s inside it), or the two share nearly all their terms (Jaccard, so a short
 * sentence whose few terms recur in a long one about something else is not taken for it:
 * manuals repeat "set the property" in many flags that say different things).
 */
function repeats(a: Candidate, aKey: string, b: Candidate, bKey: string): boolean {
  if (aKey.includes(bKey) || bKey.includes(aKey)) return true;
  let shared = 0;
  for (const t of a.terms) if (b.terms.has(t)) shared++;
  return shared / Math.max(1, a.terms.size + b.terms.size - shared) >= 0.8;
}

/** The other side joins the first five quotes if it scores at least this share of the best. */
const OTHER_SIDE_MIN = 0.3;
const SIDES_WITHIN = 5;

/**
 * At most this many other places are cited beside a quote they repeat: man pages of one
 * command's versions, or news copy carried by several sites, may repeat a sentence dozens of
 * times. A place is a paragraph: a manual repeats a sentence under each option it applies to.
 */
const MAX_ALSO = 3;

/**
 * What {@link rankQuotes} discounts as one source: a document, where another document rivals it
 * ({@link FUSION.rivalShare}), else each of its sections.
 */
function sourcesOf(candidates: readonly Candidate[]): (c: Candidate) => string {
  const best = new Map<string, number>();
  for (const c of candidates) best.set(c.passage.file, Math.max(best.get(c.passage.file) ?? 0, c.score));
  // The best of the other documents: the runner-up's for the top document, the top's for the rest.
  const [top, second] = [...best].sort((a, b) => b[1] - a[1]);
  const rivalled = new Map<string, boolean>();
  for (const [file, own] of best) {
    const other = file === top?.[0] ? (second?.[1] ?? 0) : (top?.[1] ?? 0);
    rivalled.set(file, other >= FUSION.rivalShare * own);
  }
  return (c) =>
    rivalled.get(c.passage.file) ? c.passage.file : `${c.passage.file}\u0000${c.passage.section ?? ""}`;
}

/**
 * Ranks quotes: by score, repeats merged, and the same source (a document, or a section of one no
 * other document rivals: {@link sourcesOf}) discounted each time it recurs.
 * A repeat from another paragraph or document is kept in `repeatedIn` of the quote it repeats,
 * so the answer cites both where it would otherwise show one and lose the other. `last.value`
 * becomes the value of the last quote picked (picks never rise in value).
 */
function rankQuotes(candidates: Candidate[], last = { value: 0 }): Candidate[] {
  const chosen: Candidate[] = [];
  const perSource = new Map<string, number>();
  const sourceOf = sourcesOf(candidates);
  const pool = [...candidates];
  while (pool.length > 0 && chosen.length < MAX_QUOTES) {
    let bestIndex = 0;
    let bestValue = -1;
    pool.forEach((c, i) => {
      const value = c.score * FUSION.sameDocument ** (perSource.get(sourceOf(c)) ?? 0);
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    const [pick] = pool.splice(bestIndex, 1);
    if (!pick) break;
    pick.key ??= duplicateKey(pick.quote);
    const key = pick.key;
    const repeated = chosen.find((c) => repeats(c, c.key as string, pick, key));
    if (repeated) {
      const also = repeated.repeatedIn as Candidate[];
      const place = (c: Candidate) => `${c.passage.file}\u0000${c.passage.paragraph}`;
      const at = place(pick);
      // A list item the quote already shows, or the lead-in showing it, is no repeat elsewhere.
      const overlaps = repeated.shows.includes(pick.id) || pick.shows.includes(repeated.id);
      if (!overlaps && at !== place(repeated) && also.length < MAX_ALSO && !also.some((c) => place(c) === at))
        also.push(pick);
      continue;
    }
    pick.repeatedIn = [];
    chosen.push(pick);
    last.value = bestValue;
    perSource.set(sourceOf(pick), (perSource.get(sourceOf(pick)) ?? 0) + 1);
  }
  return chosen;
}

/** When the first quotes all take one side, the best quote of the other side joins them. */
function showBothSides(ranked: Candidate[]): Candidate[] {
  const head = ranked.slice(0, SIDES_WITHIN);
  if (head.length < 2) return ranked;
  const doubts = head.filter((c) => voicesDoubt(c.quote)).length;
  if (doubts > 0 && doubts < head.length) return ranked;
  const wanted = doubts === 0;
  const best = ranked[0]?.score ?? 0;
  // Doubt is read only for the quotes that can join: it is a pattern over the whole quote.
  const other = ranked
    .slice(SIDES_WITHIN)
    .find((c) => c.score >= OTHER_SIDE_MIN * best && voicesDoubt(c.quote) === wanted);
  if (!other) return ranked;
  const rest = ranked.filter((c) => c !== other);
  rest.splice(Math.min(SIDES_WITHIN - 1, rest.length), 0, other);
  return rest;
}

/** The outcome of ranking: whether the documents answer the question, and the quotes in order. */
export interface Ranking {
  kind: "answer" | "not_covered" | "smalltalk";
  ranked: Candidate[];
}

/**
 * The question retrieval sees (when the filler signal is on): markup and padding removed, and
 * of a message with asides ("really confused here: …? I've been stuck for hours") the part that asks.
 */
export function retrievalQuestion(ctx: Pick<AnalysisContext, "signals" | "index">, question: string): string {
  if (!ctx.signals.filler) return question;
  const text = dropLead(stripFiller(expandShorthand(stripMarkup(question))), (word, rare) =>
    isTopicWord(ctx.index, word, rare),
  );
  return askingPart(text) ?? text;
}

/** A word of the documents that is not everyday English: it names what a clause is about. */
function isTopicWord(index: SearchIndex, word: string, rare: boolean): boolean {
  const term = toTerm(word);
  return term !== null && index.df.has(term) && !zipfAtLeast(word, rare ? KNOWN_WORD_ZIPF : ASIDE_ZIPF);
}

/** A question's concepts and scored candidate passages, before the refusal rule and ranking. */
export interface Gathered {
  concepts: Concept[];
  intent: Intent;
  language: string;
  /** Best first. */
  candidates: Candidate[];
}

/** What choosing a candidate's quote needs to know of its question. */
interface Question {
  ctx: AnswerContext;
  question: string;
  concepts: Concept[];
  /** The concepts' neighbouring pairs ({@link proximity}); none with the signal off. */
  pairs: readonly [Forms, Forms][];
  intent: Intent;
  language: string;
  ranges: Ranges;
}

/**
 * A candidate passage whose quote is chosen only when something reads it: an answer shows a few
 * of its candidates, and choosing every candidate's quote was most of an answer's per-candidate
 * work. It is also the refusal rule's evidence: reading what depends on the quote chooses it.
 */
class Pending implements Evidence {
  #candidate: Candidate | undefined;

  constructor(
    readonly asked: Question,
    readonly scored: Scored,
    /** Its place among the candidates as found: equal scores keep that order. */
    readonly order: number,
    readonly coverage: Coverage,
    /** At least the score of its quote ({@link scoreBound}). */
    readonly bound: number,
  ) {}

  get passage(): Passage {
    return this.scored.passage;
  }
  get quoteCoverage(): Coverage {
    return this.candidate().quoteCoverage;
  }
  get similarity(): number | undefined {
    return this.candidate().similarity;
  }
  get holdsAnswer(): boolean {
    return this.candidate().holdsAnswer;
  }

  candidate(): Candidate {
    this.#candidate ??= settle(this.asked, this.scored, this.coverage);
    return this.#candidate;
  }
}

/** What a candidate's quote score is multiplied by: its language against the question's, and its section. */
const passageWeight = (s: Scored, language: string) =>
  (s.passage.language === language ? 1 : FUSION.otherLanguage) * s.sectionFactor;

/** A candidate with its quote chosen. */
function settle(asked: Question, s: Scored, passageCoverage: Coverage): Candidate {
  const { ctx, concepts, pairs, intent, question, language, ranges } = asked;
  const { passage, id } = s;
  const choice = chooseQuote(ctx, concepts, pairs, intent, question, s, ranges);
  // The refusal rule is lexical (refusal.ts): whether a passage holds the kind of answer asked
  // is judged on the quote keywords alone choose, so the semantic signal never decides a refusal.
  // Only the intents the rule checks need that second choice.
  const lexical =
    ctx.signals.intent && needsAnswerType(intent) && s.sims.some((v) => v !== undefined)
      ? chooseQuote(ctx, concepts, pairs, intent, question, { ...s, sims: [] }, ranges)
      : choice;
  return {
    passage,
    id,
    score: choice.score * passageWeight(s, language),
    base: choice.base * passageWeight(s, language),
    coverage: passageCoverage,
    quoteCoverage: choice.coverage,
    similarity: choice.similarity,
    holdsAnswer: lexical.holdsAnswer,
    quote: choice.text,
    shows: choice.shows,
    terms: choice.terms,
  };
}

/** Documents searched for passages defining a definition question's term. */
const DEFINITION_DOCUMENTS = 10;
/** Passages defining the term taken from each of those documents. */
const DEFINITIONS_PER_DOCUMENT = 2;

/**
 * For a definition question ("What is slrn?"), the passages of the documents the search found
 * first that say what the term is ("slrn (…) is a newsreader…"), at most a few in each: where
 * every passage of a document names the term, the search ranks the defining one anywhere among
 * hundreds (its score is the term's frequency against the passage's length), below the
 * candidates. They are scored as the search's best match in the best section: with one term to
 * go on, both rank passages by how often they name it, which says nothing of whether one says
 * what it is. The rarest of the question's words stands for the term.
 */
function definingPassages(
  index: AnswerContext["index"],
  question: string,
  concepts: Concept[],
  found: Iterable<number>,
): number[] {
  const subject = concepts.reduce<Concept | undefined>((a, c) => (!a || c.idf > a.idf ? c : a), undefined);
  const term = subject?.alternatives[0]?.terms[0];
  if (!term) return [];
  const taken = new Map<string, number>();
  for (const id of found) {
    if (taken.size >= DEFINITION_DOCUMENTS) break;
    const file = index.passages[id]?.file;
    if (file !== undefined) taken.set(file, 0);
  }
  const defining: number[] = [];
  const holding = passagesWith(index, term);
  for (let i = 0; i < holding.length && defining.length < taken.size * DEFINITIONS_PER_DOCUMENT; i++) {
    const id = holding[i] as number;
    const passage = index.passages[id];
    const count = passage && taken.get(passage.file);
    if (!passage || count === undefined || count >= DEFINITIONS_PER_DOCUMENT) continue;
    const defines = passage.sentences.some(({ start, end }) =>
      holdsAnswerType("definition", passage.text.slice(start, end), question),
    );
    if (!defines) continue;
    defining.push(id);
    taken.set(passage.file, count + 1);
  }
  return defining;
}

/** A question's candidates before their quotes are chosen; `undefined` when there is nothing to search. */
function findCandidates(
  ctx: AnswerContext,
  question: string,
): (Omit<Gathered, "candidates"> & { pending: Pending[] }) | undefined {
  const { index, signals } = ctx;
  const concepts = analyzeQuestion(ctx, question);
  const semantic = signals.semantic ? ctx.semantic : undefined;
  if (concepts.length === 0 && !semantic) return undefined;
  const intent = questionIntent(question);
  const language = questionLanguage(question);
  const bm25 = new Map<number, number>();
  const matched = new Map<number, Set<string>>();
  for (const r of searchTerms(index, searchWeights(concepts), CANDIDATES * 2)) {
    bm25.set(r.id as number, r.score);
    matched.set(r.id as number, new Set(r.terms));
  }
  const defining =
    intent === "definition" && signals.intent ? definingPassages(index, question, concepts, bm25.keys()) : [];
  if (defining.length > 0) {
    const best = Math.max(...bm25.values());
    for (const id of defining) bm25.set(id, best);
  }
  const ids = new Set(bm25.keys());
  for (const { passage } of semantic?.top(SEMANTIC_CANDIDATES) ?? []) ids.add(passage);
  const maxBm25 = Math.max(1e-9, ...bm25.values());
  const sections = signals.sections ? sectionShares(index, concepts, ids) : undefined;
  for (const id of defining) sections?.set(id, 1);
  // Made once per question: every candidate's sentences and quote are read against them.
  const pairs = signals.proximity ? neighbourPairs(concepts) : [];
  const scored: Scored[] = [];
  for (const id of ids)
    if (index.passages[id])
      scored.push(scoreSentences(ctx, concepts, pairs, id, (bm25.get(id) ?? 0) / maxBm25, sections?.get(id)));
  const ranges: Ranges = { lexical: 0, simMin: Number.POSITIVE_INFINITY, simMax: Number.NEGATIVE_INFINITY };
  for (const s of scored) {
    for (const v of s.lexical) ranges.lexical = Math.max(ranges.lexical, v);
    for (const v of s.sims) {
      if (v === undefined) continue;
      ranges.simMin = Math.min(ranges.simMin, v);
      ranges.simMax = Math.max(ranges.simMax, v);
    }
  }
  const asked: Question = { ctx, question, concepts, pairs, intent, language, ranges };
  const pending: Pending[] = [];
  for (const s of scored) {
    const inPassage = matched.get(s.id) ?? passageTerms(index, s.id).passage;
    const passageCoverage = coverage(concepts, presenceIn(inPassage, s.context));
    const bound = scoreBound(ctx, concepts, s, ranges) * passageWeight(s, language);
    pending.push(new Pending(asked, s, pending.length, passageCoverage, bound));
  }
  return { concepts, intent, language, pending };
}

/** Finds and scores the candidate passages of a question, every quote chosen; `undefined` when there is nothing to search. */
export function gatherCandidates(ctx: AnswerContext, question: string): Gathered | undefined {
  const found = findCandidates(ctx, question);
  if (!found) return undefined;
  const { concepts, intent, language, pending } = found;
  return { concepts, intent, language, candidates: bestFirst(pending.map((p) => p.candidate())) };
}

const bestFirst = (candidates: Candidate[]) => candidates.sort((a, b) => b.score - a.score);

/** A candidate is kept for ranking when it scores at least this share of the best. */
const KEEP_SHARE = 0.15;

/**
 * {@link rankQuotes} over the candidates that can reach the answer. Quotes are chosen best bound
 * first until no candidate left could enter: its bound is below the share of the best that keeps
 * a candidate, or below the last quote picked when the ranking is full (a candidate that never
 * beats a pick is never picked, and one kept in place of another that was picked would have
 * scored above it). The ranking is the one choosing every quote gives.
 */
function rankPending(pool: readonly Pending[]): Candidate[] {
  const byBound = [...pool].sort((a, b) => b.bound - a.bound);
  let settled = Math.min(byBound.length, MAX_QUOTES * 2);
  for (;;) {
    const chosen = byBound.slice(0, settled).sort((a, b) => a.order - b.order);
    const candidates = bestFirst(chosen.map((p) => p.candidate()));
    // Kept by the score without the proximity lift, which orders quotes but does not shorten
    // the answer: a lifted best would otherwise push the others' share under the bar.
    let best = 0;
    for (const c of candidates) best = Math.max(best, c.base);
    const keep = candidates.filter((c) => c.base >= best * KEEP_SHARE).slice(0, CANDIDATES);
    const last = { value: Number.NEGATIVE_INFINITY };
    const ranked = rankQuotes(keep, last);
    const floor = Math.max(
      best * KEEP_SHARE,
      ranked.length === MAX_QUOTES ? last.value : Number.NEGATIVE_INFINITY,
    );
    if (settled === byBound.length || (byBound[settled] as Pending).bound < floor) return ranked;
    // Every candidate that could still enter, and at least one more.
    settled++;
    while (settled < byBound.length && (byBound[settled] as Pending).bound >= floor) settled++;
  }
}

/** All quotes worth showing for a question, best first (before paging). */
export function rankAnswer(ctx: AnswerContext, rawQuestion: string): Ranking {
  const { signals } = ctx;
  if (signals.filler && isSmallTalk(rawQuestion)) return { kind: "smalltalk", ranked: [] };
  const found = findCandidates(ctx, retrievalQuestion(ctx, rawQuestion));
  if (!found) return { kind: "not_covered", ranked: [] };
  const { concepts, intent, language, pending } = found;
  const rule = { intent, signals, concepts };
  // Answers come in the question's language; passages in another language join them only when
  // one covers the question better than any in its own (an English question whose evidence is
  // the Hindi article), ranked below them by FUSION.otherLanguage unless they are that much better.
  const sameLanguage = pending.filter((c) => c.passage.language === language);
  const own = Math.max(0, ...sameLanguage.map((c) => c.coverage.all));
  const other = Math.max(
    0,
    ...pending.filter((c) => c.passage.language !== language).map((c) => c.coverage.all),
  );
  const pool = other > own || !isAnswered(sameLanguage, rule) ? pending : sameLanguage;
  if (!isAnswered(pool, rule)) return { kind: "not_covered", ranked: [] };
  const ranked = rankPending(pool);
  return { kind: "answer", ranked: signals.sides ? showBothSides(ranked) : ranked };
}

/** Why a question is answered or refused: its concepts and best candidates, as plain data. */
export interface Explanation {
  question: string;
  intent: Intent;
  concepts: { word: string; weight: number; present: boolean; ask: boolean; alternatives: string[] }[];
  candidates: { quote: string; file: string; score: number; coverage: Coverage; similarity?: number }[];
}

/** Explains a question's analysis (for `npm run ask -- --explain` and the eval's tuning). */
export function explainAnswer(ctx: AnswerContext, rawQuestion: string, limit = 40): Explanation {
  const question = retrievalQuestion(ctx, cleanQuestion(rawQuestion));
  const gathered = gatherCandidates(ctx, question);
  return {
    question,
    intent: gathered?.intent ?? questionIntent(question),
    concepts: (gathered?.concepts ?? []).map((c) => ({
      word: c.word,
      weight: Number(c.idf.toFixed(3)),
      present: c.present,
      ask: c.ask,
      alternatives: c.alternatives.map((a) => `${a.terms.join(" ")}@${a.weight.toFixed(2)}`),
    })),
    candidates: (gathered?.candidates ?? []).slice(0, limit).map((c) => ({
      quote: c.quote,
      file: c.passage.file,
      score: Number(c.score.toFixed(4)),
      coverage: c.coverage,
      similarity: c.similarity,
    })),
  };
}

/**
 * Composes the {@link Answer} for a question: quotes are verbatim sentences of the documents,
 * each citing a source numbered in order of first citation.
 *
 * @example
 * ```ts
 * const answer = composeAnswer(ctx, "does WhatsApp read my messages?");
 * answer.quotes[0]; // { text: "…message contents are secure by default…", source: 1 }
 * ```
 */
export function composeAnswer(ctx: AnswerContext, rawQuestion: string, options: AskOptions = {}): Answer {
  const question = cleanQuestion(rawQuestion);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(1, Math.min(MAX_QUOTES, Math.floor(options.limit ?? DEFAULT_QUOTES)));
  const { kind, ranked } = question
    ? rankAnswer(ctx, question)
    : { kind: "not_covered" as const, ranked: [] };
  const sources: Source[] = [];
  const quotes: Quote[] = [];
  const language = questionLanguage(question);
  const sourceOf = (file: string): number => {
    let source = sources.find((s) => s.file === file);
    if (!source) {
      const meta = ctx.documents.get(file);
      source = { n: sources.length + 1, file, ...(meta ?? { title: file, language: "und" }) };
      sources.push(source);
    }
    return source.n;
  };
  for (const c of ranked.slice(offset, offset + limit)) {
    const quote: Quote = { text: c.quote, source: sourceOf(c.passage.file), paragraph: c.passage.paragraph };
    const also = (c.repeatedIn ?? []).map(({ passage }) => {
      const place: QuotePlace = { source: sourceOf(passage.file), paragraph: passage.paragraph };
      if (passage.page) place.page = passage.page;
      return place;
    });
    if (also.length) quote.also = also;
    if (c.passage.section) quote.section = c.passage.section;
    if (c.passage.page) quote.page = c.passage.page;
    if (c.passage.language !== language) quote.language = c.passage.language;
    quotes.push(quote);
  }
  return { question, answered: kind === "answer", kind, quotes, sources };
}
