/**
 * @module
 * The grouping key for questions: "Does WhatsApp read my messages?" and "does whatsapp read my
 * messages" are the same coverage gap.
 */

/** Longest question text kept, in characters; a chat message can be far longer than any question. */
export const MAX_QUESTION_CHARS = 500;

/**
 * Lower-cases, folds compatibility forms (NFKC), drops punctuation and symbols, and collapses
 * whitespace. Letters and combining marks of every script are kept, so Hindi questions group too.
 *
 * @example
 * ```ts
 * questionKey("  Does WhatsApp READ my messages?? ") // "does whatsapp read my messages"
 * ```
 */
export function questionKey(question: string): string {
  return question
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{C}]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/** The question as stored and shown: one line, trimmed, at most {@link MAX_QUESTION_CHARS}. */
export function cleanQuestion(question: string): string {
  const oneLine = question.replace(/[\p{Cc}\s]+/gu, " ").trim();
  return oneLine.length <= MAX_QUESTION_CHARS ? oneLine : `${oneLine.slice(0, MAX_QUESTION_CHARS - 1)}…`;
}
