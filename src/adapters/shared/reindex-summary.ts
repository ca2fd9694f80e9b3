/**
 * @module
 * Words for a {@link ReindexReport}, shared by every adapter; each adapter only adds its markup.
 */
import type { ReindexReport } from "../../core/types.ts";

/** A one-line headline and detail lines (plain text, not escaped) describing a reindex. */
export interface ReindexSummary {
  headline: string;
  lines: string[];
}

const list = (files: string[], max = 10) =>
  files.length <= max ? files.join(", ") : `${files.slice(0, max).join(", ")} and ${files.length - max} more`;

/**
 * Summarises a reindex for a moderator.
 *
 * @example
 * ```ts
 * const { headline, lines } = summarizeReindex(await library.reindex());
 * reply([headline, ...lines].join("\n"));
 * ```
 */
export function summarizeReindex(report: ReindexReport): ReindexSummary {
  const secs = (report.durationMs / 1000).toFixed(1);
  const headline = report.dryRun
    ? `Dry run: ${report.documents} documents, ${report.passages} passages would be indexed (nothing changed).`
    : report.applied
      ? `Reindexed ${report.documents} documents, ${report.passages} passages in ${secs} s.`
      : "Reindex failed: no document could be indexed, so the previous index is still answering.";
  const lines: string[] = [];
  if (report.added.length) lines.push(`Added (${report.added.length}): ${list(report.added)}`);
  if (report.changed.length) lines.push(`Changed (${report.changed.length}): ${list(report.changed)}`);
  if (report.removed.length) lines.push(`Removed (${report.removed.length}): ${list(report.removed)}`);
  if (report.unchanged) lines.push(`Unchanged: ${report.unchanged}`);
  for (const e of report.errors.slice(0, 20)) lines.push(`Skipped ${e.file}: ${e.reason}`);
  if (report.errors.length > 20) lines.push(`…and ${report.errors.length - 20} more skipped files`);
  const warnings = report.warnings ?? [];
  for (const w of warnings.slice(0, 20)) lines.push(`Warning for ${w.file}: ${w.message}`);
  if (warnings.length > 20) lines.push(`…and ${warnings.length - 20} more warnings`);
  return { headline, lines };
}
