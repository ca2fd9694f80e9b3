import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramHandle } from "../../../src/adapters/telegram/index.ts";
import { Library } from "../../../src/core/library.ts";
import { createLogger } from "../../../src/logger.ts";
import { spyOnLibrary } from "../../fakes/library-spy.ts";
import { FAKE_BOT, type FakeCall, FakeTelegram } from "../../fakes/telegram-bot-api.ts";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const ADMIN = 5001;
const GROUP = { id: -100_777, type: "supergroup" as const };

let fake: FakeTelegram;
let telegram: TelegramHandle;
let library: Library;
let dir: string;
let spy: ReturnType<typeof spyOnLibrary>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-telegram-"));
  // Small stand-ins for data/ (same file names and titles): editing a real article breaks no test.
  library = await Library.open({
    dataDir: path.join(import.meta.dirname, "../fixtures"),
    snapshotPath: path.join(dir, "index.json"),
  });
  spy = spyOnLibrary(library);
  fake = await new FakeTelegram().start();
  telegram = await startTelegram(
    { token: fake.token, apiRoot: fake.apiRoot, adminIds: [ADMIN] },
    {
      library: spy.library,
      logger,
      usage: spy.usage,
    },
  );
});

afterAll(async () => {
  await telegram?.stop();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Visible text of a sent message, as Telegram would show it. */
function shown(call: FakeCall): string {
  return call.result.text as string;
}

/** Sends a private message from `user` and waits for the bot's next reply in that chat. */
async function askPrivately(user: number, text: string): Promise<FakeCall> {
  const before = fake.sent(user).length;
  fake.message(user, text);
  return fake.waitFor(() => fake.sent(user)[before]);
}

/** Waits for the bot's reply to message `messageId` in the group. */
function replyTo(messageId: number, chatId = GROUP.id): Promise<FakeCall> {
  return fake.waitForCall(
    (c) =>
      c.method === "sendMessage" &&
      c.ok &&
      c.payload.chat_id === chatId &&
      c.payload.reply_parameters?.message_id === messageId,
  );
}

const buttons = (call: FakeCall) =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];

describe("asking in a private chat", () => {
  it("answers with a verbatim quote in a blockquote, a citation and the source list", async () => {
    const reply = await askPrivately(101, "does WhatsApp read my messages?");
    // Text with entities: Telegram parses no markup, so nothing in a document can break it.
    expect(reply.payload.parse_mode).toBeUndefined();
    const quote = (reply.payload.entities as { type: string; offset: number; length: number }[]).find((e) =>
      e.type.endsWith("blockquote"),
    );
    expect(shown(reply).slice(quote?.offset, (quote?.offset ?? 0) + (quote?.length ?? 0))).toMatch(
      /WhatsApp/,
    );
    expect(shown(reply)).toMatch(/\[1\]/);
    expect(shown(reply)).toContain("Sources");
    const first = (await library.ask("does WhatsApp read my messages?")).quotes[0]?.text ?? "";
    expect(shown(reply)).toContain(first);
    expect(buttons(reply).map((b) => b.text)).toEqual(["More sources", "👍", "👎"]);
    // Usage is recorded just after the reply is sent.
    await fake.waitFor(() => spy.questions.find((q) => q.user === "101"));
    expect(spy.questions.find((q) => q.user === "101")).toMatchObject({
      platform: "telegram",
      answered: true,
      user: "101",
    });
  });

  it("says plainly when the documents don't cover the question", async () => {
    const reply = await askPrivately(102, "what is a good pizza recipe with pineapple?");
    expect(shown(reply)).toContain("The documents don't cover this question.");
  });

  it("explains itself on /start and /help, listing the documents", async () => {
    const reply = await askPrivately(103, "/start");
    expect(shown(reply)).toContain("Just send me your question");
    expect(shown(reply)).toContain("Facebook Starts Taking User Data from WhatsApp");
  });

  it("lists the sources with title, publisher and date", async () => {
    const reply = await askPrivately(104, "/sources");
    expect(shown(reply)).toMatch(/I answer from these 5 documents/);
    for (const d of library.documents()) expect(shown(reply)).toContain(d.title);
  });

  it.each([
    ["a".repeat(4000), /4000 characters long/],
    ["what\u0007is this", /control characters/],
    ["\u0001\u0002\u0003\u0004\u0005\u0006binary", /control characters/],
    ["§§§§ ¤¤¤¤ 1234 5678 ####", /binary data or symbols/],
  ])("gives a clear reply to bad input %#", async (text, expected) => {
    const reply = await askPrivately(110, text);
    expect(shown(reply)).toMatch(expected);
  });

  it("treats <script> and & as text, not markup", async () => {
    const reply = await askPrivately(111, "<script>alert(1)</script> & <b>whatsapp</b> encryption?");
    expect(reply.ok).toBe(true);
    expect(reply.payload.parse_mode).toBeUndefined();
  });

  it("hints at /help for unknown commands and non-text messages", async () => {
    expect(shown(await askPrivately(112, "/frobnicate"))).toMatch(/don't know that command/);
    const before = fake.sent(112).length;
    fake.pushUpdate({
      message: {
        message_id: 9999,
        date: 0,
        chat: { id: 112, type: "private" },
        from: { id: 112, is_bot: false, first_name: "U" },
        sticker: { file_id: "x" },
      },
    });
    const reply = await fake.waitFor(() => fake.sent(112)[before]);
    expect(shown(reply)).toMatch(/only read text questions/);
  });
});

describe("buttons", () => {
  it("shows more sources, records feedback once, and treats a forgotten answer kindly", async () => {
    const answer = await askPrivately(120, "does WhatsApp read my messages?");
    const more = buttons(answer).find((b) => b.text === "More sources");
    expect(more).toBeDefined();
    const before = fake.sent(120).length;
    fake.callback(120, answer.result, more?.callback_data ?? "");
    const page = await fake.waitFor(() => fake.sent(120)[before]);
    expect(page.payload.reply_parameters?.message_id).toBe(answer.result.message_id);
    expect(shown(page)).not.toContain(
      (await library.ask("does WhatsApp read my messages?")).quotes[0]?.text ?? "-",
    );
    expect(shown(page)).toMatch(/\[\d\]/);

    const up = buttons(answer).find((b) => b.text === "👍")?.callback_data ?? "";
    fake.callback(120, answer.result, up);
    fake.callback(120, answer.result, up);
    fake.callback(120, answer.result, "m:gone1234:4");
    const toasts = await fake.waitFor(() => {
      const t = fake.calls.filter((c) => c.method === "answerCallbackQuery" && c.ok && c.payload.text);
      return t.length >= 3 && t.slice(-3);
    });
    expect(toasts.map((t) => t.payload.text)).toEqual([
      "Thanks, glad it helped!",
      "You already rated this answer. Thank you!",
      "I no longer remember that answer (I keep only recent ones). Please ask again.",
    ]);
    expect(spy.feedback).toHaveLength(1);
    expect(spy.feedback[0]).toMatchObject({
      platform: "telegram",
      vote: "up",
      question: "does WhatsApp read my messages?",
      user: "120",
    });
    expect(spy.feedback[0]?.sources.length).toBeGreaterThan(0);
  });
});

describe("groups", () => {
  it("stays silent on chatter and answers a mention, /ask and /ask@bot, threaded under the question", async () => {
    const chatter = fake.message(201, "anyone up for lunch? whatsapp me", GROUP);
    const mentionText = `@${FAKE_BOT.username} does WhatsApp read my messages?`;
    const mention = fake.message(202, mentionText, GROUP, {
      entities: [{ type: "mention", offset: 0, length: FAKE_BOT.username.length + 1 }],
    });
    const ask = fake.message(203, "/ask is Meta using my data for AI?", GROUP, {
      entities: [{ type: "bot_command", offset: 0, length: 4 }],
    });
    const askAt = fake.message(204, `/ask@${FAKE_BOT.username} what does X collect?`, GROUP, {
      entities: [{ type: "bot_command", offset: 0, length: 5 + FAKE_BOT.username.length }],
    });
    for (const m of [mention, ask, askAt]) {
      const reply = await replyTo(m.message.message_id);
      expect(shown(reply)).toMatch(/\[\d\]|don't cover/);
    }
    // Each chat is handled in order, so the chatter before them was seen and ignored.
    expect(
      fake.sent(GROUP.id).some((c) => c.payload.reply_parameters?.message_id === chatter.message.message_id),
    ).toBe(false);
  });

  it("introduces itself once when added to a group", async () => {
    const chat = { id: -100_900, type: "group" as const, title: "New group" };
    fake.newMessage(901, "hello", chat); // makes the chat known to the fake
    const member = (status: string) => ({ user: FAKE_BOT, status });
    fake.pushUpdate({
      my_chat_member: {
        chat,
        from: { id: 901, is_bot: false, first_name: "A" },
        date: 0,
        old_chat_member: member("left"),
        new_chat_member: member("member"),
      },
    });
    const intro = await fake.waitFor(() => fake.sent(chat.id)[0]);
    expect(shown(intro)).toContain("/ask your question");
    expect(shown(intro)).toContain(`@${FAKE_BOT.username}`);
  });

  it("answers a reply to one of its messages", async () => {
    const mention = fake.message(205, `@${FAKE_BOT.username} whatsapp encryption`, GROUP, {
      entities: [{ type: "mention", offset: 0, length: FAKE_BOT.username.length + 1 }],
    });
    const answer = await replyTo(mention.message.message_id);
    const followUp = fake.message(205, "and does Facebook take WhatsApp data?", GROUP, {
      reply_to_message: answer.result,
    });
    expect(shown(await replyTo(followUp.message.message_id))).toMatch(/\[\d\]/);
  });
});

describe("follow-ups", () => {
  it("serves 'more' from the stored ranking and reads 'and X?' against the last question", async () => {
    const question = "does WhatsApp read my messages?";
    const first = await askPrivately(140, question);
    const ranking = await library.ask(question, { limit: 12 });
    expect(shown(first)).toContain(ranking.quotes[0]?.text);
    const asks = spy.asked.length;
    const more = await askPrivately(140, "more");
    expect(shown(more)).toContain(ranking.quotes[4]?.text);
    expect(spy.asked.length).toBe(asks); // paging never ranks again
    await askPrivately(140, "and Facebook?");
    expect(spy.asked.at(-1)).toBe("does Facebook read my messages?");
  });

  it("treats a reply to its answer in a group as a follow-up", async () => {
    const ask = fake.message(206, "/ask does WhatsApp read my messages?", GROUP, {
      entities: [{ type: "bot_command", offset: 0, length: 4 }],
    });
    const answer = await replyTo(ask.message.message_id);
    const why = fake.message(206, "why?", GROUP, { reply_to_message: answer.result });
    await replyTo(why.message.message_id);
    expect(spy.asked.at(-1)).toBe("why does WhatsApp read my messages?");
  });
});

describe("a Hindi-speaking user", () => {
  it("gets the help text and the command menu in Hindi", async () => {
    const before = fake.sent(150).length;
    fake.message(150, "/help", undefined, {
      from: { id: 150, is_bot: false, first_name: "Asha", language_code: "hi" },
    });
    const help = await fake.waitFor(() => fake.sent(150)[before]);
    expect(shown(help)).toContain("मैं सवालों के जवाब तय दस्तावेज़ों के शब्दशः उद्धरणों से देता हूँ");
    expect(shown(help)).toContain("कैसे पूछें");
    const menu = fake.commands.get("all_private_chats/hi") as { description: string }[];
    expect(menu.map((c) => c.description)).toContain("मुझसे कैसे पूछें");
  });

  it("gets the refusal of a bad question in Hindi when typing Devanagari", async () => {
    const reply = await askPrivately(151, "क्या\u0007 है");
    expect(shown(reply)).toContain("नियंत्रण अक्षर");
  });
});

describe("inline mode", () => {
  it("offers the answer and the top passages as results", async () => {
    const q = fake.inlineQuery(301, "does whatsapp read my messages");
    const call = await fake.waitForCall(
      (c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === q.inline_query.id,
    );
    expect(call.ok).toBe(true);
    const results = call.payload.results as {
      title: string;
      input_message_content: { message_text: string };
    }[];
    expect(results[0]?.title).toMatch(/^Answer with \d quotes?$/);
    expect(results.length).toBeGreaterThan(1);
    expect(results[0]?.input_message_content.message_text).toContain("does whatsapp read my messages");
  });
});

describe("/reindex", () => {
  it("refuses a non-admin in a group without running anything, and runs for an admin and the creator", async () => {
    const before = spy.reindexRuns();
    const cmd = (user: number) =>
      fake.message(user, "/reindex", GROUP, { entities: [{ type: "bot_command", offset: 0, length: 8 }] });
    const refused = await replyTo(cmd(401).message.message_id);
    expect(shown(refused)).toBe("Sorry, only this group's administrators can use /reindex.");
    expect(spy.reindexRuns()).toBe(before);

    fake.members.set(`${GROUP.id}:402`, "administrator");
    fake.members.set(`${GROUP.id}:403`, "creator");
    for (const user of [402, 403]) {
      const status = await replyTo(cmd(user).message.message_id);
      const edit = await fake.waitForCall(
        (c) => c.method === "editMessageText" && c.ok && c.payload.message_id === status.result.message_id,
      );
      expect(edit.result.text).toMatch(/^Reindexed 5 documents, \d+ passages/);
    }
    expect(spy.reindexRuns()).toBe(before + 2);
  });

  it("runs for an anonymous administrator (who posts as the group), and two requests at once both complete", async () => {
    const before = spy.reindexRuns();
    const anonymous = fake.message(1087968824, "/reindex", GROUP, {
      sender_chat: { id: GROUP.id, type: "supergroup", title: "G" },
    });
    const otherGroup = { id: -100_778, type: "supergroup" as const };
    fake.members.set(`${otherGroup.id}:406`, "administrator");
    const other = fake.message(406, "/reindex", otherGroup);
    for (const [m, chatId] of [
      [anonymous, GROUP.id],
      [other, otherGroup.id],
    ] as const) {
      const status = await replyTo(m.message.message_id, chatId);
      const edit = await fake.waitForCall(
        (c) =>
          c.method === "editMessageText" &&
          c.payload.chat_id === chatId &&
          c.payload.message_id === status.result.message_id,
      );
      expect(edit.result.text).toMatch(/^Reindexed 5 documents/);
    }
    expect(spy.reindexRuns()).toBe(before + 2);
  });

  it("in private, runs only for TELEGRAM_ADMIN_IDS", async () => {
    const before = spy.reindexRuns();
    expect(shown(await askPrivately(404, "/reindex"))).toMatch(/add your user id 404 to TELEGRAM_ADMIN_IDS/);
    expect(spy.reindexRuns()).toBe(before);
    await askPrivately(ADMIN, "/reindex");
    await fake.waitForCall(
      (c) =>
        c.method === "editMessageText" && c.payload.chat_id === ADMIN && /Reindexed/.test(c.payload.text),
    );
    expect(spy.reindexRuns()).toBe(before + 1);
  });

  it("publishes the moderator command only in the administrators' scope", () => {
    const names = (scope: string) =>
      (fake.commands.get(scope) ?? []).map((c: { command: string }) => c.command);
    expect(names("default")).toEqual(["ask", "sources", "help"]);
    expect(names("all_private_chats")).not.toContain("reindex");
    expect(names("all_chat_administrators")).toContain("reindex");
  });
});

describe("resilience", () => {
  it("survives a 429 by waiting retry_after and still answers exactly once", async () => {
    fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const reply = await askPrivately(501, "does WhatsApp read my messages?");
    expect(shown(reply)).toMatch(/\[1\]/);
    expect(
      fake.calls.filter((c) => c.method === "sendMessage" && !c.ok && c.error?.error_code === 429),
    ).toHaveLength(1);
    // Updates of one chat are handled in order: once /help is answered, any duplicate would be in.
    await askPrivately(501, "/help");
    expect(fake.sent(501).filter((c) => /\[1\]/.test(shown(c)))).toHaveLength(1);
  });

  it("apologises when a handler fails and keeps answering", async () => {
    expect(shown(await askPrivately(503, "EXPLODE please"))).toMatch(/^Sorry, something went wrong/);
    expect(shown(await askPrivately(503, "does WhatsApp read my messages?"))).toMatch(/\[1\]/);
  });

  it("tells a flooding user to slow down and drops the excess", async () => {
    for (let i = 0; i < 15; i++) fake.message(504, `does WhatsApp read my messages? ${i}`);
    const slow = await fake.waitFor(() =>
      fake.sent(504).find((c) => /asking faster than I can answer/.test(shown(c))),
    );
    expect(slow).toBeDefined();
    // /help is not a question, so it is not limited; handled in order, it comes after the flood.
    await askPrivately(504, "/help");
    const answers = fake.sent(504).filter((c) => /\[1\]/.test(shown(c)));
    expect(answers).toHaveLength(6);
    expect(fake.sent(504).filter((c) => /asking faster/.test(shown(c)))).toHaveLength(1);
  });

  it("answers 200 questions from 20 chats in one burst, each exactly once and in order per chat", async () => {
    const topics = [
      "WhatsApp encryption",
      "Meta AI backlash",
      "X user data for AI",
      "Musk WhatsApp exports",
      "Facebook ads",
    ];
    const asked = new Map<number, number[]>();
    for (let round = 0; round < 10; round++) {
      for (let c = 0; c < 20; c++) {
        const chat = { id: -200_000 - c, type: "group" as const };
        const user = 10_000 + c * 100 + round; // a different member each time, as in a busy group
        const m = fake.message(user, `/ask ${topics[(c + round) % 5]} ${round}`, chat, {
          entities: [{ type: "bot_command", offset: 0, length: 4 }],
        });
        asked.set(chat.id, [...(asked.get(chat.id) ?? []), m.message.message_id]);
      }
    }
    const isBurstReply = (c: FakeCall) =>
      c.method === "sendMessage" && c.ok && c.payload.chat_id <= -200_000 && c.payload.chat_id > -200_020;
    await fake.waitFor(() => fake.calls.filter(isBurstReply).length >= 200, 60_000);
    // Each chat's updates are handled in order: once every chat's /sources is answered, nothing
    // of the burst is still on its way.
    const lists = [...asked.keys()].map((id) =>
      fake.message(
        9_999,
        "/sources",
        { id, type: "group" },
        { entities: [{ type: "bot_command", offset: 0, length: 8 }] },
      ),
    );
    await fake.waitFor(() =>
      lists.every((m) =>
        fake.calls.some(
          (c) =>
            c.method === "sendMessage" &&
            c.payload.chat_id === m.message.chat.id &&
            /I answer from these/.test(String(c.payload.text)),
        ),
      ),
    );
    for (const [chatId, ids] of asked) {
      const replies = fake.calls.filter(
        (c) =>
          isBurstReply(c) &&
          c.payload.chat_id === chatId &&
          !/I answer from these/.test(String(c.payload.text)),
      );
      expect(replies.map((c) => c.payload.reply_parameters?.message_id)).toEqual(ids);
    }
    expect([...fake.deliveries.values()].every((n) => n === 1)).toBe(true);
  }, 90_000);
});
