/**
 * @module
 * Publishes the command menu with setMyCommands: questions for everyone, moderator commands only in
 * the administrators' scope (group admins) and in the private chats of `TELEGRAM_ADMIN_IDS`. The
 * everyone menus are published once per language, so a Hindi-speaking user sees them in Hindi.
 */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { AppLogger } from "../../logger.ts";
import { LOCALES, type Locale, message } from "../../service/messages.ts";

/** Commands everyone sees in groups, described in `locale`. */
export function groupCommands(locale: Locale = "en"): BotCommand[] {
  return [
    { command: "ask", description: message(locale, "cmd_ask") },
    { command: "sources", description: message(locale, "cmd_sources") },
    { command: "help", description: message(locale, "cmd_help") },
  ];
}

/** Commands everyone sees in a private chat (any text there is a question), described in `locale`. */
export function privateCommands(locale: Locale = "en"): BotCommand[] {
  return [
    { command: "help", description: message(locale, "cmd_help") },
    { command: "sources", description: message(locale, "cmd_sources") },
  ];
}

const GROUP_COMMANDS = groupCommands();
const PRIVATE_COMMANDS = privateCommands();

/** Commands only moderators see. */
export const MODERATOR_COMMANDS: BotCommand[] = [
  { command: "add", description: "Add a document: a file captioned /add, or /add https://… (moderators)" },
  { command: "refresh", description: "Re-fetch the web pages added by address (moderators)" },
  { command: "remove", description: "Remove a document: /remove file-name.md (moderators)" },
  { command: "library", description: "/library base on|off: include the bot's own documents (moderators)" },
  { command: "reindex", description: "Re-read the documents folder; /reindex dry to preview (moderators)" },
  { command: "rollback", description: "Restore the previous index (moderators)" },
  { command: "stats", description: "Usage: questions, feedback, gaps (moderators)" },
];

/**
 * Sets every scope's menu. Failures are logged, never fatal: the bot works without a menu.
 *
 * @example
 * ```ts
 * await publishCommands(bot.api, settings.adminIds, logger);
 * ```
 */
export async function publishCommands(
  api: Api,
  adminIds: readonly number[],
  logger: AppLogger,
): Promise<void> {
  const scopes: Array<[string, BotCommand[], Parameters<Api["setMyCommands"]>[1]]> = [
    ["default", GROUP_COMMANDS, undefined],
    ["all_private_chats", PRIVATE_COMMANDS, { scope: { type: "all_private_chats" } }],
    [
      "all_chat_administrators",
      [...GROUP_COMMANDS, ...MODERATOR_COMMANDS],
      { scope: { type: "all_chat_administrators" } },
    ],
    ...adminIds.map(
      (id) =>
        [
          `chat:${id}`,
          [...PRIVATE_COMMANDS, ...MODERATOR_COMMANDS],
          { scope: { type: "chat" as const, chat_id: id } },
        ] as [string, BotCommand[], Parameters<Api["setMyCommands"]>[1]],
    ),
  ];
  // English is the default for every language; the others get their own everyone menus on top.
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    scopes.push(
      [`default/${locale}`, groupCommands(locale), { language_code: locale }],
      [
        `all_private_chats/${locale}`,
        privateCommands(locale),
        { scope: { type: "all_private_chats" }, language_code: locale },
      ],
    );
  }
  for (const [name, commands, other] of scopes) {
    try {
      await api.setMyCommands(commands, other);
    } catch (err) {
      // Typical for an admin id that never opened a chat with the bot: "chat not found".
      logger.warn({ err, scope: name }, "could not publish the Telegram command menu for this scope");
    }
  }
}
