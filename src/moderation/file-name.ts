/**
 * @module
 * Safe document file names: what an uploaded attachment is stored as inside DATA_DIR.
 */
import { UploadError } from "./upload-error.ts";

/** Extensions the retrieval core indexes. */
export const UPLOAD_EXTENSIONS = [".md", ".txt", ".pdf", ".docx", ".html", ".htm"] as const;
const MAX_NAME_CHARS = 80;
// Device names Windows refuses as file names, in case DATA_DIR is ever synced to Windows.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * Turns an attachment's name into a safe, kebab-case-ish file name that keeps its extension.
 * Refuses names that try to leave the folder or hide (`../x.md`, `a/b.md`, `.env.md`).
 *
 * @example
 * ```ts
 * safeFileName("WhatsApp Privacy FAQ (2024).MD") // "whatsapp-privacy-faq-2024.md"
 * ```
 */
export function safeFileName(fileName: string): string {
  const name = fileName.normalize("NFKC").trim();
  if (/[/\\]/.test(name) || name === "." || name === ".." || name.includes("\0")) {
    throw new UploadError(
      "name",
      `"${printable(fileName)}" is a path, not a file name; send the file itself with a plain name such as notes.md.`,
    );
  }
  if (name.startsWith(".")) {
    throw new UploadError(
      "name",
      `"${printable(fileName)}" is a hidden file name (it starts with a dot); rename it, e.g. notes.md.`,
    );
  }
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : "";
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UploadError(
      "type",
      `"${printable(fileName)}" is not a document citebot reads; only .md, .txt, .pdf, .docx and .html files can be added. Convert it to one of those first.`,
    );
  }
  let stem = name
    .slice(0, dot)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_NAME_CHARS)
    .replace(/-+$/, "");
  if (!stem) stem = "document";
  if (RESERVED.test(stem)) stem = `${stem}-document`;
  return `${stem}${ext}`;
}

/** A file name as it can be shown in a message: no control characters, bounded length. */
export function printable(name: string): string {
  const clean = name.replace(/\p{Cc}/gu, "?");
  return clean.length <= 100 ? clean : `${clean.slice(0, 99)}…`;
}
