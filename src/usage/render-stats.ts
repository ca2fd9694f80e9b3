/**
 * @module
 * `/stats` in words: a plain-text summary of {@link UsageStats} that fits one chat message.
 * Adapters add their own markup (and escaping); nothing here is platform-specific.
 */
import type { UsageStats } from "./usage-stats.ts";

/** The longest text {@link renderStats} returns: leaves room under Discord's 2000 for markup. */
export const STATS_MAX_CHARS = 1800;
const ITEM_MAX_CHARS = 110;

const clip = (text: string, max = ITEM_MAX_CHARS) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;
const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "0%");

interface Section {
  title: string;
  items: string[];
  /** Said when `items` is empty. */
  empty: string;
}

/** The header lines: the window and the totals. */
function headerLines(stats: UsageStats): string[] {
  const { answered, abstained } = stats.questions;
  const total = answered + abstained;
  const window = stats.since
    ? `Usage since ${stats.since.slice(0, 10)}`
    : `Usage over the last ${stats.retentionDays} days (older data is deleted)`;
  const lines = [
    window,
    `Questions: ${total} (${answered} answered, ${abstained} not covered by the documents, ${percent(abstained, total)})`,
    `Feedback: ${stats.feedback.up} 👍, ${stats.feedback.down} 👎 from ${stats.users} people`,
  ];
  if (!stats.logQuestions)
    lines.push("Question text is not logged (LOG_QUESTIONS=false): gaps show no wording.");
  return lines;
}

function sections(stats: UsageStats): Section[] {
  return [
    {
      title: "Most asked, not covered (add documents for these):",
      items: stats.gaps.map((g) => `"${clip(g.question)}" ×${g.count}`),
      empty: stats.logQuestions ? "none" : "not available without question text",
    },
    {
      title: "Answers with the most 👎:",
      items: stats.disliked.map((d) => {
        const what = d.question
          ? `"${clip(d.question, 90)}"`
          : `an answer citing ${clip(d.sources.join(", ") || "nothing", 80)}`;
        return `${what}: ${d.down} 👎, ${d.up} 👍`;
      }),
      empty: "none",
    },
    {
      title: "Most cited sources:",
      items: stats.topSources.map((s) => `${clip(s.file, 90)} (${s.count})`),
      empty: "none yet",
    },
  ];
}

function join(header: string[], parts: Section[]): string {
  const body = parts.map((s) =>
    [s.title, ...(s.items.length ? s.items.map((item, i) => `${i + 1}. ${item}`) : [`  ${s.empty}`])].join(
      "\n",
    ),
  );
  return [header.join("\n"), ...body].join("\n\n");
}

/**
 * Renders usage statistics as plain text of at most `maxChars` (default {@link STATS_MAX_CHARS})
 * characters, dropping the tail of the longest list first when it would not fit.
 *
 * @example
 * ```ts
 * const text = renderStats(usage.stats({ since: new Date(Date.now() - 7 * 86_400_000) }));
 * await ctx.reply(text); // Telegram: plain text, no parse_mode needed
 * ```
 */
export function renderStats(stats: UsageStats, options: { maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? STATS_MAX_CHARS;
  if (stats.error) return stats.error;
  const header = headerLines(stats);
  const parts = sections(stats);
  let text = join(header, parts);
  // Bounded: each pass removes one item, and there are finitely many.
  while (text.length > maxChars) {
    const longest = parts.reduce((a, b) => (b.items.length > a.items.length ? b : a));
    if (!longest.items.length) break;
    longest.items.pop();
    text = join(header, parts);
  }
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
