/**
 * @module
 * Why a web page could not be added or refreshed, in words a moderator can act on.
 */

/** What went wrong; adapters and reports can branch on it without parsing the message. */
export type WebErrorCode =
  | "url"
  | "address"
  | "redirects"
  | "timeout"
  | "size"
  | "type"
  | "status"
  | "network"
  | "unreadable";

/**
 * A page that was not fetched or could not be read. The message names the address and the fix.
 *
 * @example
 * ```ts
 * try { await addUrl(deps, url); }
 * catch (err) { if (err instanceof WebSourceError) return reply(err.message); throw err; }
 * ```
 */
export class WebSourceError extends Error {
  override name = "WebSourceError";
  constructor(
    readonly code: WebErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
