/**
 * @module
 * Structured logs (pino, JSON) to stderr, so stdout stays clean for `ask --json`. Secrets are
 * redacted by key, and bot tokens are scrubbed from any string that reaches the log.
 */
import { pino } from "pino";

/** The application logger type; the core only sees its {@link import("./core/types.ts").Logger} subset. */
export type AppLogger = pino.Logger;

const TOKEN_PATTERNS = [
  // Telegram: 123456789:AA... (also inside Bot API URLs, /bot<token>/method)
  /\d{5,}:[A-Za-z0-9_-]{30,}/g,
  // Discord: three base64url parts separated by dots
  /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g,
];

/** Replaces anything that looks like a bot token with `[redacted]`. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const re of TOKEN_PATTERNS) out = out.replace(re, "[redacted]");
  return out;
}

/** A copy of a serialised value with {@link scrubSecrets} applied to every string in it. */
function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === "string") return scrubSecrets(value) as T;
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)])) as T;
}

/**
 * Creates the stderr JSON logger.
 *
 * @example
 * ```ts
 * const logger = createLogger("info");
 * logger.info({ documents: 5 }, "index ready");
 * ```
 */
export function createLogger(
  level: string = "info",
  destination: pino.DestinationStream = pino.destination(2),
) {
  return pino(
    {
      level,
      base: { app: "citebot" },
      redact: {
        paths: ["token", "*.token", "config.telegram.token", "config.discord.token", "headers.authorization"],
        censor: "[redacted]",
      },
      hooks: {
        // Error messages from HTTP clients can embed the request URL, which for Telegram holds the token.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: {
        // Every string in the error, nested causes included: a failed fetch hides the request URL,
        // and with it the Telegram token, in an inner error's message.
        err: (err: unknown) => scrubDeep(pino.stdSerializers.err(err as Error)),
      },
    },
    destination,
  );
}
