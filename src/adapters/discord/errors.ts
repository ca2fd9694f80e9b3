/**
 * @module
 * Named startup errors, each with the fix in its message. Tokens never appear in them.
 */
import { scrubSecrets } from "../../logger.ts";

/** Discord refused the bot token (HTTP 401 or gateway close 4004). */
export class DiscordTokenError extends Error {
  override name = "DiscordTokenError";
  constructor(options?: { cause?: unknown }) {
    super(
      "citebot: Discord rejected DISCORD_TOKEN (401 Unauthorized). Copy the bot token from the Developer Portal " +
        "(your application → Bot → Reset Token) into DISCORD_TOKEN in .env; it is not the application id or client secret.",
      options,
    );
  }
}

/** Discord refused a privileged intent the settings asked for (gateway close 4014). */
export class DiscordIntentsError extends Error {
  override name = "DiscordIntentsError";
  constructor(options?: { cause?: unknown }) {
    super(
      "citebot: Discord refused the Message Content intent. Turn on Developer Portal → your application → Bot → " +
        "Privileged Gateway Intents → Message Content Intent, or set DISCORD_MESSAGE_CONTENT=false.",
      options,
    );
  }
}

/** Any other failure to connect to Discord at startup. */
export class DiscordStartError extends Error {
  override name = "DiscordStartError";
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `citebot: could not connect to Discord: ${scrubSecrets(reason)}. Check the network, DISCORD_API_URL if set, ` +
        "and https://discordstatus.com.",
      { cause },
    );
  }
}

/**
 * Maps what `client.login` threw to one of the named errors above.
 *
 * @example
 * ```ts
 * await client.login(token).catch((err) => { throw toStartError(err); });
 * ```
 */
export function toStartError(err: unknown): Error {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : "";
  if (code === "TokenInvalid" || /Authentication failed/i.test(message))
    return new DiscordTokenError({ cause: err });
  if (/disallowed intents/i.test(message)) return new DiscordIntentsError({ cause: err });
  return new DiscordStartError(err);
}
