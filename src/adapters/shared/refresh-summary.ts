/**
 * @module
 * Words for a web-page refresh, shared by every adapter and `npm run refresh`; each adds its markup.
 */
import type { ReindexReport } from "../../core/types.ts";
import { type Locale, message } from "../../service/messages.ts";
import type { RefreshReport } from "../../web/url-sources.ts";
import type { ReindexSummary } from "./reindex-summary.ts";
import { summarizeReindex } from "./reindex-summary.ts";

/**
 * Summarises a refresh: what changed, what failed (and keeps its last good copy), then the
 * reindex that followed, if one was needed. The words are the catalogue's, in `locale` (default
 * English, as `npm run refresh` prints them).
 *
 * @example
 * ```ts
 * const { headline, lines } = summarizeRefresh(await moderation.refresh(moderator));
 * reply([headline, ...lines].join("\n"));
 * ```
 */
export function summarizeRefresh(
  result: { refresh: RefreshReport; report?: ReindexReport },
  locale: Locale = "en",
): ReindexSummary {
  const { refresh, report } = result;
  const headline =
    refresh.checked === 0
      ? message(locale, "refresh_none")
      : message(locale, "refresh_done", {
          checked: refresh.checked,
          changed: refresh.changed.length,
          unchanged: refresh.unchanged.length,
          failed: refresh.failed.length,
        });
  const lines: string[] = [];
  if (refresh.changed.length)
    lines.push(message(locale, "refresh_changed", { files: refresh.changed.join(", ") }));
  for (const f of refresh.failed.slice(0, 20))
    lines.push(message(locale, "refresh_failed", { file: f.file, reason: f.reason }));
  if (refresh.failed.length > 20)
    lines.push(message(locale, "refresh_more_failed", { count: refresh.failed.length - 20 }));
  if (report) {
    const reindex = summarizeReindex(report);
    lines.push(reindex.headline, ...reindex.lines);
  }
  return { headline, lines };
}

/**
 * What adding a web page did: `Added web/example-org-page-1a2b3c.md from https://example.org/page.`
 *
 * @example
 * ```ts
 * const added = await moderation.addUrl(moderator, url);
 * reply(addedPage(added, "en"));
 * ```
 */
export function addedPage(
  added: { file: string; url: string; replaced: boolean },
  locale: Locale = "en",
): string {
  return message(locale, added.replaced ? "add_url_replaced" : "add_url_added", {
    file: added.file,
    url: added.url,
  });
}
