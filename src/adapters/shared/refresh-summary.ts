/**
 * @module
 * Words for a web-page refresh, shared by every adapter and `npm run refresh`; each adds its markup.
 */
import type { ReindexReport } from "../../core/types.ts";
import type { RefreshReport } from "../../web/url-sources.ts";
import type { ReindexSummary } from "./reindex-summary.ts";
import { summarizeReindex } from "./reindex-summary.ts";

/**
 * Summarises a refresh: what changed, what failed (and keeps its last good copy), then the
 * reindex that followed, if one was needed.
 *
 * @example
 * ```ts
 * const { headline, lines } = summarizeRefresh(await moderation.refresh(moderator));
 * reply([headline, ...lines].join("\n"));
 * ```
 */
export function summarizeRefresh(result: { refresh: RefreshReport; report?: ReindexReport }): ReindexSummary {
  const { refresh, report } = result;
  const headline =
    refresh.checked === 0
      ? "No web pages to refresh: add one with /add https://… or npm run add -- URL."
      : `Refreshed ${refresh.checked} web pages: ${refresh.changed.length} changed, ${refresh.unchanged.length} unchanged, ${refresh.failed.length} failed.`;
  const lines: string[] = [];
  if (refresh.changed.length) lines.push(`Changed: ${refresh.changed.join(", ")}`);
  for (const f of refresh.failed.slice(0, 20)) lines.push(`Failed ${f.file}: ${f.reason}`);
  if (refresh.failed.length > 20) lines.push(`…and ${refresh.failed.length - 20} more failed pages`);
  if (report) {
    const reindex = summarizeReindex(report);
    lines.push(reindex.headline, ...reindex.lines);
  }
  return { headline, lines };
}
