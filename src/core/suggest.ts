/**
 * @module
 * Question suggestions for autocomplete: the documents' own headlines, section headings and
 * questions, matched word by word (the last word as a prefix) against what the user has typed.
 * The pool is built once per index generation; each keystroke only scans it.
 */
import type { Passage } from "./passages.ts";
import { STOP_WORDS, surfaceForm, tokenize } from "./text.ts";

const MAX_SUGGESTION_CHARS = 100;
/** Bounds the pool so a huge corpus cannot make autocomplete slow. */
const MAX_POOL = 5000;

/** A suggestion and its words, ready to match. */
export interface Suggestion {
  text: string;
  words: readonly string[];
}

/** Titles, headings and question sentences of the corpus, deduplicated, in document order. */
export function buildSuggestions(passages: readonly Passage[], titles: Iterable<string>): Suggestion[] {
  const out = new Set<string>(titles);
  for (const p of passages) {
    if (out.size >= MAX_POOL) break;
    if (p.section) out.add(p.section);
    for (const s of p.sentences) {
      const sentence = p.text.slice(s.start, s.end);
      if (sentence.endsWith("?") && tokenize(sentence).length >= 4) out.add(sentence);
    }
  }
  return [...out]
    .filter((text) => text.length <= MAX_SUGGESTION_CHARS)
    .map((text) => ({ text, words: tokenize(text).map(surfaceForm) }));
}

/**
 * Suggests up to `limit` questions, best match first.
 *
 * @example
 * ```ts
 * suggestQuestions(pool, "whatsapp exo"); // ["Meta's AI Tool Backlash: WhatsApp Exodus?", …]
 * ```
 */
export function suggestQuestions(pool: readonly Suggestion[], partial: string, limit = 10): string[] {
  const words = tokenize(partial.slice(0, 200))
    .map(surfaceForm)
    .filter((w) => !STOP_WORDS.has(w));
  if (words.length === 0) return pool.slice(0, limit).map((s) => s.text);
  const last = words.length - 1;
  return pool
    .map((s) => ({
      text: s.text,
      hits: words.filter((w, i) => (i === last ? s.words.some((o) => o.startsWith(w)) : s.words.includes(w)))
        .length,
    }))
    .filter((s) => s.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, limit)
    .map((s) => s.text);
}
