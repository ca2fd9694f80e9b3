import { describe, expect, it } from "vitest";
import type { FeedbackEvent, QuestionEvent } from "../../src/core/types.ts";
import { type Asker, type ChatReply, ChatService } from "../../src/service/chat-service.ts";
import { fakeLibrary } from "./fake-library.ts";

const alice: Asker = { platform: "telegram", user: "1", chat: "1" };

function setup(options: Partial<ConstructorParameters<typeof ChatService>[0]> = {}) {
  const library = fakeLibrary();
  const questions: QuestionEvent[] = [];
  const feedback: FeedbackEvent[] = [];
  const usage = {
    recordQuestion: (e: QuestionEvent) => questions.push(e),
    recordFeedback: (e: FeedbackEvent) => feedback.push(e),
  };
  return { library, questions, feedback, service: new ChatService({ library, usage, ...options }) };
}

const page = (reply: ChatReply) => {
  if (reply.kind !== "page") throw new Error(`expected a page, got ${JSON.stringify(reply)}`);
  return reply.page;
};

describe("ChatService.ask", () => {
  it("ranks once and serves the first page with hasMore, recording the question", async () => {
    const { service, library, questions } = setup();
    const first = page(await service.ask(alice, "does whatsapp read my messages?"));
    expect(first.answer.quotes.map((q) => q.text)).toEqual(["wa one", "wa two", "wa three", "wa four"]);
    expect(first.hasMore).toBe(true);
    expect(first.answer.sources.map((s) => s.file)).toEqual(["a.md"]);
    const second = page(await service.more(alice, first.id, 4));
    expect(second.answer.quotes.map((q) => q.text)).toEqual(["wa five", "wa six"]);
    expect(second.hasMore).toBe(false);
    // "six" cites the second document under the number it has in the whole ranking
    expect(second.answer.quotes[1]?.source).toBe(2);
    expect(second.answer.sources.map((s) => [s.n, s.file])).toEqual([
      [1, "a.md"],
      [2, "b.md"],
    ]);
    expect(library.asked).toHaveLength(1);
    expect(questions).toEqual([
      expect.objectContaining({ question: "does whatsapp read my messages?", answered: true }),
    ]);
  });

  it("refuses bad input with the same reason on every platform", async () => {
    const { service, library } = setup();
    for (const platform of ["telegram", "discord"] as const) {
      const reply = await service.ask({ platform, user: "9", chat: "9" }, "a".repeat(501));
      expect(reply).toMatchObject({ kind: "notice", reason: "too_long" });
      if (reply.kind === "notice") expect(reply.text).toContain("under 500 characters");
    }
    expect(library.asked).toHaveLength(0);
  });

  it("answers a Devanagari question's refusal in Hindi", async () => {
    const { service } = setup();
    const reply = await service.ask(alice, "क्या \u0007");
    expect(reply).toMatchObject({ locale: "hi", kind: "notice", reason: "control" });
  });

  it("limits each user, telling them once, then staying quiet", async () => {
    const { service } = setup({ rates: { user: { limit: 2, windowMs: 60_000 } } });
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push((await service.ask(alice, "whatsapp?")).kind);
    expect(replies).toEqual(["page", "page", "notice", "quiet"]);
    expect((await service.ask({ ...alice, user: "2", chat: "2" }, "whatsapp?")).kind).toBe("page");
  });

  it("limits a busy chat as a whole", async () => {
    const { service } = setup({ rates: { chat: { limit: 3, windowMs: 60_000 } } });
    const kinds = [];
    for (let i = 0; i < 4; i++)
      kinds.push((await service.ask({ platform: "discord", user: `u${i}`, chat: "c" }, "whatsapp?")).kind);
    expect(kinds).toEqual(["page", "page", "page", "notice"]);
  });
});

describe("ChatService follow-ups", () => {
  it("reads more, and X?, why? and who said that? in the conversation", async () => {
    const { service, library } = setup();
    const first = page(await service.ask(alice, "does whatsapp read my messages?"));
    const more = page(await service.ask(alice, "more"));
    expect(more).toMatchObject({ id: first.id, offset: 4, followUp: "more" });
    const who = page(await service.ask(alice, "who said that?"));
    expect(who).toMatchObject({ id: first.id, offset: 4, followUp: "who", hasMore: false });
    expect(who.answer.quotes.map((q) => q.text)).toEqual(["wa five"]);
    const topic = page(await service.ask(alice, "and Telegram?"));
    expect(topic.followUp).toBe("topic");
    expect(library.asked.at(-1)?.question).toBe("does Telegram read my messages?");
    expect(topic.answer.quotes.map((q) => q.text)).toEqual(["tg one"]);
    await service.ask(alice, "why?");
    expect(library.asked.at(-1)?.question).toBe("why does Telegram read my messages?");
  });

  it("keeps conversations apart, and says when there is nothing to follow", async () => {
    const { service } = setup();
    await service.ask(alice, "does whatsapp read my messages?");
    const bob = { ...alice, user: "2", chat: "2" };
    expect(await service.ask(bob, "more")).toMatchObject({ kind: "notice", reason: "nothing_before" });
  });

  it("forgets a conversation after a few minutes", async () => {
    let now = 1_000;
    const { service } = setup({ followUpMs: 5 * 60_000, now: () => now });
    await service.ask(alice, "does whatsapp read my messages?");
    now += 4 * 60_000;
    expect(page(await service.ask(alice, "more")).offset).toBe(4);
    now += 5 * 60_000 + 1;
    expect(await service.ask(alice, "more")).toMatchObject({ kind: "notice", reason: "nothing_before" });
  });

  it("does not treat small talk as a topic", async () => {
    const { service } = setup();
    const hi = page(await service.ask(alice, "hello"));
    expect(hi.answer.kind).toBe("smalltalk");
    expect(await service.ask(alice, "more")).toMatchObject({ reason: "nothing_before" });
  });
});

describe("ChatService.vote", () => {
  it("counts a vote once per user and records the cited files", async () => {
    const { service, feedback } = setup();
    const first = page(await service.ask(alice, "does whatsapp read my messages?"));
    expect(await service.vote(alice, first.id, "up")).toMatchObject({ reason: "thanks_up" });
    expect(await service.vote(alice, first.id, "down")).toMatchObject({ reason: "already_voted" });
    expect(await service.vote(alice, "gone", "up")).toMatchObject({ reason: "expired" });
    expect(feedback).toEqual([expect.objectContaining({ vote: "up", sources: ["a.md"], user: "1" })]);
  });
});
