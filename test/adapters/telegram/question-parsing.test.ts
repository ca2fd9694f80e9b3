import type { Message, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { AnswerStore } from "../../../src/adapters/telegram/answer-store.ts";
import { answerKeyboard, parseButton } from "../../../src/adapters/telegram/callback-data.ts";
import { groupQuestion } from "../../../src/adapters/telegram/group-question.ts";
import { checkQuestion } from "../../../src/adapters/telegram/question-input.ts";

describe("checkQuestion", () => {
  it("accepts a question, trimmed", () => {
    expect(checkQuestion("  does WhatsApp read my messages?\n")).toEqual({
      ok: true,
      question: "does WhatsApp read my messages?",
    });
  });

  it("accepts <script> and & as ordinary text (they are escaped when shown)", () => {
    expect(checkQuestion("<script>alert(1)</script> & co?").ok).toBe(true);
  });

  it.each([
    ["", /type a question/],
    ["   ", /type a question/],
    ["a".repeat(4000), /4000 characters long/],
    ["what\u0000is\u0007this", /control characters/],
    ["\u0001\u0002binary\uFFFD", /control characters/],
    ["%$#@!^&*()_+=-0987654321{}[]", /binary data or symbols/],
    ["???", /binary data or symbols/],
  ])("gives a clear reply for %j", (input, reply) => {
    const check = checkQuestion(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reply).toMatch(reply);
  });
});

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
    const store = new AnswerStore(10);
    const id = store.put({ question: "q".repeat(500), files: [], voters: new Set(), expanded: new Set() });
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

  it("forgets the oldest answers beyond its capacity", () => {
    const store = new AnswerStore(3);
    const ids = Array.from({ length: 5 }, (_, i) =>
      store.put({ question: `q${i}`, files: [], voters: new Set(), expanded: new Set() }),
    );
    expect(store.size).toBe(3);
    expect(store.get(ids[0] as string)).toBeUndefined();
    expect(store.get(ids[4] as string)?.question).toBe("q4");
  });
});
