/**
 * @module
 * The platform-free bodies of `/add`, `/remove` and the audit side of `/reindex`: validate, write
 * or remove, and leave an audit line. Adapters download the attachment, call these, then
 * `library.reindex()`, and show `UploadError` messages to the moderator as they are.
 */
import path from "node:path";
import { convertDocument } from "../core/formats/convert.ts";
import type { Platform, ReindexReport } from "../core/types.ts";
import type { AuditLog } from "./audit-log.ts";
import { removeDocument, type WrittenDocument, writeDocument } from "./document-files.ts";
import { safeFileName } from "./file-name.ts";
import { validateUpload } from "./upload.ts";
import { tooLargeMessage, UploadError } from "./upload-error.ts";

/** What the document commands need; built once from Config at startup. */
export interface DocumentCommandDeps {
  dataDir: string;
  /** UPLOAD_MAX_BYTES. */
  maxBytes: number;
  audit?: AuditLog;
}

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
 * Validates and writes an uploaded document, then records `add` (or `replace`) in the audit log.
 *
 * @throws {UploadError} see {@link validateUpload} and {@link writeDocument}.
 * @example
 * ```ts
 * const { file, replaced } = await addDocument(deps, { platform: "discord", user: interaction.user.id },
 *   { fileName: attachment.name, bytes, overwrite: interaction.options.getBoolean("overwrite") ?? false });
 * const report = await library.reindex();
 * await recordReindex(deps, moderator, report);
 * ```
 */
export async function addDocument(
  deps: DocumentCommandDeps,
  moderator: Moderator,
  upload: { fileName: string; bytes: Uint8Array; overwrite?: boolean },
): Promise<WrittenDocument> {
  const doc = validateUpload(upload.fileName, upload.bytes, { maxBytes: deps.maxBytes });
  // A scanned PDF or a zip bomb is refused now, to the moderator, not later in a reindex report.
  if (doc.format !== "text") {
    await convertDocument(path.extname(doc.fileName), doc.bytes).catch((cause: unknown) => {
      throw new UploadError("unreadable", `Could not read "${doc.fileName}": ${(cause as Error).message}.`, {
        cause,
      });
    });
  }
  const written = await writeDocument(deps.dataDir, doc.fileName, doc.bytes, { overwrite: upload.overwrite });
  await deps.audit?.record({
    ...moderator,
    action: written.replaced ? "replace" : "add",
    file: written.file,
  });
  return written;
}

/**
 * Removes a document by name or relative path and records `remove` in the audit log.
 *
 * @throws {UploadError} `missing`, `ambiguous`, `outside` or `type`.
 * @example
 * ```ts
 * const { file } = await deleteDocument(deps, { platform: "telegram", user: String(ctx.from.id) }, "whatsapp.md");
 * ```
 */
export async function deleteDocument(
  deps: DocumentCommandDeps,
  moderator: Moderator,
  name: string,
): Promise<{ file: string }> {
  const removed = await removeDocument(deps.dataDir, name);
  await deps.audit?.record({ ...moderator, action: "remove", file: removed.file });
  return removed;
}

/**
 * Records a reindex (or rollback) a moderator triggered, with its counts. Dry runs change
 * nothing, so they are not recorded.
 *
 * @example
 * ```ts
 * await recordReindex(deps, moderator, await library.reindex());
 * ```
 */
export async function recordReindex(
  deps: Pick<DocumentCommandDeps, "audit">,
  moderator: Moderator,
  report: ReindexReport,
  action: "reindex" | "rollback" = "reindex",
): Promise<void> {
  if (report.dryRun) return;
  await deps.audit?.record({
    ...moderator,
    action,
    detail: {
      applied: report.applied,
      documents: report.documents,
      passages: report.passages,
      added: report.added.length,
      changed: report.changed.length,
      removed: report.removed.length,
      errors: report.errors.length,
    },
  });
}
