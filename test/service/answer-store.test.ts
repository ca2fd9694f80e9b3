import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/types.ts";
import { MemoryAnswerStore } from "../../src/service/answer-store.ts";

const ranking = (question: string): Answer => ({ question, answered: true, quotes: [], sources: [] });

describe("MemoryAnswerStore", () => {
  it("returns a short id that finds the ranking again", async () => {
    const store = new MemoryAnswerStore();
    const id = await store.put(ranking("does whatsapp read my messages?"));
    expect(id.length).toBeLessThanOrEqual(12);
    expect((await store.get(id))?.ranking.question).toBe("does whatsapp read my messages?");
  });

  it("forgets the oldest answers beyond its capacity", async () => {
    const store = new MemoryAnswerStore({ capacity: 3 });
    const ids: string[] = [];
    for (const q of ["a", "b", "c", "d"]) ids.push(await store.put(ranking(q)));
    expect(store.size).toBe(3);
    expect(await store.get(ids[0] ?? "")).toBeUndefined();
    expect((await store.get(ids[3] ?? ""))?.ranking.question).toBe("d");
  });

  it("treats answers older than the ttl as expired", async () => {
    let now = 1;
    const store = new MemoryAnswerStore({ ttlMs: 1000, now: () => now });
    const id = await store.put(ranking("q"));
    now = 900;
    expect(await store.get(id)).toBeDefined();
    now = 1002;
    expect(await store.get(id)).toBeUndefined();
  });

  it("counts one vote per user per answer", async () => {
    const store = new MemoryAnswerStore();
    const id = await store.put(ranking("q"));
    expect(await store.markVoted(id, "u1")).toBe(true);
    expect(await store.markVoted(id, "u1")).toBe(false);
    expect(await store.markVoted(id, "u2")).toBe(true);
    expect(await store.markVoted("unknown", "u1")).toBe(false);
  });

  it("serves each page of an answer once", async () => {
    const store = new MemoryAnswerStore();
    const id = await store.put(ranking("q"));
    expect(await store.markServed(id, 4)).toBe(true);
    expect(await store.markServed(id, 4)).toBe(false);
    expect(await store.markServed(id, 8)).toBe(true);
  });
});
