/**
 * @module
 * Answer-quality evaluation: hit@1 / hit@3 on questions with expected phrases, refusals of covered
 * questions, and abstention on questions the documents don't cover. Used by `npm run eval` and by
 * the test suite. Two kinds of expectation: phrases, one of which a quote must contain (the eval
 * sets), or a passage that every `…`-separated piece of a quote must come from (FAQ benchmarks,
 * where any sentence of the right answer counts).
 */
import type { Answer } from "./types.ts";

/** One line of a questions JSONL file. */
export interface EvalQuestion {
  q: string;
  expect: string[];
  none?: boolean;
  /** Category, for a per-category breakdown ("paraphrase", "typo", "hindi", …). */
  cat?: string;
  /** The answer text a quote must come from (instead of `expect` phrases). */
  within?: string;
}

export interface EvalResult {
  question: EvalQuestion;
  answer: Answer;
  /** 1-based rank of the first quote holding an expected phrase, or 0. */
  rank: number;
  abstained: boolean;
}

export interface EvalSummary {
  covered: number;
  hitAt1: number;
  hitAt3: number;
  /** Covered questions answered "not covered". */
  refusedCovered: number;
  uncovered: number;
  abstainedCorrectly: number;
  results: EvalResult[];
}

/** Case, quote marks, Markdown code ticks and whitespace folded, as the eval compares text. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[‘’‛`´′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Parses a questions JSONL file; blank lines are skipped, a bad line is an error naming it. */
export function parseQuestions(jsonl: string): EvalQuestion[] {
  return jsonl
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      try {
        const q = JSON.parse(line) as EvalQuestion;
        if (typeof q.q !== "string" || !Array.isArray(q.expect)) throw new Error('needs "q" and "expect"');
        return q;
      } catch (err) {
        throw new Error(`questions line ${n}: ${(err as Error).message}`);
      }
    });
}

/** Whether a quote satisfies a question's expectation. */
export function quoteHits(question: EvalQuestion, quote: string): boolean {
  if (question.within !== undefined) {
    // Code ticks are dropped, not folded: Markdown strips them from documents, FAQs keep them.
    const fold = (t: string) => normalizeForMatch(t.replace(/`/g, ""));
    const within = fold(question.within);
    const pieces = quote
      .split("…")
      .map(fold)
      .filter((p) => /[\p{L}\p{N}]/u.test(p));
    return pieces.length > 0 && pieces.every((p) => within.includes(p));
  }
  const text = normalizeForMatch(quote);
  return question.expect.some((e) => text.includes(normalizeForMatch(e)));
}

/** Scores one answer. */
export function scoreAnswer(question: EvalQuestion, answer: Answer): EvalResult {
  const index = answer.answered ? answer.quotes.findIndex((quote) => quoteHits(question, quote.text)) : -1;
  return { question, answer, rank: index + 1, abstained: !answer.answered };
}

/** Sums results into the figures `npm run eval` prints. */
export function summarize(results: EvalResult[]): EvalSummary {
  const covered = results.filter((r) => !r.question.none);
  const uncovered = results.filter((r) => r.question.none);
  return {
    covered: covered.length,
    hitAt1: covered.filter((r) => r.rank === 1).length,
    hitAt3: covered.filter((r) => r.rank >= 1 && r.rank <= 3).length,
    refusedCovered: covered.filter((r) => r.abstained).length,
    uncovered: uncovered.length,
    abstainedCorrectly: uncovered.filter((r) => r.abstained).length,
    results,
  };
}

/**
 * Scores answers against expectations.
 *
 * @example
 * ```ts
 * const summary = await evaluate(questions, (q) => library.ask(q));
 * console.log(summary.hitAt3 / summary.covered);
 * ```
 */
export async function evaluate(
  questions: EvalQuestion[],
  ask: (q: string) => Answer | Promise<Answer>,
): Promise<EvalSummary> {
  const results: EvalResult[] = [];
  for (const question of questions) results.push(scoreAnswer(question, await ask(question.q)));
  return summarize(results);
}
