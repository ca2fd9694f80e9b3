/**
 * @module
 * `--telegram`: the same questions through the real Telegram adapter (grammY, long polling) against
 * the loopback fake Bot API, end to end: each question is a private message from its own user, and
 * the run ends when every one has a reply (or after a time limit, counting the rest as lost).
 */
import { type QuestionLibrary, startTelegram } from "../src/adapters/telegram/index.ts";
import { type AnswerContext, composeAnswer } from "../src/core/answer.ts";
import { createLogger } from "../src/logger.ts";
import { FakeTelegram } from "../test/fakes/telegram-bot-api.ts";

/** Throughput of the Telegram path for one corpus. */
export interface TelegramResult {
  passages: number;
  questions: number;
  replied: number;
  lost: number;
  seconds: number;
  questionsPerSecond: number;
  /** The same questions answered by `composeAnswer` directly, one after another. */
  directPerSecond: number;
}

const FIRST_USER = 900_000;

/**
 * Sends `questions` through the Telegram adapter and counts the replies.
 *
 * @example
 * ```ts
 * const result = await measureTelegram(ctx, ["how do i list files?"]);
 * result.lost; // 0
 * ```
 */
export async function measureTelegram(
  ctx: AnswerContext,
  questions: readonly string[],
  timeoutMs = 120_000,
): Promise<TelegramResult> {
  // Uncached on purpose (composeAnswer, not Library.ask): each question costs a real answer.
  const library: QuestionLibrary = {
    ask: async (q, options) => composeAnswer(ctx, q, options),
    documents: () => [],
    reindex: () => Promise.reject(new Error("not in the benchmark")),
  };
  const directStarted = performance.now();
  for (const q of questions) composeAnswer(ctx, q);
  const directPerSecond = questions.length / ((performance.now() - directStarted) / 1000);
  const fake = await new FakeTelegram().start();
  const telegram = await startTelegram(
    { token: fake.token, apiRoot: fake.apiRoot, adminIds: [] },
    {
      library,
      logger: createLogger("silent"),
      rates: { user: { limit: 1000, windowMs: 1000 }, chat: { limit: 1000, windowMs: 1000 } },
    },
  );
  try {
    const before = fake.sent().length;
    // Long answers arrive as several messages: a question counts as answered once its chat has one.
    const repliedChats = () =>
      new Set(
        fake
          .sent()
          .slice(before)
          .map((c) => c.payload.chat_id as number),
      );
    const started = performance.now();
    for (const [i, q] of questions.entries()) fake.message(FIRST_USER + i, q);
    await fake
      .waitFor(() => repliedChats().size >= questions.length || undefined, timeoutMs)
      .catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    const chats = repliedChats();
    const replied = questions.filter((_, i) => chats.has(FIRST_USER + i)).length;
    return {
      passages: ctx.index.passages.length,
      questions: questions.length,
      replied,
      lost: questions.length - replied,
      seconds: Math.round(seconds * 100) / 100,
      questionsPerSecond: Math.round((replied / seconds) * 10) / 10,
      directPerSecond: Math.round(directPerSecond * 10) / 10,
    };
  } finally {
    await telegram.stop();
    await fake.close();
  }
}
