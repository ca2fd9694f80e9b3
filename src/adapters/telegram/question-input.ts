/**
 * @module
 * Screens what a user typed before it reaches the library, so odd input gets a clear reply that
 * says what to do instead of a puzzling "not covered". The library itself also never throws on it.
 */

/** Longest question accepted; real questions are a sentence or two. */
export const MAX_QUESTION_LENGTH = 1000;

/** Either the cleaned question, or a reply telling the user what was wrong. */
export type QuestionCheck = { ok: true; question: string } | { ok: false; reply: string };

// C0/C1 controls except tab and newlines, plus the replacement character left by broken encodings.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

/**
 * Checks one question.
 *
 * @example
 * ```ts
 * checkQuestion("  does WhatsApp read my messages? "); // { ok: true, question: "does WhatsApp read my messages?" }
 * checkQuestion("");                                     // { ok: false, reply: "Please type a question…" }
 * ```
 */
export function checkQuestion(raw: string | undefined): QuestionCheck {
  const question = (raw ?? "").normalize("NFC").trim();
  if (!question) {
    return { ok: false, reply: "Please type a question, for example: does WhatsApp read my messages?" };
  }
  if (question.length > MAX_QUESTION_LENGTH) {
    return {
      ok: false,
      reply: `That message is ${question.length} characters long. Please ask a shorter question (under ${MAX_QUESTION_LENGTH} characters).`,
    };
  }
  if (CONTROL.test(question)) {
    return {
      ok: false,
      reply:
        "That message contains control characters or broken text. Please type your question as plain words.",
    };
  }
  const visible = question.replace(/\s/g, "");
  const letters = visible.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0 || (visible.length >= 8 && letters / visible.length < 0.25)) {
    return {
      ok: false,
      reply: "That looks like binary data or symbols rather than a question. Please ask in words.",
    };
  }
  return { ok: true, question };
}
