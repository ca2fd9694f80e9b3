/**
 * @module
 * Pure rendering of everything that is not an answer: the document list (`/sources`), the help
 * text (`/start`, `/help`) and a reindex report. Same guarantees as `render.ts`: text with
 * entities, within limits.
 */
import { FormattedString as F, fmt } from "@grammyjs/parse-mode";
import type { DocumentInfo, ReindexReport } from "../../core/types.ts";
import { type Locale, type MessageKey, message } from "../../service/messages.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { type Block, packBlocks, type RenderedMessage, trimText } from "./formatted.ts";
import { sourceLine } from "./render.ts";

/** At most this many messages for a document list; the rest is counted, not listed. */
const MAX_LIST_MESSAGES = 5;
/** Documents named in the help text before pointing to /sources. */
const HELP_DOCS = 10;

function documentLines(docs: DocumentInfo[], files = false): Block[] {
  // Bullets, not numbers: an answer's [1] must not be mistaken for the first document listed here.
  return docs.map((d) => {
    const line = sourceLine({ ...d, n: "•" });
    // Moderators need the file name for /remove.
    return { text: files ? fmt`${line} · ${F.code(trimText(d.file, 200))}` : line, join: "\n" as const };
  });
}

/**
 * The `/sources` reply: every indexed document with title, publisher, date and link, and for
 * moderators (`files`) the file name that `/remove` takes.
 *
 * @example
 * ```ts
 * for (const m of renderSources(library.documents())) await ctx.reply(m.text, { entities: m.entities });
 * ```
 */
export function renderSources(docs: DocumentInfo[], options: { files?: boolean } = {}): RenderedMessage[] {
  if (!docs.length)
    return packBlocks([{ text: "No documents are indexed yet. A moderator can add some and run /reindex." }]);
  const head: Block = {
    text: F.bold(`I answer from these ${docs.length} document${docs.length === 1 ? "" : "s"}:`),
  };
  const lines = documentLines(docs, options.files);
  const messages = packBlocks([head, ...lines]);
  if (messages.length <= MAX_LIST_MESSAGES) return messages;
  // Count what the cut leaves out so nobody thinks the list is complete; shrink until the note fits.
  let shown = messages
    .slice(0, MAX_LIST_MESSAGES)
    .reduce((n, m) => n + (m.text.match(/^• /gm)?.length ?? 0), 0);
  for (; shown > 0; shown--) {
    const more: Block = { text: `…and ${docs.length - shown} more.`, join: "\n" };
    const packed = packBlocks([head, ...lines.slice(0, shown), more]);
    if (packed.length <= MAX_LIST_MESSAGES) return packed;
  }
  return messages.slice(0, MAX_LIST_MESSAGES);
}

/**
 * The `/start` and `/help` reply: what the bot knows and how to ask it, in this kind of chat; for
 * moderators also the moderator commands.
 *
 * @example
 * ```ts
 * renderHelp(library.documents(), "citebot", "private")[0].text;
 * ```
 */
export function renderHelp(
  docs: DocumentInfo[],
  username: string,
  chatType: string,
  options: { moderator?: boolean; locale?: Locale } = {},
): RenderedMessage[] {
  const say = (key: MessageKey, vars?: Record<string, string | number>) =>
    message(options.locale ?? "en", key, vars);
  const how =
    chatType === "private"
      ? [fmt`${say("help_private")} ${F.italic(say("help_example"))}`]
      : [
          fmt`In this group: ${F.code("/ask your question")}, mention @${username} with a question, or reply to one of my messages.`,
        ];
  how.push(fmt`In any chat: type ${F.code(`@${username} your question`)} to share an answer.`);
  const listed = docs.slice(0, HELP_DOCS).map((d) => `• ${trimText(d.title, 120)}`);
  if (docs.length > HELP_DOCS) listed.push(`…and ${docs.length - HELP_DOCS} more (see /sources).`);
  const known = docs.length
    ? [F.bold(say("help_known", { count: docs.length })), ...listed]
    : ["No documents are indexed yet."];
  const blocks: Block[] = [
    { text: say("help_intro") },
    ...known.map((text, i) => ({ text, join: i ? ("\n" as const) : undefined })),
    { text: F.bold(say("help_how")) },
    ...[...how, say("help_sources"), say("help_follow_up")].map((text) => ({ text, join: "\n" as const })),
    ...(options.moderator ? moderatorHelp() : []),
  ];
  return packBlocks(blocks);
}

/**
 * A reindex report for moderators, via the shared {@link summarizeReindex} words.
 *
 * @example
 * ```ts
 * const [first] = renderReindex(await library.reindex());
 * await ctx.reply(first.text, { entities: first.entities });
 * ```
 */
export function renderReindex(report: ReindexReport): RenderedMessage[] {
  const { headline, lines } = summarizeReindex(report);
  return packBlocks([
    { text: F.bold(headline) },
    ...lines.map((text) => ({ text, join: "\n" as const })),
  ]).slice(0, 3);
}

/** The moderator commands, shown in /help only to those allowed to use them. */
function moderatorHelp(): Block[] {
  const lines = [
    F.bold("For moderators"),
    fmt`Send a .md, .txt, .pdf, .docx or .html file with the caption ${F.code("/add")} to add it (${F.code("/add overwrite")} replaces one of the same name).`,
    fmt`${F.code("/remove file-name.md")} removes a document (/sources shows the file names to you).`,
    fmt`/reindex re-reads the documents folder; ${F.code("/reindex dry")} only reports what would change.`,
    "/rollback restores the previous index.",
    "/stats shows usage: questions, 👍/👎, and what the documents don't cover.",
  ];
  return lines.map((text, i) => ({ text, join: i ? ("\n" as const) : undefined }));
}
