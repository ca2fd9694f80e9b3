/**
 * @module
 * Renders answers and document lists as plain text for a terminal. Pure: the same input gives
 * the same text. Quotes stand apart (a blank line between them), wrapped to the terminal's width;
 * styling is applied only when the caller says the output is a colour TTY.
 */
import type { Answer, DocumentInfo, Source } from "../../core/types.ts";
import { type Locale, message } from "../../service/messages.ts";
import { quoteAlso } from "../shared/quote-also.ts";
import { quoteLanguage } from "../shared/quote-language.ts";
import { quoteLink } from "../shared/quote-link.ts";
import { quoteLocation } from "../shared/quote-location.ts";

/** Options for {@link renderAnswer}. */
export interface TerminalRenderOptions {
  /** Bold citation numbers and headings; only for a TTY, and never with `NO_COLOR` (the caller decides). */
  color?: boolean;
  /** Columns to wrap to; default 80. */
  width?: number;
  locale?: Locale;
}

/** Text from documents or users, made safe to print: no escape sequences or other control characters. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, "");
}

/**
 * Wraps `text` at spaces to lines of at most `width` characters, the first after `indent`, the
 * others after `hang` (default the same); a word longer than a line stands alone on its line.
 *
 * @example
 * ```ts
 * wrap("the quick brown fox", 12, "  "); // "  the quick\n  brown fox"
 * ```
 */
export function wrap(text: string, width: number, indent = "", hang = indent): string {
  const room = Math.max(20, width - Math.max(indent.length, hang.length));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i ? hang : indent) + l).join("\n");
}

/** The quote in quotation marks, unless it already opens and closes with its own. */
function quoted(text: string): string {
  return /^["“”„«‘'].*["”“»’']$/su.test(text) ? text : `“${text}”`;
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
 * numbered source list; small talk as a short reply with example questions; or the plain
 * "not covered" message.
 *
 * @example
 * ```ts
 * process.stdout.write(renderAnswer(await library.ask("who owns whatsapp?"), { color: true, width: 100 }));
 * ```
 */
export function renderAnswer(answer: Answer, options: TerminalRenderOptions = {}): string {
  // Plain SGR codes: whether to colour is decided once, by the caller (a TTY, and no NO_COLOR).
  const bold = (s: string) => (options.color ? `\u001b[1m${s}\u001b[22m` : s);
  const width = options.width ?? 80;
  const locale = options.locale ?? "en";
  if (answer.kind === "smalltalk") {
    const examples = (answer.examples ?? []).map((e) => wrap(`• ${printable(e)}`, width, "  "));
    return `${wrap(message(locale, "smalltalk"), width)}\n${examples.join("\n")}\n`;
  }
  if (!answer.answered || answer.quotes.length === 0)
    return `${wrap(`${message(locale, "not_covered")} ${message(locale, "not_covered_hint")}`, width)}\n`;
  const blocks: string[] = [];
  for (const q of answer.quotes) {
    const where = printable(quoteLocation(q));
    const language = quoteLanguage(q, locale);
    const also = quoteAlso(q, locale);
    const link = quoteLink(
      q,
      answer.sources.find((s) => s.n === q.source),
    );
    // the citation is styled after wrapping, so escape codes never count toward the width
    const cite = `[${q.source}]`;
    const text = wrap(
      `${quoted(printable(q.text).trim())} ${cite}${where ? ` (${where})` : ""}${language ? ` (${language})` : ""}${also ? ` (${also})` : ""}`,
      width,
      "  ",
    );
    // the link on a line of its own, never wrapped, so it can be copied whole
    blocks.push(`${text.replace(cite, bold(cite))}${link ? `\n    ${printable(link)}` : ""}`);
  }
  const sources = answer.sources.map((s) => wrap(`[${s.n}] ${describeSource(s)}`, width, "  ", "      "));
  blocks.push(`${bold(message(locale, "sources"))}\n${sources.join("\n")}`);
  return `${blocks.join("\n\n")}\n`;
}

/** Renders the document list for `/sources`: bullets, so no number competes with the answers' citations. */
export function renderDocuments(documents: DocumentInfo[], width = 80): string {
  if (documents.length === 0)
    return "No documents are indexed. Add .md, .txt, .pdf, .docx or .html files to DATA_DIR and reindex.\n";
  return `${documents.map((d) => wrap(`• ${describeSource(d)} (${d.passages} passages)`, width, "  ", "    ")).join("\n")}\n`;
}
