/**
 * @module
 * The webhook's request body, read with a ceiling. grammY's "http" adapter buffers whatever arrives,
 * so anyone who can reach the port could make the bot hold a body of any size in memory; this
 * adapter refuses a body over {@link WEBHOOK_MAX_BYTES} as soon as that many bytes have arrived.
 */
import type http from "node:http";
import type { Update } from "grammy/types";

/**
 * The largest body accepted, in bytes. Telegram's updates are a few kilobytes (a message is at
 * most 4096 characters; files arrive as ids, not bytes), so this leaves a wide margin.
 */
export const WEBHOOK_MAX_BYTES = 1_000_000;

/** A webhook request whose body is larger than {@link WEBHOOK_MAX_BYTES}; answered with 413. */
export class WebhookBodyTooLargeError extends Error {
  override name = "WebhookBodyTooLargeError";
  constructor(maxBytes: number) {
    super(
      `citebot: refused a webhook request with a body over ${maxBytes} bytes. Telegram's updates are ` +
        "far smaller, so this did not come from Telegram; nothing needs fixing unless it keeps happening " +
        "(then restrict who can reach the webhook port).",
    );
  }
}

/** Whether the request's Content-Length already says its body is too large. */
export function declaresTooLarge(req: http.IncomingMessage, maxBytes = WEBHOOK_MAX_BYTES): boolean {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared > maxBytes;
}

/**
 * A grammY framework adapter for node:http, like grammY's own "http" one except that the body is
 * counted while it streams in (chunked bodies have no Content-Length) and refused past `maxBytes`.
 * The body is only read after grammY has checked the secret token.
 *
 * @example
 * ```ts
 * const callback = webhookCallback(bot, boundedHttpAdapter(WEBHOOK_MAX_BYTES), { secretToken });
 * ```
 */
export function boundedHttpAdapter(maxBytes = WEBHOOK_MAX_BYTES) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const secret = req.headers["x-telegram-bot-api-secret-token"];
    return {
      get update(): Promise<Update> {
        return readJson(req, maxBytes) as Promise<Update>;
      },
      header: Array.isArray(secret) ? secret[0] : secret,
      end: () => void res.end(),
      respond: (json: string) => void res.writeHead(200, { "content-type": "application/json" }).end(json),
      unauthorized: () => void res.writeHead(401).end("secret token is wrong"),
      // node:http answers through `res`; nothing to hand back (this also types the callback as Promise<void>).
      handlerReturn: undefined,
    };
  };
}

function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Keep draining into nothing, so the 413 can be read by the client before the connection closes.
      req.off("data", onData);
      chunks.length = 0;
      reject(new WebhookBodyTooLargeError(maxBytes));
    };
    req.on("data", onData);
    req.once("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (err) {
        reject(err);
      }
    });
    req.once("error", reject);
  });
}
