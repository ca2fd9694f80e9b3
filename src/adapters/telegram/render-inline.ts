/**
 * @module
 * Pure rendering of inline-mode results (`@bot question` in any chat): first the whole answer, then
 * one result per top passage. Each result is one message within the limits, and repeats the question
 * because the chat it lands in never saw it.
 */
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer } from "../../core/types.ts";
import { trimText } from "./html.ts";
import { TELEGRAM_LIMITS } from "./limits.ts";
import { NOT_COVERED, renderAnswer } from "./render.ts";

function article(
  id: string,
  title: string,
  description: string,
  answer: Answer,
  plain: boolean,
): InlineQueryResultArticle {
  const [message] = renderAnswer(answer, { maxMessages: 1, showQuestion: true }).messages;
  const text = message ? (plain ? message.plain : message.html) : NOT_COVERED;
  return {
    type: "article",
    id,
    title: trimText(title, 100),
    description: trimText(description.replace(/\s+/g, " "), 150),
    input_message_content: {
      message_text: text,
      ...(plain ? {} : { parse_mode: "HTML" as const }),
      link_preview_options: { is_disabled: true },
    },
  };
}

/**
 * Inline results for an answer; `plain` gives the same results without HTML (fallback).
 *
 * @example
 * ```ts
 * await ctx.answerInlineQuery(renderInlineResults(library.ask(query)), { cache_time: 60 });
 * ```
 */
export function renderInlineResults(answer: Answer, plain = false): InlineQueryResultArticle[] {
  if (!answer.answered || !answer.quotes.length) {
    return [article("none", NOT_COVERED, answer.question, { ...answer, quotes: [] }, plain)];
  }
  const first = answer.quotes[0];
  const n = answer.quotes.length;
  const results = [
    article("answer", `Answer with ${n} quote${n === 1 ? "" : "s"}`, first?.text ?? "", answer, plain),
  ];
  const byN = new Map(answer.sources.map((s) => [s.n, s]));
  for (const [i, quote] of answer.quotes.slice(0, TELEGRAM_LIMITS.inlineResults - 1).entries()) {
    const source = byN.get(quote.source);
    const title = `[${quote.source}] ${source?.title ?? "Passage"}`;
    results.push(article(`q${i}`, title, quote.text, { ...answer, quotes: [quote] }, plain));
  }
  return results;
}
