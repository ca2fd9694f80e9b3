/**
 * @module
 * The buttons under an answer and their callback data, always far below Telegram's 64-byte limit:
 * `m:<id>:<offset>` for "More sources", `v:<id>:u|d` for feedback. Anything else parses to undefined.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { TELEGRAM_LIMITS } from "./limits.ts";

/** A parsed button press. */
export type ButtonAction =
  | { kind: "more"; id: string; offset: number }
  | { kind: "vote"; id: string; vote: "up" | "down" };

const ID = "[A-Za-z0-9_-]{1,16}";
const MORE = new RegExp(`^m:(${ID}):(\\d{1,6})$`);
const VOTE = new RegExp(`^v:(${ID}):([ud])$`);

/**
 * Parses callback data written by {@link answerKeyboard}.
 *
 * @example
 * ```ts
 * parseButton("m:abc:4"); // { kind: "more", id: "abc", offset: 4 }
 * ```
 */
export function parseButton(data: string | undefined): ButtonAction | undefined {
  if (!data) return undefined;
  const more = MORE.exec(data);
  if (more) return { kind: "more", id: more[1] as string, offset: Number(more[2]) };
  const vote = VOTE.exec(data);
  if (vote) return { kind: "vote", id: vote[1] as string, vote: vote[2] === "u" ? "up" : "down" };
  return undefined;
}

/**
 * The inline keyboard under an answer: "More sources" when more quotes exist at `nextOffset`,
 * and 👍 / 👎.
 *
 * @example
 * ```ts
 * await ctx.reply(message.text, { entities: message.entities, reply_markup: answerKeyboard(id, 4) });
 * ```
 */
export function answerKeyboard(
  id: string,
  nextOffset?: number,
  moreLabel = "More sources",
): InlineKeyboardMarkup {
  const row: InlineKeyboardButton[] = [];
  if (nextOffset !== undefined) row.push({ text: moreLabel, callback_data: `m:${id}:${nextOffset}` });
  row.push({ text: "👍", callback_data: `v:${id}:u` }, { text: "👎", callback_data: `v:${id}:d` });
  for (const b of row) {
    // A programming error, not user input: ids are 8 characters. Fail loudly in tests.
    if ("callback_data" in b && Buffer.byteLength(b.callback_data) > TELEGRAM_LIMITS.callbackData) {
      throw new Error(
        `citebot: callback data over ${TELEGRAM_LIMITS.callbackData} bytes: ${b.callback_data}`,
      );
    }
  }
  return { inline_keyboard: [row] };
}
