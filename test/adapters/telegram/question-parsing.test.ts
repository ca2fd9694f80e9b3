import type { Message, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { answerKeyboard, parseButton } from "../../../src/adapters/telegram/callback-data.ts";
import { groupQuestion } from "../../../src/adapters/telegram/group-question.ts";

describe("groupQuestion", () => {
  const me = { id: 42, is_bot: true, first_name: "Cite", username: "cite_bot" } as UserFromGetMe;
  const msg = (text: string, extra: Partial<Message> = {}) =>
    ({ message_id: 1, date: 0, chat: { id: -1, type: "group", title: "g" }, text, ...extra }) as Message;

  it("ignores ordinary chatter", () => {
    expect(groupQuestion(msg("lunch at noon?"), me)).toBeUndefined();
  });

  it("takes the question out of a mention, wherever it is", () => {
    const m = msg("@Cite_Bot does whatsapp read my messages?", {
      entities: [{ type: "mention", offset: 0, length: 9 }],
    });
    expect(groupQuestion(m, me)).toBe("does whatsapp read my messages?");
    const end = msg("is X safe @cite_bot", { entities: [{ type: "mention", offset: 10, length: 9 }] });
    expect(groupQuestion(end, me)).toBe("is X safe");
  });

  it("ignores mentions of someone else", () => {
    const m = msg("@other_bot hi", { entities: [{ type: "mention", offset: 0, length: 10 }] });
    expect(groupQuestion(m, me)).toBeUndefined();
  });

  it("treats a reply to the bot as a question", () => {
    const m = msg("and what about Meta?", { reply_to_message: msg("x", { from: me }) as never });
    expect(groupQuestion(m, me)).toBe("and what about Meta?");
  });

  it("leaves commands to their handlers", () => {
    const m = msg("/ask@cite_bot hi", { entities: [{ type: "bot_command", offset: 0, length: 13 }] });
    expect(groupQuestion(m, me)).toBeUndefined();
  });
});

describe("answer buttons", () => {
  it("keeps callback data within 64 bytes and parses it back", () => {
    const id = "Ab3_-9xYz012";
    const buttons = answerKeyboard(id, 123456).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["More sources", "👍", "👎"]);
    for (const b of buttons) {
      const data = (b as { callback_data: string }).callback_data;
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseButton(data)?.id).toBe(id);
    }
    expect(parseButton(`m:${id}:123456`)).toEqual({ kind: "more", id, offset: 123456 });
    expect(parseButton("v:abc:x")).toBeUndefined();
    expect(parseButton("anything else")).toBeUndefined();
  });
});
