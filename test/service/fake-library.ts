/**
 * @module
 * A small in-memory library for the service's tests: six ranked quotes about WhatsApp from two
 * documents, one about Telegram, and small talk; anything else is not covered.
 */
import type { Answer, AskOptions, DocumentInfo } from "../../src/core/types.ts";

const WHATSAPP = ["wa one", "wa two", "wa three", "wa four", "wa five", "wa six"];

/** Answers like the core: ranked quotes cut by `offset`/`limit`, sources numbered as cited. */
export function fakeLibrary() {
  const asked: { question: string; options: AskOptions }[] = [];
  return {
    asked,
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      asked.push({ question, options });
      if (/^(hi|hello|thanks)\b/i.test(question))
        return {
          question,
          answered: false,
          kind: "smalltalk",
          quotes: [],
          sources: [],
          examples: ["does whatsapp read my messages?"],
        };
      const texts = /whatsapp/i.test(question) ? WHATSAPP : /telegram/i.test(question) ? ["tg one"] : [];
      const ranked = texts.slice(
        options.offset ?? 0,
        (options.offset ?? 0) + Math.min(12, options.limit ?? 4),
      );
      const files: string[] = ranked.map((t) =>
        t.startsWith("tg") ? "tg.md" : t.endsWith("six") ? "b.md" : "a.md",
      );
      const order = [...new Set(files)];
      return {
        question,
        answered: ranked.length > 0,
        kind: ranked.length ? "answer" : "not_covered",
        quotes: ranked.map((text, i) => ({ text, source: order.indexOf(files[i] as string) + 1 })),
        sources: order.map((file, i) => ({ n: i + 1, file, title: file, language: "en" })),
      };
    },
    documents: (): DocumentInfo[] => [{ file: "a.md", title: "A", language: "en", passages: 5 }],
  };
}
