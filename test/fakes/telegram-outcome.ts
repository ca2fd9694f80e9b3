/**
 * @module
 * What the bot finally says after a message: its reply, or, when the reply is a status line
 * ("Adding…"), the edit that replaces it with the result.
 */
import type { FakeCall, FakeTelegram } from "./telegram-bot-api.ts";

/**
 * Sends something in `chatId` with `send` and resolves the bot's final text there.
 *
 * @example
 * ```ts
 * const text = await finalReply(fake, group.id, () => fake.message(admin, "/reindex", group));
 * ```
 */
export async function finalReply(fake: FakeTelegram, chatId: number, send: () => void): Promise<string> {
  const text = (call: FakeCall) => call.result.text as string;
  const before = fake.sent(chatId).length;
  send();
  const reply = await fake.waitFor(() => fake.sent(chatId)[before]);
  if (!text(reply).endsWith("…")) return text(reply);
  const edit = await fake.waitForCall(
    (c) =>
      c.method === "editMessageText" &&
      c.ok &&
      c.payload.chat_id === chatId &&
      c.payload.message_id === reply.result.message_id,
  );
  return text(edit);
}
