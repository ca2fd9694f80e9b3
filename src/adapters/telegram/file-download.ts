/**
 * @module
 * Downloads a file a user sent, the documented way: `getFile`, then a plain GET of
 * `<apiRoot>/file/bot<token>/<file_path>`, read as a stream and cut off past the byte limit, so a
 * file whose announced size lies can't fill memory. The URL holds the token: it is never logged
 * and never put in an error message.
 */
import { type Api, GrammyError } from "grammy";
import { formatBytes, UploadError } from "../../moderation/upload-error.ts";
import { TELEGRAM_LIMITS } from "./limits.ts";

/** How long one download may take before it is abandoned. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Telegram (or the network) failed to hand over the file; the message says what to do. */
export class TelegramDownloadError extends Error {
  override name = "TelegramDownloadError";
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      `Could not download the file from Telegram (${reason}). Please send it again in a moment.`,
      options,
    );
  }
}

/** Where files are fetched from: the same api root and token the bot uses. */
export interface FileSource {
  api: Api;
  token: string;
  /** Bot API root without a trailing slash; default Telegram's own. */
  apiRoot?: string;
}

/**
 * Refuses a file Telegram will not let bots download, before asking for it.
 *
 * @throws {UploadError} `size`, saying to split the document.
 */
export function checkDownloadable(fileName: string, size: number | undefined): void {
  if ((size ?? 0) > TELEGRAM_LIMITS.fileDownload) throw tooBigForTelegram(fileName, size);
}

const tooBigForTelegram = (fileName: string, size?: number) =>
  new UploadError(
    "size",
    `"${fileName}" is ${size ? formatBytes(size) : "too big"}; Telegram lets bots download at most ${formatBytes(TELEGRAM_LIMITS.fileDownload)}. Split it into smaller documents.`,
  );

/**
 * Fetches a file's bytes, at most `maxBytes` (and never more than Telegram's download limit).
 *
 * @throws {UploadError} `size` when the file turns out larger; {@link TelegramDownloadError} otherwise.
 * @example
 * ```ts
 * const bytes = await downloadFile({ api: ctx.api, token, apiRoot }, doc.file_id, doc.file_name, 1_000_000);
 * ```
 */
export async function downloadFile(
  source: FileSource,
  fileId: string,
  fileName: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const limit = Math.min(maxBytes, TELEGRAM_LIMITS.fileDownload);
  const tooBig = () =>
    new UploadError(
      "size",
      `"${fileName}" is larger than the limit of ${formatBytes(limit)}. Split it into smaller documents.`,
    );
  const file = await source.api.getFile(fileId).catch((err: unknown) => {
    // A file without an announced size can still be over Telegram's limit: it says so here.
    if (err instanceof GrammyError && /too big/i.test(err.description)) throw tooBigForTelegram(fileName);
    if (err instanceof GrammyError) throw new TelegramDownloadError(err.description, { cause: err });
    throw err;
  });
  if ((file.file_size ?? 0) > limit) throw tooBig();
  if (!file.file_path) throw new TelegramDownloadError("Telegram gave no file path");
  const root = (source.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  const path = file.file_path.split("/").map(encodeURIComponent).join("/");
  let response: Response;
  try {
    response = await fetch(`${root}/file/bot${source.token}/${path}`, {
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new TelegramDownloadError("the connection failed", { cause });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new TelegramDownloadError(`HTTP ${response.status}`);
  }
  return readAtMost(response.body, limit, tooBig);
}

/** Reads a stream into one buffer, cancelling it as soon as it passes `limit` bytes. */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
  tooBig: () => Error,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // Ends when the stream does; past the limit we stop reading at once.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw tooBig();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof UploadError) throw err;
    throw new TelegramDownloadError("the download was interrupted", { cause: err });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
