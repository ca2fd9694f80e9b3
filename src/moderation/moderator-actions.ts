/**
 * @module
 * Everything a moderator can do from chat, platform-free: reindex (or dry run), roll back, add or
 * remove a document, add a web page by its address or refresh them all, and read the usage report. Each action is permission-checked by the adapter
 * first, updates the live index, and leaves an audit line. Adapters only render the results.
 */
import { LibraryError } from "../core/library.ts";
import type { ReindexReport } from "../core/types.ts";
import { renderStats } from "../usage/render-stats.ts";
import type { UsageStatsSource } from "../usage/usage-stats.ts";
import type { FetchLimits } from "../web/fetch-page.ts";
import { addWebSource, type RefreshReport, refreshWebSources } from "../web/url-sources.ts";
import { WebSourceError } from "../web/web-error.ts";
import type { AuditLog } from "./audit-log.ts";
import { CommunityScopeError } from "./community-scope-error.ts";
import {
  addDocument,
  deleteDocument,
  type Moderator,
  precheckUpload,
  recordReindex,
} from "./document-commands.ts";
import { UploadError } from "./upload-error.ts";

/** The part of the library moderation needs. */
export interface ModeratedLibrary {
  reindex(options?: { dryRun?: boolean }): Promise<ReindexReport>;
  rollback(): Promise<ReindexReport>;
}

export interface ModeratorActionsDeps {
  library: ModeratedLibrary;
  dataDir: string;
  /** UPLOAD_MAX_BYTES. */
  maxBytes: number;
  audit?: AuditLog;
  stats?: UsageStatsSource;
  /** Limits for fetching web pages (ALLOW_PRIVATE_URLS goes in `allowPrivate`). */
  web?: Partial<FetchLimits>;
}

/** What moderators can do; see {@link createModeratorActions}. */
export interface ModeratorActions {
  readonly maxBytes: number;
  reindex(moderator: Moderator, options?: { dryRun?: boolean }): Promise<ReindexReport>;
  rollback(moderator: Moderator): Promise<ReindexReport>;
  /** Cheap checks before downloading an attachment; returns the name it will be stored under. */
  precheckUpload(fileName: string, size: number): string;
  addDocument(
    moderator: Moderator,
    upload: { fileName: string; bytes: Uint8Array; overwrite?: boolean },
  ): Promise<{ file: string; replaced: boolean; report: ReindexReport }>;
  removeDocument(moderator: Moderator, name: string): Promise<{ file: string; report: ReindexReport }>;
  /** Fetches a web page into `DATA_DIR/web/` and indexes it; refusals are {@link WebSourceError}s. */
  addUrl(
    moderator: Moderator,
    url: string,
  ): Promise<{ file: string; url: string; replaced: boolean; report: ReindexReport }>;
  /**
   * Re-fetches every web page with conditional requests; reindexes only when one changed
   * (`report` is then set). Pages that fail keep their last good copy and are listed.
   */
  refresh(moderator: Moderator): Promise<{ refresh: RefreshReport; report?: ReindexReport }>;
  /**
   * The usage report as plain text that fits one chat message; with a library per community,
   * only the community of `moderator` (when given).
   */
  statsText(options?: { days?: number; moderator?: Moderator }): string;
  /**
   * `/library base on|off`: whether the moderator's community includes the base library. Only
   * with a library per community (`LIBRARY_SCOPE=community`); absent otherwise.
   */
  includeBase?(moderator: Moderator, on: boolean): Promise<void>;
}

/**
 * Builds the moderator actions from the library and stores.
 *
 * @example
 * ```ts
 * const moderation = createModeratorActions({ library, dataDir: config.dataDir,
 *   maxBytes: config.uploadMaxBytes, audit, stats: usage });
 * const { file, report } = await moderation.addDocument({ platform: "telegram", user: "42" },
 *   { fileName: "faq.md", bytes });
 * ```
 */
export function createModeratorActions(deps: ModeratorActionsDeps): ModeratorActions {
  const reindexAndRecord = async (moderator: Moderator) => {
    const report = await deps.library.reindex();
    await recordReindex(deps, moderator, report);
    return report;
  };
  return {
    maxBytes: deps.maxBytes,
    async reindex(moderator, options = {}) {
      const report = await deps.library.reindex(options);
      await recordReindex(deps, moderator, report);
      return report;
    },
    async rollback(moderator) {
      const report = await deps.library.rollback();
      await recordReindex(deps, moderator, report, "rollback");
      return report;
    },
    precheckUpload: (fileName, size) => precheckUpload(fileName, size, { maxBytes: deps.maxBytes }),
    async addDocument(moderator, upload) {
      const written = await addDocument(deps, moderator, upload);
      return { file: written.file, replaced: written.replaced, report: await reindexAndRecord(moderator) };
    },
    async removeDocument(moderator, name) {
      const removed = await deleteDocument(deps, moderator, name);
      return { file: removed.file, report: await reindexAndRecord(moderator) };
    },
    async addUrl(moderator, url) {
      const added = await addWebSource({ dataDir: deps.dataDir, limits: deps.web }, url);
      await deps.audit?.record({
        ...moderator,
        action: added.replaced ? "replace" : "add",
        file: added.file,
        detail: { url: added.url },
      });
      return { ...added, report: await reindexAndRecord(moderator) };
    },
    async refresh(moderator) {
      const refresh = await refreshWebSources({ dataDir: deps.dataDir, limits: deps.web });
      await deps.audit?.record({
        ...moderator,
        action: "refresh",
        detail: { checked: refresh.checked, changed: refresh.changed.length, failed: refresh.failed.length },
      });
      return refresh.changed.length ? { refresh, report: await reindexAndRecord(moderator) } : { refresh };
    },
    statsText: (options) => usageText(deps, options),
  };
}

/**
 * The usage report as chat text; `community` narrows it to one community (`null`: the base's).
 *
 * @example
 * ```ts
 * usageText(deps, { days: 7, community: "telegram:-100123" });
 * ```
 */
export function usageText(
  deps: Pick<ModeratorActionsDeps, "stats">,
  { days = 30, community }: { days?: number; community?: string | null } = {},
): string {
  if (!deps.stats) return "Usage statistics are not recorded on this deployment.";
  return renderStats(deps.stats.stats({ since: new Date(Date.now() - days * 86_400_000), community }));
}

/**
 * True for errors whose message is written for the moderator (what went wrong and what to do),
 * so an adapter can show it as is; anything else gets a generic apology and goes to the log.
 */
export function isModeratorFacingError(err: unknown): err is Error {
  return (
    err instanceof UploadError ||
    err instanceof LibraryError ||
    err instanceof WebSourceError ||
    err instanceof CommunityScopeError
  );
}
