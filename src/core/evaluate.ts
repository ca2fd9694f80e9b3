/**
 * @module
 * Answer-quality evaluation: hit@1 / hit@3 on questions with expected phrases, and abstention on
 * questions the documents don't cover. Used by `npm run eval` and by the test suite.
 */
import type { Answer } from "./types.ts";

/** One line of a questions JSONL file. */
export interface EvalQuestion {
  q: string;
  expect: string[];
  none?: boolean;
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
  uncovered: number;
  abstainedCorrectly: number;
  results: EvalResult[];
}

/** Case, quote marks and whitespace folded, as the eval compares phrases. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[‘’‛`´]/g, "'")
    .replace(/[“”„]/g, '"')
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

/**
 * Scores answers against expectations.
 *
 * @example
 * ```ts
 * const summary = evaluate(questions, (q) => library.ask(q));
 * console.log(summary.hitAt3 / summary.covered);
 * ```
 */
export function evaluate(questions: EvalQuestion[], ask: (q: string) => Answer): EvalSummary {
  const results = questions.map((question) => {
    const answer = ask(question.q);
    const expected = question.expect.map(normalizeForMatch);
    const index = answer.answered
      ? answer.quotes.findIndex((quote) => expected.some((e) => normalizeForMatch(quote.text).includes(e)))
      : -1;
    return { question, answer, rank: index + 1, abstained: !answer.answered };
  });
  const covered = results.filter((r) => !r.question.none);
  const uncovered = results.filter((r) => r.question.none);
  return {
    covered: covered.length,
    hitAt1: covered.filter((r) => r.rank === 1).length,
    hitAt3: covered.filter((r) => r.rank >= 1 && r.rank <= 3).length,
    uncovered: uncovered.length,
    abstainedCorrectly: uncovered.filter((r) => r.abstained).length,
    results,
  };
}
