/**
 * @module
 * Pure rendering of the non-answer replies: the document list (/sources), the help text (/help)
 * and a reindex report (/reindex). Each stays within Discord's limits however many documents exist.
 */
import type { APIEmbed } from "discord.js";
import type { DocumentInfo, ReindexReport } from "../../core/types.ts";
import { type Locale, type MessageKey, message } from "../../service/messages.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { fitLines, toDiscordText, truncateWords } from "./markdown.ts";
import { type DiscordMessage, NO_MENTIONS, renderNotice } from "./render.ts";

const COLOR = 0x2b7a78;

/**
 * Lists the indexed documents, one line each, as an embed.
 *
 * @example
 * ```ts
 * await interaction.reply(renderSources(library.documents()));
 * ```
 */
export function renderSources(documents: DocumentInfo[]): DiscordMessage {
  if (documents.length === 0) {
    return renderNotice("No documents are indexed yet. A moderator can add some and run /reindex.");
  }
  const lines = documents.map((d) => {
    // cut raw text first: escaping only lengthens it and is slow on long strings
    const facts = [d.publisher, d.date]
      .filter(Boolean)
      .map((v) => toDiscordText(truncateWords(String(v), 80)));
    const name = toDiscordText(truncateWords(d.title || d.file, 150));
    const line = `• **${name}**${facts.length ? ` — ${facts.join(", ")}` : ""} (${d.passages} passages)`;
    return truncateWords(line, 300);
  });
  const embed: APIEmbed = {
    color: COLOR,
    title: `Indexed documents (${documents.length})`,
    description: fitLines(lines, L.embedDescription, (n) => `…and ${n} more`),
    footer: { text: "Ask about them with /ask; every answer quotes them verbatim." },
  };
  return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * Explains what the bot does and how to use it.
 *
 * @example
 * ```ts
 * await interaction.reply({ ...renderHelp({ mentions: true }), flags: MessageFlags.Ephemeral });
 * ```
 */
export function renderHelp(options: { mentions: boolean; dms: boolean; locale?: Locale }): DiscordMessage {
  const say = (key: MessageKey) => toDiscordText(message(options.locale ?? "en", key));
  const lines = [
    say("help_intro"),
    "",
    `\`/ask question:\` ${say("cmd_ask")} (\`private: True\`: only you see the answer).`,
    `\`/sources\` ${say("cmd_sources")}.`,
    `\`/help\` ${say("cmd_help")}.`,
    "",
    say("help_buttons"),
    say("help_thread"),
    say("help_follow_up"),
  ];
  if (options.mentions) lines.push(say("help_mentions"));
  if (options.dms) lines.push(say("help_dms"));
  lines.push(
    "",
    "**For moderators** (members with Manage Server; replies only you see):",
    "`/docs add file:` add a Markdown or text document (`overwrite: True` replaces one with the same name).",
    "`/docs remove name:` remove a document.",
    "`/reindex` re-read the documents (`dry_run: True` only reports what would change).",
    "`/rollback` go back to the index before the last reindex.",
    "`/stats` questions asked, and the ones the documents don't cover.",
  );
  const embed: APIEmbed = { color: COLOR, title: say("help_title"), description: lines.join("\n") };
  return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * A reindex report for a moderator, as plain text within the 2000-character content limit.
 *
 * @example
 * ```ts
 * await interaction.editReply(renderReindex(await library.reindex()));
 * ```
 */
export function renderReindex(report: ReindexReport): DiscordMessage {
  const { headline, lines } = summarizeReindex(report);
  const text = fitLines(
    [`**${toDiscordText(headline)}**`, ...lines.map(toDiscordText)],
    L.content,
    (n) => `…and ${n} more lines`,
  );
  return { content: text, embeds: [], components: [], allowedMentions: NO_MENTIONS };
}
