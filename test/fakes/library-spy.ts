/**
 * @module
 * The real library for adapter end-to-end tests, plus what those tests need around it: a word that
 * makes the core fail ("EXPLODE", to test apologies), a count of reindexes, and a usage recorder
 * that keeps every event.
 */
import type { AnswerLibrary } from "../../src/adapters/discord/deps.ts";
import type { Library } from "../../src/core/library.ts";
import type { FeedbackEvent, QuestionEvent, UsageRecorder } from "../../src/core/types.ts";

/** Questions containing this word make the core throw. */
export const EXPLODE = "EXPLODE";

/**
 * Wraps a library for an adapter under test.
 *
 * @example
 * ```ts
 * const spy = spyOnLibrary(await Library.open({ dataDir: "data" }));
 * await startTelegram(settings, { library: spy.library, logger, usage: spy.usage });
 * expect(spy.reindexRuns()).toBe(1);
 * ```
 */
export function spyOnLibrary(library: Library) {
  let reindexRuns = 0;
  const questions: QuestionEvent[] = [];
  /** Every question the core was asked, in order (paging from a stored ranking asks nothing). */
  const asked: string[] = [];
  const feedback: FeedbackEvent[] = [];
  const failOn = (text: string) => {
    if (text.includes(EXPLODE)) throw new Error("simulated failure inside the core");
  };
  const wrapped: AnswerLibrary = {
    ask: async (q, o) => {
      asked.push(q);
      failOn(q);
      return await library.ask(q, o);
    },
    documents: () => library.documents(),
    suggest: (p, l) => {
      failOn(p);
      return library.suggest(p, l);
    },
    reindex: (o) => {
      reindexRuns++;
      return library.reindex(o);
    },
  };
  const usage: UsageRecorder = {
    recordQuestion: (e) => questions.push(e),
    recordFeedback: (e) => feedback.push(e),
  };
  return { library: wrapped, usage, questions, feedback, asked, reindexRuns: () => reindexRuns };
}
