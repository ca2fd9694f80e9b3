/**
 * @module
 * When to say "the documents don't cover this". A question is answered when some passage answers
 * it; refused when none does, however many of its words the documents happen to use.
 *
 * The rule, per candidate passage (the best one decides):
 * - **Keywords**: the passage covers at least {@link REFUSAL}.minCoverage of the question's
 *   weighted concepts. Weights come from `analyze.ts`: a rare word the documents lack (a product,
 *   a person they never mention) weighs the most, so "How do I back up my chats to Google Drive?"
 *   is refused though "chats" matches; an everyday word they lack ("grandma", "safe") weighs little,
 *   so it does not sink a covered question.
 * - **Meaning**: or the passage holds a sentence whose embedding is at least
 *   {@link REFUSAL}.minSimilarity close to the question's, and still covers
 *   {@link REFUSAL}.semanticCoverage of it: paraphrases count, but meaning alone never carries a
 *   question whose topic words are missing.
 * - **Kind of answer**: a "how many / how much" question needs a passage with a number in it; the
 *   documents naming the same people without a figure do not answer "how much did Musk pay?".
 *
 * The thresholds were chosen on the development sets (README, "Answer quality") and are the same
 * for every corpus; nothing here knows any document.
 */
import type { Coverage, Signals } from "./analyze.ts";
import type { Intent } from "./intent.ts";

/** What the refusal rule knows of a candidate passage. */
export interface Evidence {
  /** How much of the question's weighted concepts the passage covers. */
  coverage: Coverage;
  /** How much its quoted sentences cover. */
  quoteCoverage: Coverage;
  /** Best cosine similarity of its sentences to the question, when vectors are ready. */
  similarity?: number;
  /** The quote holds the kind of answer the question asks for. */
  holdsAnswer: boolean;
}

export const REFUSAL = {
  minCoverage: 0.5,
  /** Share of what the question asks beyond its names that the passage must cover. */
  minAsks: 0.3,
  semanticCoverage: 0.4,
  minSimilarity: 0.6,
  /** A document word near in meaning (not in spelling) counts this share toward coverage here. */
  neighbourShare: 0.5,
};

/** Intents whose answer must be of their kind: a figure for "how many". */
const STRICT_INTENTS: ReadonlySet<Intent> = new Set(["quantity"]);

/**
 * Whether any of the evidence answers the question.
 *
 * @example
 * ```ts
 * isAnswered([{ coverage: { all: 0.8, asks: 1 }, quoteCoverage: { all: 0.6, asks: 1 }, holdsAnswer: true }], { intent: "other", signals }); // true
 * ```
 */
export function isAnswered(
  evidence: readonly Evidence[],
  { intent, signals }: { intent: Intent; signals: Signals },
): boolean {
  const strict = signals.intent && STRICT_INTENTS.has(intent);
  return evidence.some((e) => {
    if (strict && !e.holdsAnswer) return false;
    if (e.coverage.asks < REFUSAL.minAsks) return false;
    if (e.coverage.all >= REFUSAL.minCoverage) return true;
    return (
      signals.semantic &&
      e.similarity !== undefined &&
      e.similarity >= REFUSAL.minSimilarity &&
      e.coverage.all >= REFUSAL.semanticCoverage
    );
  });
}
