/**
 * @module
 * Commands in a file's caption (`/add`, `/add@bot overwrite`). grammY's `command()` matches only
 * message text, so a document sent with the caption `/add` needs this small parser.
 */
import type { Message, UserFromGetMe } from "grammy/types";

/**
 * The text after `/<command>` (or `/<command>@<this bot>`) at the start of a caption, trimmed;
 * `undefined` when the caption does not start with that command, or names another bot.
 *
 * @example
 * ```ts
 * captionCommand({ caption: "/add@cite_bot overwrite" } as Message, me, "add"); // "overwrite"
 * ```
 */
export function captionCommand(msg: Message, me: UserFromGetMe, command: string): string | undefined {
  const caption = msg.caption ?? "";
  const m = /^\/([a-z0-9_]+)(?:@(\w+))?(?:\s+([\s\S]*))?$/i.exec(caption.trim());
  if (!m || m[1]?.toLowerCase() !== command) return undefined;
  if (m[2] && m[2].toLowerCase() !== me.username.toLowerCase()) return undefined;
  return (m[3] ?? "").trim();
}
