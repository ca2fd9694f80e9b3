/**
 * @module
 * When to say "the documents don't cover this". A question is answered when some passage answers
 * it; refused when none does, however many of its words the documents happen to use.
 *
 * The rule, per candidate passage (the best one decides):
 * - **Keywords**: the passage's coverage of the question's weighted concepts, times the share of
 *   the question's weight that the documents know at all (to the power {@link REFUSAL}.knownPower),
 *   is at least {@link REFUSAL}.minCoverage. Weights come from `analyze.ts`: a rare word the documents lack (a
 *   product, a person they never mention) weighs the most and lowers both factors, so "How do I
 *   back up my chats to Google Drive?" is refused though "chats" matches; an everyday word they
 *   lack ("grandma", "safe") weighs little, so it does not sink a covered question.
 * - **What is asked**: the passage covers at least {@link REFUSAL}.minAsks of what the question
 *   asks beyond its names, so "How much did Musk pay for Twitter?" is not answered by a passage
 *   that only names Musk and Twitter.
 * - **Kind of answer**: a "how many / how much" question needs a passage with a number in it, and
 *   a question about a price or a sum paid ("what did it cost", "how much did they pay") one that
 *   names a sum of money (a currency sign, code or name): a count of years is not a price; and
 *   "what is the name of… / what is it called" one that names something the question does not
 *   (a capitalised word past the sentence's first, or a short quoted phrase).
 *
 * Not in the rule, because it did not separate covered from uncovered questions on any
 * development set: sentence-embedding similarity (the shipped model rates every sentence on a
 * question's topic about equally close, answered or not). It does not enter by the back door
 * either: the kind of answer is judged on the quote keywords alone would choose, not on the one
 * similarity prefers (a sentence naming two villages must not answer "what is the gardener's
 * name?").
 *
 * The thresholds were chosen on the development sets (README, "Answer quality") and are the same
 * for every corpus; nothing here knows any document.
 */
import type { Concept, Coverage, Signals } from "./analyze.ts";
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
  minCoverage: 0.25,
  /** Share of what the question asks beyond its names that the passage must cover. */
  minAsks: 0.2,
  /**
   * The known share counts to this power: ¾ scored best on the development sets against ½ (the
   * previous rule, its square root) and 1 (a plain product), which refuses more questions about
   * topics the documents lack but lets an everyday word sink a question about a word that is in
   * nearly every passage (README, "Answer quality").
   */
  knownPower: 0.75,
};

/**
 * Intents whose answer must be of their kind: a figure for "how many", a sum for "how much did it
 * cost", a name the question doesn't hold for "what is it called".
 */
const STRICT_INTENTS: ReadonlySet<Intent> = new Set(["quantity", "money", "name"]);

/** Whether a question of this intent is refused without a quote of the kind it asks for. */
export const needsAnswerType = (intent: Intent) => STRICT_INTENTS.has(intent);

/** Share of the question's weight that the documents use somewhere (1 for an empty question). */
export function knownShare(concepts: readonly Concept[]): number {
  let total = 0;
  let known = 0;
  for (const c of concepts) {
    total += c.idf;
    if (c.present) known += c.idf;
  }
  return total > 0 ? known / total : 1;
}

/**
 * Whether any of the evidence answers the question.
 *
 * @example
 * ```ts
 * isAnswered([{ coverage: { all: 0.8, asks: 1 }, quoteCoverage: { all: 0.6, asks: 1 }, holdsAnswer: true }], { intent: "other", signals, concepts }); // true
 * ```
 */
export function isAnswered(
  evidence: readonly Evidence[],
  { intent, signals, concepts }: { intent: Intent; signals: Signals; concepts: readonly Concept[] },
): boolean {
  const strict = signals.intent && needsAnswerType(intent);
  const known = knownShare(concepts) ** REFUSAL.knownPower;
  return evidence.some(
    (e) =>
      (!strict || e.holdsAnswer) &&
      e.coverage.asks >= REFUSAL.minAsks &&
      e.coverage.all * known >= REFUSAL.minCoverage,
  );
}
