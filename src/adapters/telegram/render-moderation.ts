/**
 * @module
 * Pure rendering of moderator replies: a document change or rollback with its reindex report, the
 * usage report, and a refused action. Text with entities, within Telegram's limits, like `render-lists.ts`.
 */

import { FormattedString as F } from "@grammyjs/parse-mode";
import type { ReindexReport } from "../../core/types.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { type Block, packBlocks, type RenderedMessage, trimText } from "./formatted.ts";
import { TELEGRAM_LIMITS } from "./limits.ts";

/** At most this many messages for one report; the rest of a huge error list is dropped. */
const MAX_REPORT_MESSAGES = 3;

const plainBlock = (text: string, join?: Block["join"]): Block => ({ text, join });
const boldBlock = (text: string): Block => ({ text: F.bold(text) });

/**
 * What a moderator's change did (`Added faq.md.`), then the reindex that followed.
 *
 * @example
 * ```ts
 * renderChange("Added faq.md.", report)[0].text; // "Added faq.md.\n\nReindexed 6 documents…", the first line bold
 * ```
 */
export function renderChange(title: string, report: ReindexReport): RenderedMessage[] {
  const { headline, lines } = summarizeReindex(report);
  return packBlocks([boldBlock(title), plainBlock(headline), ...lines.map((l) => plainBlock(l, "\n"))]).slice(
    0,
    MAX_REPORT_MESSAGES,
  );
}

/**
 * What a rollback restored, and that the files themselves were not touched.
 *
 * @example
 * ```ts
 * renderRollback(await moderation.rollback(moderator));
 * ```
 */
export function renderRollback(report: ReindexReport): RenderedMessage[] {
  const { lines } = summarizeReindex(report);
  const title = `Rolled back to the previous index: ${report.documents} documents, ${report.passages} passages.`;
  const note =
    "The files in the documents folder were not changed, so the next /reindex or document change reads them again; use /remove to drop a document for good.";
  return packBlocks([
    boldBlock(title),
    ...lines.map((l, i) => plainBlock(l, i ? "\n" : undefined)),
    plainBlock(note),
  ]).slice(0, MAX_REPORT_MESSAGES);
}

/**
 * The usage report (plain text from `renderStats`) as one message, bold first line.
 *
 * @example
 * ```ts
 * await sendRendered(ctx, [renderStatsMessage(moderation.statsText())]);
 * ```
 */
export function renderStatsMessage(text: string): RenderedMessage {
  const [first = "", ...rest] = trimText(text, TELEGRAM_LIMITS.messageLength).split("\n");
  return F.join([F.bold(first), ...rest], "\n");
}

/**
 * A moderator-facing message (what went wrong and what to do).
 *
 * @example
 * ```ts
 * renderNotice('Could not add the document: "a.pdf" is not a .md or .txt file.');
 * ```
 */
export function renderNotice(text: string): RenderedMessage {
  return new F(trimText(text, 3000));
}
