/**
 * @module
 * Pure rendering of everything that is not an answer: the document list (`/sources`), the help
 * text (`/start`, `/help`) and a reindex report. Same guarantees as `render.ts`: escaped, within limits.
 */
import type { DocumentInfo, ReindexReport } from "../../core/types.ts";
import { type Locale, type MessageKey, message } from "../../service/messages.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { type Block, escapeHtml, packBlocks, type RenderedMessage, trimText } from "./html.ts";
import { sourceLine } from "./render.ts";

/** At most this many messages for a document list; the rest is counted, not listed. */
const MAX_LIST_MESSAGES = 5;
/** Documents named in the help text before pointing to /sources. */
const HELP_DOCS = 10;

function documentLines(docs: DocumentInfo[], files = false): Block[] {
  // Bullets, not numbers: an answer's [1] must not be mistaken for the first document listed here.
  return docs.map((d) => {
    const line = sourceLine({ ...d, n: "•" });
    if (!files) return { ...line, join: "\n" as const };
    // Moderators need the file name for /remove.
    const file = trimText(d.file, 200);
    return {
      html: `${line.html} · <code>${escapeHtml(file)}</code>`,
      plain: `${line.plain} · ${file}`,
      join: "\n" as const,
    };
  });
}

/**
 * The `/sources` reply: every indexed document with title, publisher, date and link, and for
 * moderators (`files`) the file name that `/remove` takes.
 *
 * @example
 * ```ts
 * for (const m of renderSources(library.documents())) await ctx.reply(m.html, { parse_mode: "HTML" });
 * ```
 */
export function renderSources(docs: DocumentInfo[], options: { files?: boolean } = {}): RenderedMessage[] {
  if (!docs.length) {
    const text = "No documents are indexed yet. A moderator can add some and run /reindex.";
    return [{ html: escapeHtml(text), plain: text }];
  }
  const head = `I answer from these ${docs.length} document${docs.length === 1 ? "" : "s"}:`;
  const headBlock: Block = { html: `<b>${escapeHtml(head)}</b>`, plain: head };
  const lines = documentLines(docs, options.files);
  const messages = packBlocks([headBlock, ...lines]);
  if (messages.length <= MAX_LIST_MESSAGES) return messages;
  // Count what the cut leaves out so nobody thinks the list is complete; shrink until the note fits.
  let shown = messages
    .slice(0, MAX_LIST_MESSAGES)
    .reduce((n, m) => n + (m.plain.match(/^• /gm)?.length ?? 0), 0);
  for (; shown > 0; shown--) {
    const more = `…and ${docs.length - shown} more.`;
    const packed = packBlocks([
      headBlock,
      ...lines.slice(0, shown),
      { html: escapeHtml(more), plain: more, join: "\n" },
    ]);
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
 * renderHelp(library.documents(), "citebot", "private")[0].html;
 * ```
 */
export function renderHelp(
  docs: DocumentInfo[],
  username: string,
  chatType: string,
  options: { moderator?: boolean; locale?: Locale } = {},
): RenderedMessage[] {
  const say = (key: MessageKey, vars?: Record<string, string | number>) =>
    escapeHtml(message(options.locale ?? "en", key, vars));
  const intro = message(options.locale ?? "en", "help_intro");
  const how =
    chatType === "private"
      ? [`${say("help_private")} <i>${say("help_example")}</i>`]
      : [
          `In this group: <code>/ask your question</code>, mention @${escapeHtml(username)} with a question, or reply to one of my messages.`,
        ];
  how.push(`In any chat: type <code>@${escapeHtml(username)} your question</code> to share an answer.`);
  how.push(say("help_sources"), say("help_follow_up"));
  const listed = docs.slice(0, HELP_DOCS).map((d) => `• ${escapeHtml(trimText(d.title, 120))}`);
  if (docs.length > HELP_DOCS) listed.push(`…and ${docs.length - HELP_DOCS} more (see /sources).`);
  const known = docs.length
    ? [`<b>${say("help_known", { count: docs.length })}</b>`, ...listed]
    : ["No documents are indexed yet."];
  const blocks: Block[] = [
    { html: escapeHtml(intro), plain: intro },
    ...known.map((html, i) => ({ html, plain: htmlToPlain(html), join: i ? ("\n" as const) : undefined })),
    { html: `<b>${say("help_how")}</b>`, plain: message(options.locale ?? "en", "help_how") },
    ...how.map((html) => ({ html, plain: htmlToPlain(html), join: "\n" as const })),
    ...(options.moderator ? moderatorHelp() : []),
  ];
  return packBlocks(blocks);
}

/**
 * A reindex report for moderators, via the shared {@link summarizeReindex} words.
 *
 * @example
 * ```ts
 * await ctx.reply(renderReindex(await library.reindex())[0].html, { parse_mode: "HTML" });
 * ```
 */
export function renderReindex(report: ReindexReport): RenderedMessage[] {
  const { headline, lines } = summarizeReindex(report);
  return packBlocks([
    { html: `<b>${escapeHtml(headline)}</b>`, plain: headline },
    ...lines.map((l) => ({ html: escapeHtml(l), plain: l, join: "\n" as const })),
  ]).slice(0, 3);
}

/** The moderator commands, shown in /help only to those allowed to use them. */
function moderatorHelp(): Block[] {
  const lines = [
    "<b>For moderators</b>",
    "Send a .md or .txt file with the caption <code>/add</code> to add it (<code>/add overwrite</code> replaces one of the same name).",
    "<code>/remove file-name.md</code> removes a document (/sources shows the file names to you).",
    "/reindex re-reads the documents folder; <code>/reindex dry</code> only reports what would change.",
    "/rollback restores the previous index.",
    "/stats shows usage: questions, 👍/👎, and what the documents don't cover.",
  ];
  return lines.map((html, i) => ({ html, plain: htmlToPlain(html), join: i ? ("\n" as const) : undefined }));
}

/** Plain twin of the small fixed HTML snippets above (our own markup, never document text). */
function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
