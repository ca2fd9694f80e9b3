import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Answer, Logger } from "../../src/core/types.ts";
import { ChatService } from "../../src/service/chat-service.ts";
import { openSharedState, type SharedState } from "../../src/state/shared-state.ts";
import { hasRedisServer, startRedisServer, type TestRedis } from "../fakes/redis-server.ts";
import { fakeLibrary } from "../service/fake-library.ts";

/** A logger that keeps what was logged, to count outage messages. */
function recordingLogger() {
  const lines: { level: string; msg?: string }[] = [];
  const at = (level: string) => (_obj: object, msg?: string) => void lines.push({ level, msg });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

const ranking = (question: string): Answer => ({ question, answered: true, quotes: [], sources: [] });
const alice = { platform: "telegram" as const, user: "1", chat: "1" };

describe.skipIf(!hasRedisServer)("shared state in Redis", () => {
  let redis: TestRedis;
  const opened: SharedState[] = [];
  /** A "replica": its own connection, as another process would have. */
  const replica = (logger: Logger = recordingLogger().logger) => {
    const state = openSharedState({ redisUrl: redis.url, logger });
    opened.push(state);
    return state;
  };
  const ready = (state: SharedState) => state.ready();

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    for (const state of opened.splice(0)) await state.close();
    if (redis) await redis.start().catch(() => undefined); // a test that stopped it
  });
  afterAll(async () => {
    await redis?.close();
  });

  describe("answer store", () => {
    it("finds an answer put on one replica from another, and counts a vote once across both", async () => {
      const [a, b] = [replica(), replica()];
      await vi.waitFor(async () => {
        const probe = await a.stores.answers.put(ranking("probe"));
        expect(await b.stores.answers.get(probe)).toBeDefined();
      });
      const id = await a.stores.answers.put(ranking("does whatsapp read my messages?"));
      expect((await b.stores.answers.get(id))?.ranking.question).toBe("does whatsapp read my messages?");
      expect(await a.stores.answers.markVoted(id, "u1")).toBe(true);
      expect(await b.stores.answers.markVoted(id, "u1")).toBe(false);
      expect(await b.stores.answers.markVoted(id, "u2")).toBe(true);
      expect(await b.stores.answers.markServed(id, 4)).toBe(true);
      expect(await a.stores.answers.markServed(id, 4)).toBe(false);
      expect(await a.stores.answers.markVoted("unknown", "u1")).toBe(false);
    });

    it("keeps answers across a restart of the process until their TTL", async () => {
      const first = openSharedState({
        redisUrl: redis.url,
        logger: recordingLogger().logger,
        answers: { ttlMs: 300 },
      });
      await ready(first);
      const id = await first.stores.answers.put(ranking("q"));
      await first.close();
      const again = replica();
      await ready(again);
      expect((await again.stores.answers.get(id))?.ranking.question).toBe("q");
      await vi.waitFor(async () => expect(await again.stores.answers.get(id)).toBeUndefined());
    });
  });

  describe("rate limiter", () => {
    it("holds one limit across replicas, telling the user once", async () => {
      const policy = { user: { limit: 3, windowMs: 60_000 }, chat: { limit: 100, windowMs: 60_000 } };
      const [a, b] = [replica(), replica()];
      await Promise.all([ready(a), ready(b)]);
      const [la, lb] = [a.stores.limiter("t1", policy), b.stores.limiter("t1", policy)];
      const decisions = [];
      for (const limiter of [la, lb, la, lb, la])
        decisions.push(await limiter.take("telegram:7", "telegram:-5"));
      expect(decisions).toEqual([
        { allowed: true },
        { allowed: true },
        { allowed: true },
        { allowed: false, tell: true },
        { allowed: false, tell: false },
      ]);
    });

    it("counts a chat's limit over all its users", async () => {
      const policy = { user: { limit: 10, windowMs: 60_000 }, chat: { limit: 2, windowMs: 60_000 } };
      const a = replica();
      await ready(a);
      const limiter = a.stores.limiter("t2", policy);
      expect(await limiter.take("telegram:1", "telegram:-9")).toEqual({ allowed: true });
      expect(await limiter.take("telegram:2", "telegram:-9")).toEqual({ allowed: true });
      expect(await limiter.take("telegram:3", "telegram:-9")).toEqual({ allowed: false, tell: true });
      // a private chat is its user's own: only the user's limit counts
      expect(await limiter.take("telegram:3", "telegram:3")).toEqual({ allowed: true });
    });
  });

  describe("seen updates", () => {
    it("answers an update once across replicas, and takes over one whose replica died", async () => {
      const [a, b] = [replica(), replica()];
      await Promise.all([ready(a), ready(b)]);
      expect(await a.seenUpdates.claim(101)).toBe("new");
      expect(await a.seenUpdates.claim(101)).toBe("seen");
      expect(await b.seenUpdates.claim(101)).toBe("elsewhere");
      await a.seenUpdates.done(101);
      expect(await b.seenUpdates.claim(101)).toBe("seen");

      expect(await a.seenUpdates.claim(102)).toBe("new");
      await a.close(); // died before answering 102: its heartbeat stops
      await vi.waitFor(async () => expect(await b.seenUpdates.claim(102)).toBe("new"), { timeout: 6_000 });
    });
  });

  describe("usage stream", () => {
    it("writes every replica's events once, by one writer, and a new writer takes over", async () => {
      const written: string[] = [];
      const times: number[] = [];
      const database = {
        recordQuestion: (e: { question: string; at?: number }) => {
          written.push(e.question);
          times.push(e.at ?? Number.NaN);
        },
        recordFeedback: () => {},
      };
      const [a, b] = [replica(), replica()];
      const ua = a.usage(database);
      const ub = b.usage(database);
      await Promise.all([ready(a), ready(b)]);
      const asked = Date.now();
      for (let i = 0; i < 10; i++) {
        const stream = i % 2 ? ub : ua;
        stream.recordQuestion({ platform: "telegram", question: `q${i}`, answered: true, sources: [] });
      }
      const stamped = Date.now();
      await vi.waitFor(() => expect(written).toHaveLength(10), { timeout: 5_000 });
      // Each keeps the time it was asked, not the time the writer got to it.
      for (const at of times) expect(at).toBeGreaterThanOrEqual(asked - 1);
      expect(Math.max(...times)).toBeLessThanOrEqual(stamped);
      await a.close();
      ub.recordQuestion({ platform: "telegram", question: "after", answered: true, sources: [] });
      await vi.waitFor(() => expect(written).toContain("after"), { timeout: 15_000 });
      expect(new Set(written).size).toBe(written.length);
    }, 20_000);
  });

  it("writes the events a writer read but died before acknowledging", async () => {
    const client = new Redis(redis.url);
    const entry = (question: string) =>
      JSON.stringify({
        kind: "question",
        event: { platform: "telegram", question, answered: true, sources: [] },
      });
    await client.xgroup("CREATE", "citebot:usage", "usage-writer", "$", "MKSTREAM").catch(() => undefined);
    await client.xadd("citebot:usage", "*", "entry", entry("read by the dead writer"));
    // the dead writer read it (so it is pending on that consumer) and never acknowledged it
    await client.xreadgroup("GROUP", "usage-writer", "dead", "COUNT", 10, "STREAMS", "citebot:usage", ">");
    await client.quit();
    const written: string[] = [];
    const a = replica();
    a.usage({ recordQuestion: (e) => void written.push(e.question), recordFeedback: () => {} });
    await vi.waitFor(() => expect(written).toContain("read by the dead writer"), { timeout: 5_000 });
  });

  describe("when Redis is down", () => {
    it("goes on answering with this process's state, logs the outage once, and shares again once it is back", async () => {
      const { logger, lines } = recordingLogger();
      const state = replica(logger);
      await ready(state);
      const service = new ChatService({ library: fakeLibrary(), stores: state.stores, logger });
      const other = new ChatService({ library: fakeLibrary(), stores: replica().stores });
      await redis.stop();
      const replies = [];
      for (let i = 0; i < 5; i++)
        replies.push(await service.ask({ ...alice, user: String(i) }, "does whatsapp read my messages?"));
      expect(replies.map((r) => r.kind)).toEqual(["page", "page", "page", "page", "page"]);
      const page = replies[0]?.kind === "page" ? replies[0].page : undefined;
      // the button still works on the replica that answered
      expect(await service.vote(alice, page?.id ?? "", "up")).toMatchObject({ reason: "thanks_up" });
      expect(lines.filter((l) => l.level === "warn" && /unreachable/.test(l.msg ?? ""))).toHaveLength(1);

      await redis.start();
      await vi.waitFor(() => expect(lines.some((l) => /reachable again/.test(l.msg ?? ""))).toBe(true), {
        timeout: 10_000,
      });
      const shared = await service.ask(alice, "does whatsapp read my messages?");
      const id = shared.kind === "page" ? shared.page.id : "";
      await vi.waitFor(
        async () => expect(await other.vote(alice, id, "up")).toMatchObject({ reason: "thanks_up" }),
        {
          timeout: 10_000,
        },
      );
    }, 30_000);
  });
});
