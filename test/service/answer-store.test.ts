import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/types.ts";
import { AnswerStore } from "../../src/service/answer-store.ts";

const ranking = (question: string): Answer => ({ question, answered: true, quotes: [], sources: [] });

describe("AnswerStore", () => {
  it("returns a short id that finds the ranking again", () => {
    const store = new AnswerStore();
    const id = store.put(ranking("does whatsapp read my messages?"));
    expect(id.length).toBeLessThanOrEqual(12);
    expect(store.get(id)?.ranking.question).toBe("does whatsapp read my messages?");
  });

  it("forgets the oldest answers beyond its capacity", () => {
    const store = new AnswerStore({ capacity: 3 });
    const ids = ["a", "b", "c", "d"].map((q) => store.put(ranking(q)));
    expect(store.size).toBe(3);
    expect(store.get(ids[0] ?? "")).toBeUndefined();
    expect(store.get(ids[3] ?? "")?.ranking.question).toBe("d");
  });

  it("treats answers older than the ttl as expired", () => {
    let now = 1;
    const store = new AnswerStore({ ttlMs: 1000, now: () => now });
    const id = store.put(ranking("q"));
    now = 900;
    expect(store.get(id)).toBeDefined();
    now = 1002;
    expect(store.get(id)).toBeUndefined();
  });

  it("counts one vote per user per answer", () => {
    const store = new AnswerStore();
    const id = store.put(ranking("q"));
    expect(store.markVoted(id, "u1")).toBe(true);
    expect(store.markVoted(id, "u1")).toBe(false);
    expect(store.markVoted(id, "u2")).toBe(true);
    expect(store.markVoted("unknown", "u1")).toBe(false);
  });
});
