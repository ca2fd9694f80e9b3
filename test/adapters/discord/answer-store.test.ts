import { describe, expect, it } from "vitest";
import { AnswerStore } from "../../../src/adapters/discord/answer-store.ts";

const entry = (question: string) => ({ question, sources: ["a.md"], private: false });

describe("AnswerStore", () => {
  it("returns a short id that finds the question again", () => {
    const store = new AnswerStore();
    const id = store.put(entry("does whatsapp read my messages?"));
    expect(id.length).toBeLessThanOrEqual(12);
    expect(store.get(id)?.question).toBe("does whatsapp read my messages?");
  });

  it("forgets the oldest answers beyond its capacity", () => {
    const store = new AnswerStore({ capacity: 3 });
    const ids = ["a", "b", "c", "d"].map((q) => store.put(entry(q)));
    expect(store.size).toBe(3);
    expect(store.get(ids[0] ?? "")).toBeUndefined();
    expect(store.get(ids[3] ?? "")?.question).toBe("d");
  });

  it("treats answers older than the ttl as expired", () => {
    let now = 0;
    const store = new AnswerStore({ ttlMs: 1000, now: () => now });
    const id = store.put(entry("q"));
    now = 1001;
    expect(store.get(id)).toBeUndefined();
  });

  it("counts one vote per user per answer", () => {
    const store = new AnswerStore();
    const id = store.put(entry("q"));
    expect(store.markVoted(id, "u1")).toBe(true);
    expect(store.markVoted(id, "u1")).toBe(false);
    expect(store.markVoted(id, "u2")).toBe(true);
    expect(store.markVoted("unknown", "u1")).toBe(false);
  });
});
