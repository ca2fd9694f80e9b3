/**
 * @module
 * The baseline citebot is measured against in `npm run eval -- --baseline`: plain MiniSearch with
 * default options over the documents' lines, each line a quote, answering whenever anything matches.
 */
import MiniSearch from "minisearch";
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
  const lines = documents.flatMap((d) =>
    d.body
      .split("\n")
      .filter((line) => line.trim())
      .map((text) => ({ file: d.file, text })),
  );
  const mini = new MiniSearch({ fields: ["text"], storeFields: ["text", "file"] });
  mini.addAll(lines.map((line, id) => ({ id, ...line })));
  const meta = new Map(documents.map((d) => [d.file, d.meta]));
  return (question) => {
    const hits = mini.search(question).slice(0, limit);
    const files = [...new Set(hits.map((h) => h.file as string))];
    return {
      question,
      answered: hits.length > 0,
      quotes: hits.map((h) => ({ text: h.text as string, source: files.indexOf(h.file as string) + 1 })),
      sources: files.map((file, i) => ({
        n: i + 1,
        file,
        ...(meta.get(file) ?? { title: file, language: "und" }),
      })),
    };
  };
}
