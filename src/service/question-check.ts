/**
 * @module
 * Screens what a user typed before it reaches the library, once for every platform: one length
 * limit (the core's own), no control characters, no empty or symbol-only input. Odd input gets a
 * reason that says what to do instead of a puzzling "not covered".
 */
import { MAX_QUESTION_CHARS } from "../core/question.ts";
import type { MessageKey } from "./messages.ts";

/** Longest question accepted: the core searches at most this much, so nothing is cut silently. */
export const MAX_QUESTION_LENGTH = MAX_QUESTION_CHARS;

/** Either the cleaned question, or the catalogue key (and values) of the reason it was refused. */
export type QuestionCheck =
  | { ok: true; question: string }
  | { ok: false; reason: MessageKey; vars?: Record<string, number> };

// C0/C1 controls except tab and newlines, plus the replacement character left by broken encodings.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

/**
 * Checks one question.
 *
 * @example
 * ```ts
 * checkQuestion("  does WhatsApp read my messages? "); // { ok: true, question: "does WhatsApp read my messages?" }
 * checkQuestion("");                                     // { ok: false, reason: "empty" }
 * ```
 */
export function checkQuestion(raw: string | undefined): QuestionCheck {
  const question = (raw ?? "").normalize("NFC").trim();
  if (!question) return { ok: false, reason: "empty" };
  if (question.length > MAX_QUESTION_LENGTH)
    return { ok: false, reason: "too_long", vars: { length: question.length, max: MAX_QUESTION_LENGTH } };
  if (CONTROL.test(question)) return { ok: false, reason: "control" };
  const visible = question.replace(/\s/g, "");
  const letters = visible.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0 || (visible.length >= 8 && letters / visible.length < 0.25))
    return { ok: false, reason: "symbols" };
  return { ok: true, question };
}
