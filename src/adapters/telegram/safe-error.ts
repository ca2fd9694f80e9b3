/**
 * @module
 * Makes errors safe to log. grammY's `HttpError` keeps the underlying fetch error, whose message
 * holds the request URL, and Bot API URLs contain the bot token (`/bot<token>/getMe`). The logger
 * scrubs only the top-level message, so nested errors are flattened and scrubbed here.
 */
import { scrubSecrets } from "../../logger.ts";

/**
 * A plain, token-free copy of an error (and its nested `error`/`cause`), for `logger.x({ err })`.
 *
 * @example
 * ```ts
 * logger.warn({ err: safeError(err) }, "fetching updates failed");
 * ```
 */
export function safeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === "string" ? scrubSecrets(err) : err;
  const e = err as Error & { error?: unknown; code?: unknown; error_code?: unknown; description?: unknown };
  const out: Record<string, unknown> = {
    type: e.name,
    message: scrubSecrets(e.message),
    stack: e.stack === undefined ? undefined : scrubSecrets(e.stack),
  };
  if (e.code !== undefined) out.code = e.code;
  if (e.error_code !== undefined) out.error_code = e.error_code;
  if (typeof e.description === "string") out.description = scrubSecrets(e.description);
  if (depth < 3) {
    if (e.error !== undefined) out.error = safeError(e.error, depth + 1);
    if (e.cause !== undefined) out.cause = safeError(e.cause, depth + 1);
  }
  return out;
}
