/**
 * @module
 * `getUpdates` with a retry that recovers promptly. The pause between attempts is capped at
 * {@link MAX_PAUSE_MS}, so polling resumes within seconds of the Bot API answering again. Neither
 * ready-made retry does that: grammY runner's fetcher doubles its pause without a ceiling
 * (100 ms, 200 ms, … over 6 min by the 13th failure), and @grammyjs/auto-retry doubles from 3 s
 * inside a single call (see bot.ts, which keeps it away from getUpdates).
 */
import { type Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";

/** The first pause after a failure; doubled after each further one. */
const FIRST_PAUSE_MS = 100;
/** The longest pause between attempts: the bound on how long recovery can take. */
export const MAX_PAUSE_MS = 5_000;
/** A 429 on getUpdates asks for a pause; honour it, but never stop polling for longer than this. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Beyond the long-poll timeout: a response this late means the connection is dead, not slow. */
const GRACE_MS = 15_000;

type Signal = Parameters<Bot["api"]["getUpdates"]>[1];
/** The runner hands over its abort-controller polyfill's signal; only these members are used. */
interface StopSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** Options for {@link createUpdateFetcher}. */
export interface UpdateFetcherOptions {
  /** Long-poll timeout in seconds, as Telegram's `getUpdates` `timeout`. */
  timeout: number;
  allowed_updates: string[];
  /** Called for each failed attempt that will be retried. */
  onRetry(err: unknown, attempt: number, pauseMs: number): void;
  /** How long past `timeout` an attempt may take before it is abandoned; default {@link GRACE_MS}. */
  graceMs?: number;
}

/**
 * A `supply` function for grammY runner's `createSource`: resolves with the next updates, retrying
 * failed calls, and advancing `offset` so each update is fetched once. A wrong token (401) or a
 * second poller or webhook (409) is not retried: it throws, and polling stops with that error.
 *
 * @example
 * ```ts
 * const source = createSource({ supply: createUpdateFetcher(bot, { timeout: 30, allowed_updates, onRetry }) });
 * ```
 */
export function createUpdateFetcher(bot: Bot, options: UpdateFetcherOptions) {
  let offset = 0;
  return async (batchSize: number, signal: StopSignal): Promise<Update[]> => {
    const limit = Math.max(1, Math.min(batchSize, 100));
    let pauseMs = FIRST_PAUSE_MS;
    for (let attempt = 1; ; attempt++) {
      const attemptSignal = withDeadline(signal, options.timeout * 1000 + (options.graceMs ?? GRACE_MS));
      try {
        const updates = await bot.api
          .getUpdates(
            { offset, limit, timeout: options.timeout, allowed_updates: options.allowed_updates as never },
            attemptSignal.signal as unknown as Signal,
          )
          .finally(attemptSignal.dispose);
        const last = updates.at(-1)?.update_id;
        if (last !== undefined) offset = last + 1;
        return updates;
      } catch (err) {
        if (signal.aborted) throw err;
        if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409)) throw err;
        const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        const wait = retryAfter === undefined ? pauseMs : Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
        options.onRetry(err, attempt, wait);
        await pause(wait, signal);
        pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
      }
    }
  };
}

/**
 * A signal that aborts when polling stops or after `ms`: a long poll whose connection silently died
 * would otherwise wait for grammY's 500 s client timeout before the next attempt.
 */
function withDeadline(stop: StopSignal, ms: number) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ms);
  stop.addEventListener("abort", abort);
  if (stop.aborted) abort();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      stop.removeEventListener("abort", abort);
    },
  };
}

/** Waits `ms`, or rejects at once when polling is stopped. */
function pause(ms: number, signal: StopSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", stopped);
      resolve();
    };
    const stopped = () => {
      clearTimeout(timer);
      reject(new Error("polling stopped"));
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", stopped);
  });
}
