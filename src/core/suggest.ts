/**
 * @module
 * Question suggestions for autocomplete: the documents' own headlines, section headings and
 * questions, matched word by word (prefixes allowed) against what the user has typed so far.
 */
import type { Passage } from "./passages.ts";
import { STOP_WORDS, surfaceForm, tokenize } from "./text.ts";
import type { DocumentInfo } from "./types.ts";

const MAX_SUGGESTION_CHARS = 100;

/** Headings, titles and question sentences of the corpus, deduplicated, in document order. */
function candidates(passages: readonly Passage[], documents: readonly DocumentInfo[]): string[] {
  const out = new Set<string>();
  for (const d of documents) out.add(d.title);
  for (const p of passages) {
    if (p.section) out.add(p.section);
    for (const s of p.sentences) {
      const sentence = p.text.slice(s.start, s.end);
      if (sentence.endsWith("?") && tokenize(sentence).length >= 4) out.add(sentence);
    }
  }
  return [...out].filter((s) => s.length <= MAX_SUGGESTION_CHARS);
}

/**
 * Suggests up to `limit` questions the documents can answer, best match first.
 *
 * @example
 * ```ts
 * suggestQuestions(passages, documents, "whatsapp exo"); // ["Meta's AI Tool Backlash: WhatsApp Exodus?", …]
 * ```
 */
export function suggestQuestions(
  passages: readonly Passage[],
  documents: readonly DocumentInfo[],
  partial: string,
  limit = 10,
): string[] {
  const pool = candidates(passages, documents);
  const words = tokenize(partial.slice(0, 200))
    .map(surfaceForm)
    .filter((w) => !STOP_WORDS.has(w));
  if (words.length === 0) return pool.slice(0, limit);
  const scored = pool
    .map((text) => {
      const own = tokenize(text).map(surfaceForm);
      const hits = words.filter((w, i) =>
        i === words.length - 1 ? own.some((o) => o.startsWith(w)) : own.includes(w),
      ).length;
      return { text, hits };
    })
    .filter((s) => s.hits > 0)
    .sort((a, b) => b.hits - a.hits);
  return scored.slice(0, limit).map((s) => s.text);
}
