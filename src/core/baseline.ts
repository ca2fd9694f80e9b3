/**
 * @module
 * The baselines citebot is measured against in `npm run eval`, set up as a competent user would:
 * plain MiniSearch with default options, and a plain BM25 (k1 1.2, b 0.75) with English stop words
 * removed. Both index the documents' lines (paragraphs), quote whole lines, and answer whenever
 * anything matches: they never refuse.
 */
import MiniSearch from "minisearch";
import { eng } from "stopword";
import type { LoadedDocument } from "./documents.ts";
import type { Answer } from "./types.ts";

/**
 * Builds the baseline answerer over loaded documents.
 *
 * @example
 * ```ts
 * const ask = plainMiniSearch(documents);
 * ask("does whatsapp read my messages?").quotes[0];
 * ```
 */
export function plainMiniSearch(documents: LoadedDocument[], limit = 4): (question: string) => Answer {
  const lines = documentLines(documents);
  const mini = new MiniSearch({ fields: ["text"], storeFields: [] });
  mini.addAll(lines.map((line, id) => ({ id, text: line.text })));
  return (question) =>
    toAnswer(
      question,
      mini
        .search(question)
        .slice(0, limit)
        .map((h) => lines[h.id as number] as Line),
      documents,
    );
}

interface Line {
  file: string;
  text: string;
}

const documentLines = (documents: LoadedDocument[]): Line[] =>
  documents.flatMap((d) =>
    d.body
      .split("\n")
      .filter((line) => /[\p{L}\p{N}]/u.test(line) && !/^#{1,6}\s/.test(line))
      .map((text) => ({ file: d.file, text })),
  );

function toAnswer(question: string, hits: Line[], documents: LoadedDocument[]): Answer {
  const meta = new Map(documents.map((d) => [d.file, d.meta]));
  const files = [...new Set(hits.map((h) => h.file))];
  return {
    question,
    answered: hits.length > 0,
    quotes: hits.map((h) => ({ text: h.text, source: files.indexOf(h.file) + 1 })),
    sources: files.map((file, i) => ({
      n: i + 1,
      file,
      ...(meta.get(file) ?? { title: file, language: "und" }),
    })),
  };
}

const STOP = new Set(eng);
const bm25Tokens = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).filter((t) => !STOP.has(t));

/**
 * A plain BM25 over the documents' lines with English stop words removed: the floor any retrieval
 * should beat.
 *
 * @example
 * ```ts
 * const ask = plainBm25(documents);
 * ask("does whatsapp read my messages?").quotes[0];
 * ```
 */
export function plainBm25(documents: LoadedDocument[], limit = 4, k1 = 1.2, b = 0.75): (q: string) => Answer {
  const lines = documentLines(documents);
  const docs = lines.map((line) => {
    const tf = new Map<string, number>();
    const tokens = bm25Tokens(line.text);
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: tokens.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const avg = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, n);
  return (question) => {
    const terms = [...new Set(bm25Tokens(question))];
    const scored: { id: number; score: number }[] = [];
    docs.forEach((d, id) => {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        const idf = Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
        score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avg));
      }
      if (score > 0) scored.push({ id, score });
    });
    scored.sort((x, y) => y.score - x.score);
    return toAnswer(
      question,
      scored.slice(0, limit).map((s) => lines[s.id] as Line),
      documents,
    );
  };
}
