/**
 * @module
 * Webhook mode for replicas behind a load balancer: a node:http server hands Telegram's POSTs to
 * grammY's `webhookCallback`, which checks the secret token header on every request. Bodies over
 * {@link WEBHOOK_MAX_BYTES} are refused with 413 before they are parsed (webhook-body.ts).
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { AppLogger } from "../../logger.ts";
import { ALLOWED_UPDATES } from "./bot.ts";
import type { TelegramSettings } from "./deps.ts";
import { TelegramWebhookError } from "./errors.ts";
import { isUpdateElsewhere } from "./once-per-update.ts";
import {
  boundedHttpAdapter,
  declaresTooLarge,
  WEBHOOK_MAX_BYTES,
  WebhookBodyTooLargeError,
} from "./webhook-body.ts";

/** A running webhook server. */
export interface WebhookServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * The secret Telegram must send back: the configured one, else one derived from the token so that
 * every replica agrees on it without configuration (and it reveals nothing about the token).
 */
export function webhookSecret(settings: TelegramSettings): string {
  return (
    settings.webhook?.secret ?? createHash("sha256").update(`citebot-webhook:${settings.token}`).digest("hex")
  );
}

/**
 * Listens for updates and registers the webhook with Telegram.
 *
 * @example
 * ```ts
 * const server = await startWebhook(bot, settings, logger, "0.0.0.0");
 * ```
 */
export async function startWebhook(
  bot: Bot,
  settings: TelegramSettings,
  logger: AppLogger,
  host?: string,
): Promise<WebhookServer> {
  const webhook = settings.webhook;
  if (!webhook) throw new Error("citebot: startWebhook needs settings.webhook (TELEGRAM_WEBHOOK_URL)");
  const secret = webhookSecret(settings);
  const path = new URL(webhook.url).pathname || "/";
  // "return": answer 200 after 9 s even if a slow handler (a reindex) is still running, so Telegram
  // does not deliver the same update again.
  const callback = webhookCallback(bot, boundedHttpAdapter(WEBHOOK_MAX_BYTES), {
    secretToken: secret,
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  const inFlight = new Set<Promise<unknown>>();
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || new URL(req.url ?? "/", "http://localhost").pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    const tooLarge = () => {
      logger.warn({ maxBytes: WEBHOOK_MAX_BYTES }, "refused a webhook request: body too large");
      // close: the rest of the body is not wanted, and the connection should not carry another request.
      if (!res.headersSent) res.writeHead(413, { connection: "close" }).end("request body too large");
    };
    // Refused before a byte of the body is read; a chunked body is counted as it arrives instead.
    if (declaresTooLarge(req, WEBHOOK_MAX_BYTES)) return tooLarge();
    const task = callback(req, res).catch((err: unknown) => {
      if (err instanceof WebhookBodyTooLargeError) return tooLarge();
      if (isUpdateElsewhere(err)) {
        // Another replica is answering it; if that one dies before replying, this redelivery answers.
        if (!res.headersSent) res.writeHead(503, { "retry-after": "1" }).end();
        return;
      }
      logger.warn({ err }, "bad webhook request");
      if (!res.headersSent) res.writeHead(400).end();
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });
  server.listen(webhook.port, host);
  try {
    await Promise.race([once(server, "listening"), once(server, "error").then(([e]) => Promise.reject(e))]);
  } catch (err) {
    throw new TelegramWebhookError(webhook.port, { cause: err });
  }
  const port = (server.address() as AddressInfo).port;
  await bot.api.setWebhook(webhook.url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  logger.info({ port, path }, "telegram webhook listening");
  return {
    port,
    async stop() {
      const closed = new Promise((r) => server.close(r));
      server.closeIdleConnections();
      // Handlers already running finish their replies; the timeout keeps shutdown bounded.
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((r) => setTimeout(r, 30_000).unref()),
      ]);
      server.closeAllConnections();
      await closed;
      logger.info("telegram webhook stopped");
    },
  };
}
