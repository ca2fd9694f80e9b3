/**
 * @module
 * Pure rendering of moderator replies: what an action did followed by its reindex report, and the
 * usage report. Everything is markdown-escaped, mention-free and within Discord's limits.
 */
import type { ReindexReport } from "../../core/types.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { fitLines, toDiscordText } from "./markdown.ts";
import { type DiscordMessage, NO_MENTIONS } from "./render.ts";

const COLOR = 0x2b7a78;

/**
 * `done` (plain text, escaped here) followed by the reindex report (without its headline when
 * `headline: false`), as one message of at most 2000 characters.
 *
 * @example
 * ```ts
 * await interaction.editReply(renderActionReport("Added whatsapp-faq.md.", report));
 * ```
 */
export function renderActionReport(
  done: string,
  report: ReindexReport,
  options: { headline?: boolean } = {},
): DiscordMessage {
  const { headline, lines } = summarizeReindex(report);
  // a rollback's report is not a reindex: its caller says what happened instead of the headline
  const details = options.headline === false ? lines : [headline, ...lines];
  const text = fitLines(
    [`**${toDiscordText(done)}**`, ...details.map(toDiscordText)],
    L.content,
    (n) => `…and ${n} more lines`,
  );
  return { content: text, embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * The usage report (plain text from `statsText()`) in one embed, escaped and cut by whole lines.
 *
 * @example
 * ```ts
 * await interaction.editReply(renderStatsReport(await moderation.statsText()));
 * ```
 */
export function renderStatsReport(text: string): DiscordMessage {
  const lines = text.split(/\r?\n/).map(toDiscordText);
  const description = fitLines(lines, L.embedDescription, (n) => `…and ${n} more lines`) || "No usage yet.";
  return {
    embeds: [{ color: COLOR, title: "Usage report", description }],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}
