/**
 * @module
 * The one error moderation commands show to a moderator as is.
 */

/** Why an upload or removal was refused; adapters can branch on it without parsing the message. */
export type UploadErrorCode =
  | "name"
  | "type"
  | "size"
  | "binary"
  | "encoding"
  | "empty"
  | "unreadable"
  | "exists"
  | "missing"
  | "ambiguous"
  | "outside"
  | "io";

/**
 * A document upload or removal that was refused. The message is written for the moderator and
 * says how to fix it; show it verbatim. `cause` holds the underlying error for the log.
 *
 * @example
 * ```ts
 * try { validateUpload(name, bytes, { maxBytes }); }
 * catch (err) { if (err instanceof UploadError) return reply(err.message); throw err; }
 * ```
 */
export class UploadError extends Error {
  override name = "UploadError";
  readonly code: UploadErrorCode;

  constructor(code: UploadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Sizes as people read them: decimal units, as UPLOAD_MAX_BYTES is usually a round number. */
export function formatBytes(bytes: number): string {
  return formatSize(bytes);
}

/**
 * "3.2 MB; the limit is 1 MB": two sizes, in exact bytes when rounding would make them look equal
 * ("10 kB; the limit is 10 kB" would leave the moderator puzzled).
 */
export function tooLargeMessage(name: string, size: number, maxBytes: number): string {
  let [a, b] = [formatSize(size), formatSize(maxBytes)];
  if (a === b) [a, b] = [`${size} bytes`, `${maxBytes} bytes`];
  return `"${name}" is ${a}; the limit is ${b} (UPLOAD_MAX_BYTES). Split it into smaller documents or raise UPLOAD_MAX_BYTES.`;
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, "kB"] : [bytes / 1_000_000, "MB"];
  return `${Number(value.toFixed(1))} ${unit}`;
}
