/**
 * @module
 * Downloads a file a moderator attached to `/docs add`: a plain GET of the attachment's CDN URL,
 * read as a stream and abandoned as soon as more bytes arrive than Discord announced (or than
 * the upload limit allows), so a lying size can't fill memory.
 */
import { formatBytes, UploadError } from "../../moderation/upload-error.ts";

/** How long one download may take before it is abandoned. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Discord's CDN (or the network) failed to hand over the file; the message says what to do. */
export class DiscordDownloadError extends Error {
  override name = "DiscordDownloadError";
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Could not download the attachment from Discord (${reason}). Please try /docs add again.`, options);
  }
}

/**
 * Fetches an attachment's bytes: at most `announcedSize` and never more than `maxBytes`.
 *
 * @throws {UploadError} `size` when more bytes arrive than allowed; {@link DiscordDownloadError} otherwise.
 * @example
 * ```ts
 * const bytes = await downloadAttachment(attachment.url, attachment.name, attachment.size, moderation.maxBytes);
 * ```
 */
export async function downloadAttachment(
  url: string,
  fileName: string,
  announcedSize: number,
  maxBytes: number,
): Promise<Uint8Array> {
  const limit = Math.min(announcedSize, maxBytes);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DOWNLOAD_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (cause) {
      throw new DiscordDownloadError("the connection failed", { cause });
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw new DiscordDownloadError(`HTTP ${response.status}`);
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body) {
        received += chunk.byteLength;
        if (received > limit) {
          controller.abort();
          throw new UploadError(
            "size",
            `"${fileName}" sent more than the ${formatBytes(limit)} Discord announced${limit === maxBytes ? " (the upload limit, UPLOAD_MAX_BYTES)" : ""}; send the file again.`,
          );
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof UploadError) throw err;
      throw new DiscordDownloadError("the download was interrupted", { cause: err });
    }
    return Buffer.concat(chunks);
  } finally {
    clearTimeout(timer);
  }
}
