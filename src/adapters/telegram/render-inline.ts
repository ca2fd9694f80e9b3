/**
 * @module
 * Pure rendering of inline-mode results (`@bot question` in any chat): first the whole answer, then
 * one result per top passage. Each result is one message within the limits, and repeats the question
 * because the chat it lands in never saw it.
 */
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer } from "../../core/types.ts";
import { trimText } from "./formatted.ts";
import { TELEGRAM_LIMITS } from "./limits.ts";
import { NOT_COVERED, renderAnswer } from "./render.ts";

function article(id: string, title: string, description: string, answer: Answer): InlineQueryResultArticle {
  const [message] = renderAnswer(answer, { maxMessages: 1, showQuestion: true }).messages;
  return {
    type: "article",
    id,
    title: trimText(title, 100),
    description: trimText(description.replace(/\s+/g, " "), 150),
    input_message_content: {
      message_text: message?.text ?? NOT_COVERED,
      entities: message?.entities,
      link_preview_options: { is_disabled: true },
    },
  };
}

/**
 * Inline results for an answer.
 *
 * @example
 * ```ts
 * await ctx.answerInlineQuery(renderInlineResults(library.ask(query)), { cache_time: 60 });
 * ```
 */
export function renderInlineResults(answer: Answer): InlineQueryResultArticle[] {
  if (!answer.answered || !answer.quotes.length) {
    return [article("none", NOT_COVERED, answer.question, { ...answer, quotes: [] })];
  }
  const first = answer.quotes[0];
  const n = answer.quotes.length;
  const results = [
    article("answer", `Answer with ${n} quote${n === 1 ? "" : "s"}`, first?.text ?? "", answer),
  ];
  const byN = new Map(answer.sources.map((s) => [s.n, s]));
  for (const [i, quote] of answer.quotes.slice(0, TELEGRAM_LIMITS.inlineResults - 1).entries()) {
    const source = byN.get(quote.source);
    const title = `[${quote.source}] ${source?.title ?? "Passage"}`;
    results.push(article(`q${i}`, title, quote.text, { ...answer, quotes: [quote] }));
  }
  return results;
}
