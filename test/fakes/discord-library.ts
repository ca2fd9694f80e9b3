/**
 * @module
 * A tiny in-memory stand-in for the core `Library`, for Discord tests that need exact control
 * (hostile document text, reindex counting) rather than the real index over `data/`.
 */

import type { AnswerLibrary } from "../../src/adapters/discord/deps.ts";
import type { Answer, DocumentInfo, ReindexReport } from "../../src/core/types.ts";

const DOCS: DocumentInfo[] = [
  {
    file: "whatsapp.md",
    title: "WhatsApp privacy",
    publisher: "Example News",
    date: "2024-01-02",
    url: "https://example.org/wa",
    language: "en",
    passages: 3,
  },
];

/** Answers "whatsapp" questions with fixed quotes; anything else abstains. */
export function fakeLibrary(
  quotes: string[] = [
    "the message contents are secure by default",
    "second quote",
    "third",
    "fourth",
    "fifth",
    "sixth",
  ],
) {
  const calls = { reindex: 0, ask: [] as { question: string; offset?: number }[] };
  const library: AnswerLibrary & { calls: typeof calls } = {
    calls,
    async ask(question, options = {}): Promise<Answer> {
      calls.ask.push({ question, offset: options.offset });
      if (!/whatsapp/i.test(question)) return { question, answered: false, quotes: [], sources: [] };
      const offset = options.offset ?? 0;
      const limit = options.limit ?? 4;
      const page = quotes.slice(offset, offset + limit).map((text) => ({ text, source: 1 }));
      const doc = DOCS[0] as DocumentInfo;
      return {
        question,
        answered: page.length > 0,
        quotes: page,
        sources: [
          {
            n: 1,
            file: doc.file,
            title: doc.title,
            publisher: doc.publisher,
            date: doc.date,
            url: doc.url,
            language: "en",
          },
        ],
      };
    },
    documents: () => DOCS,
    suggest: (partial) =>
      ["does whatsapp read my messages?", "what does meta collect?"].filter((s) =>
        s.includes(partial.toLowerCase()),
      ),
    async reindex(): Promise<ReindexReport> {
      calls.reindex++;
      return {
        added: [],
        changed: ["whatsapp.md"],
        removed: [],
        unchanged: 4,
        documents: 5,
        passages: 42,
        errors: [],
        applied: true,
        dryRun: false,
        durationMs: 120,
      };
    },
  };
  return library;
}
