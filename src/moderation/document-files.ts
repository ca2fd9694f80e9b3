/**
 * @module
 * Adding and removing documents in DATA_DIR on a moderator's behalf. Writes are atomic (temp file,
 * fsync, then link/rename) so the indexer or a watcher never sees half a document, and an
 * existing document is never replaced unless the moderator asked for it.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { safeFileName, UPLOAD_EXTENSIONS } from "./file-name.ts";
import { UploadError } from "./upload-error.ts";

/** Bounds the search for a bare file name in a very large DATA_DIR. */
const MAX_SCANNED = 20_000;

/** What {@link writeDocument} did. */
export interface WrittenDocument {
  /** Path relative to DATA_DIR, forward slashes (as in `Source.file`). */
  file: string;
  /** True when an existing document was replaced (only with `overwrite`). */
  replaced: boolean;
}

/**
 * Writes a validated upload into DATA_DIR atomically. Without `overwrite`, an existing file of
 * that name is an {@link UploadError} (code `exists`), decided atomically by `link(2)`.
 *
 * @example
 * ```ts
 * const doc = validateUpload(name, bytes, { maxBytes: config.uploadMaxBytes });
 * await library.addDocument(doc.fileName, () => writeDocument(config.dataDir, doc.fileName, doc.bytes));
 * ```
 */
export async function writeDocument(
  dataDir: string,
  fileName: string,
  bytes: Uint8Array,
  options: { overwrite?: boolean } = {},
): Promise<WrittenDocument> {
  if (safeFileName(fileName) !== fileName) {
    throw new UploadError(
      "name",
      `"${fileName}" is not a safe document name; pass the fileName from validateUpload().`,
    );
  }
  await fs.mkdir(dataDir, { recursive: true });
  const target = path.join(dataDir, fileName);
  // Hidden and not a document extension, so neither the indexer nor a watcher picks the temp file up.
  const temp = path.join(dataDir, `.${fileName}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "wx", 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    const replaced = options.overwrite ? await exists(target) : false;
    if (options.overwrite) await fs.rename(temp, target);
    else await linkNoClobber(temp, target, fileName);
    await syncDir(dataDir);
    return { file: fileName, replaced };
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function linkNoClobber(temp: string, target: string, fileName: string): Promise<void> {
  try {
    await fs.link(temp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new UploadError(
        "exists",
        `A document named "${fileName}" already exists. Remove it first, or send the file again with the overwrite option to replace it.`,
        { cause: err },
      );
    }
    // Filesystems without hard links: check, then rename (a tiny race, acceptable there).
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw err;
    if (await exists(target)) {
      throw new UploadError(
        "exists",
        `A document named "${fileName}" already exists. Remove it first, or use the overwrite option.`,
      );
    }
    await fs.rename(temp, target);
  }
}

/**
 * Finds the document a moderator named: its path relative to DATA_DIR (`news/whatsapp.md`) or its
 * bare file name (`whatsapp.md`, found anywhere under DATA_DIR). Only `.md`/`.txt`/… files inside
 * DATA_DIR; nothing is changed.
 *
 * @throws {UploadError} `type`, `missing`, `ambiguous` (lists the matches) or `outside`.
 * @example
 * ```ts
 * const { file } = await locateDocument(config.dataDir, "whatsapp.md"); // "news/whatsapp.md"
 * await library.removeDocument(file, () => unlinkDocument(config.dataDir, file));
 * ```
 */
export async function locateDocument(dataDir: string, name: string): Promise<{ file: string }> {
  const wanted = name.trim().replace(/\\/g, "/");
  const ext = path.extname(wanted).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UploadError(
      "type",
      `"${wanted}" is not a document name; give a .md, .txt, .pdf, .docx or .html file as listed by /sources.`,
    );
  }
  const root = await fs.realpath(dataDir);
  const relative = wanted.includes("/") ? wanted : await findByName(root, wanted);
  const target = path.resolve(root, relative);
  // realpath of the parent catches a symlinked folder that points outside DATA_DIR.
  const parent = await fs.realpath(path.dirname(target)).catch(() => path.dirname(target));
  if (!isInside(root, target) || !isInside(root, path.join(parent, path.basename(target)))) {
    throw new UploadError(
      "outside",
      `"${wanted}" is outside the documents folder; only files in DATA_DIR can be removed.`,
    );
  }
  if (!(await exists(target)))
    throw new UploadError("missing", `There is no document "${wanted}"; /sources lists the files.`);
  return { file: path.relative(root, target).split(path.sep).join("/") };
}

/**
 * Deletes a document {@link locateDocument} found, and syncs its folder.
 *
 * @throws {UploadError} `missing` when it is gone already, `io` when it cannot be deleted.
 */
export async function unlinkDocument(dataDir: string, file: string): Promise<void> {
  const target = path.join(dataDir, file);
  try {
    await fs.unlink(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UploadError("missing", `There is no document "${file}"; /sources lists the files.`, {
        cause: err,
      });
    }
    throw new UploadError("io", `Could not remove "${file}": ${(err as Error).message}`, { cause: err });
  }
  await syncDir(path.dirname(target));
}

async function findByName(root: string, name: string): Promise<string> {
  const entries = (await fs.readdir(root, { recursive: true })).slice(0, MAX_SCANNED);
  const files = entries
    .map((e) => e.split(path.sep).join("/"))
    .filter((e) => !e.split("/").some((p) => p.startsWith(".")));
  let matches = files.filter((f) => path.posix.basename(f) === name);
  if (!matches.length)
    matches = files.filter((f) => path.posix.basename(f).toLowerCase() === name.toLowerCase());
  if (matches.length === 1) return matches[0] as string;
  if (!matches.length)
    throw new UploadError("missing", `There is no document named "${name}"; /sources lists the files.`);
  throw new UploadError(
    "ambiguous",
    `"${name}" matches ${matches.length} documents: ${matches.slice(0, 10).join(", ")}. Give the path, e.g. "${matches[0]}".`,
  );
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** fsync the folder so the rename itself survives a power cut; not supported everywhere. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r").catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
