/**
 * @module
 * Renders answers and document lists as plain text for a terminal. Pure: the same input gives
 * the same text; styling (bold) is applied only when the caller says the output is a TTY.
 */
import { styleText } from "node:util";
import type { Answer, DocumentInfo, Source } from "../../core/types.ts";
import { quoteLink } from "../shared/quote-link.ts";
import { quoteLocation } from "../shared/quote-location.ts";

/** What the terminal says when the documents don't cover a question. */
export const NOT_COVERED =
  "The documents don't cover this question, so I won't guess. Try other words, or ask a moderator to add a document about it.";

/** Text from documents or users, made safe to print: no escape sequences or other control characters. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, "");
}

/** "Title — Publisher, 2023-09-02 — url" for a source. */
export function describeSource(
  source: Pick<Source, "title" | "publisher" | "date" | "url" | "file">,
): string {
  const parts = [printable(source.title)];
  const by = [source.publisher, source.date].filter(Boolean).map((s) => printable(s as string));
  if (by.length) parts.push(by.join(", "));
  parts.push(printable(source.url ?? source.file));
  return parts.join(" — ");
}

/**
 * Renders an answer: each quote with its citation number and place in the document, then the
 * numbered source list; or the plain "not covered" message.
 *
 * @example
 * ```ts
 * process.stdout.write(renderAnswer(library.ask("who owns whatsapp?"), { color: process.stdout.isTTY }));
 * ```
 */
export function renderAnswer(answer: Answer, options: { color?: boolean } = {}): string {
  const bold = (s: string) => (options.color ? styleText("bold", s) : s);
  if (!answer.answered || answer.quotes.length === 0) return `${NOT_COVERED}\n`;
  const lines: string[] = [];
  for (const q of answer.quotes) {
    const where = printable(quoteLocation(q));
    const link = quoteLink(
      q,
      answer.sources.find((s) => s.n === q.source),
    );
    lines.push(`  “${printable(q.text)}” ${bold(`[${q.source}]`)}${where ? ` (${where})` : ""}`);
    lines.push(...(link ? [`    ${printable(link)}`] : []), "");
  }
  lines.push(bold("Sources"));
  for (const s of answer.sources) lines.push(`  [${s.n}] ${describeSource(s)}`);
  return `${lines.join("\n")}\n`;
}

/** Renders the document list for `/sources`. */
export function renderDocuments(documents: DocumentInfo[]): string {
  if (documents.length === 0)
    return "No documents are indexed. Add .md, .txt, .pdf, .docx or .html files to DATA_DIR and reindex.\n";
  return `${documents.map((d, i) => `  ${i + 1}. ${describeSource(d)} (${d.passages} passages)`).join("\n")}\n`;
}
