/**
 * @module
 * Question → {@link Answer}: verbatim quotes ranked by how much of the question they cover,
 * numbered sources, and an honest refusal when the documents don't cover the question.
 *
 * Abstention rule: every content word of the question is a concept weighted by its rarity in the
 * documents (BM25 idf; a word the documents never use weighs the most). A passage's coverage is
 * the weighted share of concepts it contains (synonyms and typo corrections count slightly less).
 * The question is answered only if some passage covers at least {@link MIN_COVERAGE} of it. So
 * "who is the CEO of Apple?" is refused even though "CEO" occurs, because "Apple", the rarest
 * word, is missing; and "does WhatsApp read my messages?" is answered because the passages
 * hold "WhatsApp", "messages" and a synonym of "read".
 */
import type { SearchResult } from "minisearch";
import { duplicateKey } from "./boilerplate.ts";
import type { ConceptMap } from "./concepts.ts";
import { questionLanguage } from "./language.ts";
import type { Passage } from "./passages.ts";
import { resolveWord, type SearchIndex, searchTerms } from "./search-index.ts";
import { normalizeText, surfaceForm, tokenize, toTerms } from "./text.ts";
import type { Answer, AskOptions, DocumentMeta, Quote, Source } from "./types.ts";

/** A passage must cover this share of the question's weighted concepts to be an answer. */
export const MIN_COVERAGE = 0.5;
/** Quotes shown when the caller does not ask for a number. */
export const DEFAULT_QUOTES = 4;
/** Quotes ranked per question at most (all pages of "More sources" together). */
export const MAX_QUOTES = 12;
/** Questions longer than this are cut before searching: nobody types a 500-word question. */
export const MAX_QUESTION_CHARS = 500;
const MAX_QUESTION_WORDS = 32;
const CANDIDATES = 40;
const MAX_QUOTE_WORDS = 70;

/** One idea in the question: the word as typed and the index terms that express it. */
interface Concept {
  word: string;
  /** Each alternative is a set of terms that must all be present, with its weight. */
  alternatives: { terms: readonly string[]; weight: number }[];
  idf: number;
}

/** What the core needs to answer: the index, document metadata and the concept map. */
export interface AnswerContext {
  index: SearchIndex;
  documents: ReadonlyMap<string, DocumentMeta>;
  concepts: ConceptMap;
}

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/**
 * Names weigh double: in "does X read my DMs?" the answer must be about X. A word counts as a
 * name when the documents nearly always capitalise it ("whatsapp" typed in lower case still
 * names WhatsApp), or when the question capitalises it mid-sentence or has inner capitals ("DMs").
 */
export const NAME_WEIGHT = 2;

const isName = (index: SearchIndex, token: string, position: number) =>
  index.names.has(surfaceForm(token)) ||
  /^\p{Lu}.*\p{Lu}/u.test(token) ||
  (position > 0 && /^\p{Lu}/u.test(token));

/** Turns a question into weighted concepts; two words that form a known phrase are one concept. */
export function analyzeQuestion(ctx: AnswerContext, question: string): Concept[] {
  const n = ctx.index.passages.length;
  const words = tokenize(question)
    .slice(0, MAX_QUESTION_WORDS)
    .map((token, position) => ({ token, position, resolved: resolveWord(ctx.index, token) }))
    .filter((w) => w.resolved !== null);
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const { token, position, resolved } = words[i] as (typeof words)[number];
    if (!resolved || seen.has(resolved.word)) continue;
    seen.add(resolved.word);
    const alternatives = [...resolved.terms].map(([t, weight]) => ({
      terms: [t] as readonly string[],
      weight,
    }));
    let keys = [...resolved.terms.keys()];
    const next = words[i + 1]?.resolved;
    const phrase = next ? `${toTerms(token).join(" ")} ${[...next.terms.keys()][0]}` : "";
    if (next && ctx.concepts.has(phrase)) {
      // "win back", "machine learning": the phrase is the concept, not its words one by one.
      alternatives.splice(0, alternatives.length, { terms: phrase.split(" "), weight: 1 });
      keys = [phrase];
      seen.add(next.word);
      i++;
    }
    for (const key of keys) {
      for (const alt of ctx.concepts.get(key) ?? []) {
        if (!alternatives.some((a) => a.terms.join(" ") === alt.terms.join(" "))) alternatives.push(alt);
      }
    }
    // A concept is as rare as its most common way of saying it: synonyms widen, never narrow.
    const maxDf = Math.max(0, ...alternatives.flatMap((a) => a.terms.map((t) => ctx.index.df.get(t) ?? 0)));
    const weight = isName(ctx.index, token, position) ? NAME_WEIGHT : 1;
    concepts.push({ word: resolved.word, alternatives, idf: weight * idf(n, maxDf) });
  }
  return concepts;
}

/**
 * Weighted share of concepts that a text expresses. `presence(term)` is 1 for a term in the text,
 * a fraction for one only in its context (the document title or section heading), else 0.
 */
function coverage(concepts: Concept[], presence: (term: string) => number): number {
  let total = 0;
  let covered = 0;
  for (const c of concepts) {
    total += c.idf;
    let best = 0;
    for (const alt of c.alternatives) {
      const found = alt.weight * Math.min(...alt.terms.map(presence));
      if (found > best) best = found;
    }
    covered += c.idf * best;
  }
  return total > 0 ? covered / total : 0;
}

/** A term's weight in a quote's context: the title and heading the reader sees beside it. */
const CONTEXT_WEIGHT = 0.5;

interface Candidate {
  passage: Passage;
  score: number;
  coverage: number;
  quote: string;
  terms: Set<string>;
}

/** The best one or two adjacent sentences of a passage for these concepts, and their coverage. */
function selectQuote(
  passage: Passage,
  concepts: Concept[],
  context: ReadonlySet<string>,
): { quote: string; coverage: number } {
  const spans = passage.sentences.length ? passage.sentences : [{ start: 0, end: passage.text.length }];
  const sentenceTerms = spans.map((s) => new Set(toTerms(passage.text.slice(s.start, s.end))));
  const presence = (terms: Set<string>) => (t: string) =>
    terms.has(t) ? 1 : context.has(t) ? CONTEXT_WEIGHT : 0;
  const scores = sentenceTerms.map((terms) => coverage(concepts, presence(terms)));
  let best = 0;
  scores.forEach((s, i) => {
    if (s > (scores[best] ?? 0)) best = i;
  });
  let first = best;
  let last = best;
  let covered = scores[best] ?? 0;
  const words = (a: number, b: number) => tokenize(passage.text.slice(spans[a]?.start, spans[b]?.end)).length;
  const bestTerms = sentenceTerms[best] as Set<string>;
  // Add a neighbour when the sentence is too short to stand alone or the neighbour adds coverage.
  for (const next of [best + 1, best - 1]) {
    if (next < 0 || next >= spans.length || last - first >= 1) continue;
    const merged = new Set([...bestTerms, ...(sentenceTerms[next] as Set<string>)]);
    const mergedCoverage = coverage(concepts, presence(merged));
    const a = Math.min(best, next);
    const b = Math.max(best, next);
    if ((words(best, best) < 8 || mergedCoverage - covered > 0.1) && words(a, b) <= MAX_QUOTE_WORDS) {
      first = a;
      last = b;
      covered = mergedCoverage;
    }
  }
  return { quote: passage.text.slice(spans[first]?.start, spans[last]?.end), coverage: covered };
}

function similar(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size)) >= 0.8;
}

/**
 * Each further quote from a document already quoted counts this much less, so a contested
 * question shows more than one side; a clearly better quote still wins.
 */
const SAME_DOCUMENT_DISCOUNT = 0.75;

/** Ranks quotes: by score, near-duplicates merged, and the same document discounted each time it recurs. */
function rankQuotes(candidates: Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  const chosenKeys = new Set<string>();
  const perFile = new Map<string, number>();
  const pool = [...candidates];
  while (pool.length > 0 && chosen.length < MAX_QUOTES) {
    let bestIndex = 0;
    let bestValue = -1;
    pool.forEach((c, i) => {
      const value = c.score * SAME_DOCUMENT_DISCOUNT ** (perFile.get(c.passage.file) ?? 0);
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    const [pick] = pool.splice(bestIndex, 1);
    if (!pick) break;
    const key = duplicateKey(pick.quote);
    if (chosenKeys.has(key) || chosen.some((c) => similar(c.terms, pick.terms))) continue;
    chosen.push(pick);
    chosenKeys.add(key);
    perFile.set(pick.passage.file, (perFile.get(pick.passage.file) ?? 0) + 1);
  }
  return chosen;
}

/** All quotes worth showing for a question, best first (before paging). */
export function rankAnswer(ctx: AnswerContext, question: string): { answered: boolean; ranked: Candidate[] } {
  const concepts = analyzeQuestion(ctx, question);
  if (concepts.length === 0) return { answered: false, ranked: [] };
  const weights = new Map<string, number>();
  for (const c of concepts) {
    for (const alt of c.alternatives) {
      for (const t of alt.terms) weights.set(t, Math.max(weights.get(t) ?? 0, alt.weight));
    }
  }
  const language = questionLanguage(question);
  const results: SearchResult[] = searchTerms(ctx.index, weights, CANDIDATES * 2);
  const scored: Candidate[] = [];
  for (const r of results) {
    const passage = ctx.index.passages[r.id as number];
    if (!passage) continue;
    const matched = new Set(r.terms);
    const cov = coverage(concepts, (t) => (matched.has(t) ? 1 : 0));
    // Answers come in the question's language; other languages only rank below them.
    const languageFactor = passage.language === language ? 1 : 0.35;
    scored.push({
      passage,
      score: r.score * cov * cov * languageFactor,
      coverage: cov,
      quote: "",
      terms: matched,
    });
  }
  // The quote is what the user reads: rank by how much of the question the quoted sentences
  // themselves cover, not only the paragraph around them.
  const maxScore = Math.max(0, ...scored.map((c) => c.score));
  for (const c of scored) {
    const meta = ctx.documents.get(c.passage.file);
    const context = new Set(toTerms(`${meta?.title ?? ""} ${c.passage.section ?? ""}`));
    const { quote, coverage: quoteCoverage } = selectQuote(c.passage, concepts, context);
    c.quote = quote;
    c.terms = new Set(toTerms(quote));
    c.score = quoteCoverage ** 2 * (0.75 + (0.25 * c.score) / maxScore);
  }
  scored.sort((a, b) => b.score - a.score);
  const sameLanguage = scored.filter((c) => c.passage.language === language);
  const bestCoverage = Math.max(0, ...sameLanguage.map((c) => c.coverage));
  const pool = bestCoverage >= MIN_COVERAGE ? sameLanguage : scored;
  const answered = Math.max(0, ...pool.map((c) => c.coverage)) >= MIN_COVERAGE;
  if (!answered) return { answered: false, ranked: [] };
  const best = pool[0]?.score ?? 0;
  const keep = pool
    .filter((c) => c.coverage >= MIN_COVERAGE * 0.7 && c.score >= best * 0.15)
    .slice(0, CANDIDATES);
  return { answered: true, ranked: rankQuotes(keep) };
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
  const { answered, ranked } = question ? rankAnswer(ctx, question) : { answered: false, ranked: [] };
  const sources: Source[] = [];
  const quotes: Quote[] = [];
  for (const c of ranked.slice(offset, offset + limit)) {
    let source = sources.find((s) => s.file === c.passage.file);
    if (!source) {
      const meta = ctx.documents.get(c.passage.file);
      source = {
        n: sources.length + 1,
        file: c.passage.file,
        ...(meta ?? { title: c.passage.file, language: "und" }),
      };
      sources.push(source);
    }
    const quote: Quote = { text: c.quote, source: source.n, paragraph: c.passage.paragraph };
    if (c.passage.section) quote.section = c.passage.section;
    quotes.push(quote);
  }
  return { question, answered, quotes, sources };
}

/** A question as it is answered: normalised, one line, bounded. */
export function cleanQuestion(raw: string): string {
  const text = normalizeText(typeof raw === "string" ? raw : "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_QUESTION_CHARS ? `${text.slice(0, MAX_QUESTION_CHARS)}…` : text;
}
