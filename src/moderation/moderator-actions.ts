/**
 * @module
 * Everything a moderator can do from chat or the command line, platform-free: reindex (or dry
 * run), roll back, add or remove a document, add a web page by its address or refresh them all,
 * and read the usage report. Each action is permission-checked by the adapter first, and is one
 * path: check the request, let the library make the change and index it (only the files it
 * touched; see `Library.addDocument`), leave one audit line. Adapters only render the results.
 */
import path from "node:path";
import { convertDocument } from "../core/formats/convert.ts";
import { LibraryError } from "../core/library.ts";
import type { Platform, ReindexOptions, ReindexReport } from "../core/types.ts";
import { renderStats } from "../usage/render-stats.ts";
import type { UsageStatsSource } from "../usage/usage-stats.ts";
import type { FetchLimits } from "../web/fetch-page.ts";
import { addWebSource, type RefreshReport, refreshWebSources } from "../web/url-sources.ts";
import { WebSourceError } from "../web/web-error.ts";
import type { AuditAction, AuditLog } from "./audit-log.ts";
import { CommunityScopeError } from "./community-scope-error.ts";
import { locateDocument, unlinkDocument, writeDocument } from "./document-files.ts";
import { safeFileName } from "./file-name.ts";
import { validateUpload } from "./upload.ts";
import { tooLargeMessage, UploadError } from "./upload-error.ts";

/** Who asked: the raw id is only ever stored hashed; `label` is stored as given. */
export interface Moderator {
  platform: Platform;
  user?: string;
  label?: string;
  /**
   * The community acted in (`telegram:<group id>`, `discord:<server id>`). With a library per
   * community the action changes that community's library, and the audit log records it.
   */
  community?: string;
}

/** The part of the core `Library` moderation needs; the real `Library` fits it. */
export interface ModeratedLibrary {
  reindex(options?: ReindexOptions): Promise<ReindexReport>;
  rollback(): Promise<ReindexReport>;
  addDocument(file: string, write?: () => Promise<unknown>): Promise<ReindexReport>;
  removeDocument(file: string, remove?: () => Promise<unknown>): Promise<ReindexReport>;
  updateFiles(files: readonly string[]): Promise<ReindexReport>;
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
  reindex(moderator: Moderator, options?: ReindexOptions): Promise<ReindexReport>;
  rollback(moderator: Moderator): Promise<ReindexReport>;
  /** Cheap checks before downloading an attachment; returns the name it will be stored under. */
  precheckUpload(fileName: string, size: number): string;
  /**
   * Validates an upload, writes it into DATA_DIR and indexes that one file; refusals are
   * {@link UploadError}s (`exists` unless `overwrite`).
   */
  addDocument(
    moderator: Moderator,
    upload: { fileName: string; bytes: Uint8Array; overwrite?: boolean },
  ): Promise<{ file: string; replaced: boolean; report: ReindexReport }>;
  /** Removes a document by name or path (as `/sources` lists it) and drops it from the index. */
  removeDocument(moderator: Moderator, name: string): Promise<{ file: string; report: ReindexReport }>;
  /** Fetches a web page into `DATA_DIR/web/` and indexes it; refusals are {@link WebSourceError}s. */
  addUrl(
    moderator: Moderator,
    url: string,
  ): Promise<{ file: string; url: string; replaced: boolean; report: ReindexReport }>;
  /**
   * Re-fetches every web page with conditional requests; indexes only the pages that changed
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
 * Cheap checks before downloading an attachment: its name/type and its announced size.
 *
 * @throws {UploadError} `name`, `type` or `size`.
 * @example
 * ```ts
 * precheckUpload(doc.file_name ?? "upload.md", doc.file_size ?? 0, { maxBytes: config.uploadMaxBytes });
 * ```
 */
export function precheckUpload(fileName: string, size: number, options: { maxBytes: number }): string {
  const safe = safeFileName(fileName);
  if (size > options.maxBytes) {
    throw new UploadError("size", tooLargeMessage(fileName, size, options.maxBytes));
  }
  return safe;
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
  const { library, dataDir } = deps;
  /** One audit line per action, with what the index became; dry runs change nothing and are not recorded. */
  const audited = async (
    moderator: Moderator,
    action: AuditAction,
    report: ReindexReport,
    more: { file?: string; detail?: Record<string, string | number | boolean> } = {},
  ): Promise<ReindexReport> => {
    if (!report.dryRun)
      await deps.audit?.record({
        ...moderator,
        action,
        ...(more.file ? { file: more.file } : {}),
        detail: { ...more.detail, ...reportDetail(report) },
      });
    return report;
  };
  return {
    maxBytes: deps.maxBytes,
    reindex: async (moderator, options = {}) => audited(moderator, "reindex", await library.reindex(options)),
    rollback: async (moderator) => audited(moderator, "rollback", await library.rollback()),
    precheckUpload: (fileName, size) => precheckUpload(fileName, size, { maxBytes: deps.maxBytes }),
    async addDocument(moderator, upload) {
      const doc = await readableUpload(upload, deps.maxBytes);
      let replaced = false;
      const report = await library.addDocument(doc.fileName, async () => {
        ({ replaced } = await writeDocument(dataDir, doc.fileName, doc.bytes, {
          overwrite: upload.overwrite,
        }));
      });
      const file = doc.fileName;
      await audited(moderator, replaced ? "replace" : "add", report, { file });
      return { file, replaced, report };
    },
    async removeDocument(moderator, name) {
      const { file } = await locateDocument(dataDir, name);
      const report = await library.removeDocument(file, () => unlinkDocument(dataDir, file));
      await audited(moderator, "remove", report, { file });
      return { file, report };
    },
    async addUrl(moderator, url) {
      // Fetched outside the library's turn, so a slow site holds up no other change.
      const added = await addWebSource({ dataDir, limits: deps.web }, url);
      const report = await library.updateFiles([added.file]);
      await audited(moderator, added.replaced ? "replace" : "add", report, {
        file: added.file,
        detail: { url: added.url },
      });
      return { ...added, report };
    },
    async refresh(moderator) {
      const refresh = await refreshWebSources({ dataDir, limits: deps.web });
      const report = refresh.changed.length ? await library.updateFiles(refresh.changed) : undefined;
      await deps.audit?.record({
        ...moderator,
        action: "refresh",
        // The refresh's own counts win: `changed` is pages here, as it always was.
        detail: {
          ...(report ? reportDetail(report) : {}),
          checked: refresh.checked,
          changed: refresh.changed.length,
          failed: refresh.failed.length,
        },
      });
      return report ? { refresh, report } : { refresh };
    },
    statsText: (options) => usageText(deps, options),
  };
}

/**
 * What `WATCH_DATA` indexed, for the audit log: one line per file the watcher added, changed or
 * removed (a moderator's own change is not among them: the library had indexed it already).
 *
 * @example
 * ```ts
 * await watchDataDir(library, config.dataDir, { logger, onReindex: auditWatchedChanges(audit) });
 * ```
 */
export function auditWatchedChanges(audit: AuditLog): (report: ReindexReport) => Promise<void> {
  const watcher = { platform: "terminal" as const, label: "WATCH_DATA" };
  return async (report) => {
    const lines: [AuditAction, string[]][] = [
      ["add", report.added],
      ["replace", report.changed],
      ["remove", report.removed],
    ];
    // record() never throws: a failed append is logged by the audit log itself.
    for (const [action, files] of lines)
      for (const file of files)
        await audit.record({ ...watcher, action, file, detail: reportDetail(report) });
  };
}

/**
 * An upload checked all the way before it goes near DATA_DIR: name, size, format, and (for a PDF,
 * Word or HTML file) that it converts, so a scanned PDF or a zip bomb is refused to the moderator
 * now rather than listed later in an index report.
 */
async function readableUpload(
  upload: { fileName: string; bytes: Uint8Array },
  maxBytes: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const doc = validateUpload(upload.fileName, upload.bytes, { maxBytes });
  if (doc.format !== "text") {
    await convertDocument(path.extname(doc.fileName), doc.bytes).catch((cause: unknown) => {
      throw new UploadError("unreadable", `Could not read "${doc.fileName}": ${(cause as Error).message}.`, {
        cause,
      });
    });
  }
  return doc;
}

/** What the audit log keeps of an index change: its counts. */
const reportDetail = (report: ReindexReport) => ({
  applied: report.applied,
  documents: report.documents,
  passages: report.passages,
  added: report.added.length,
  changed: report.changed.length,
  removed: report.removed.length,
  errors: report.errors.length,
});

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
