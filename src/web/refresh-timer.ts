/**
 * @module
 * REFRESH_INTERVAL: re-fetch the web pages on a timer. A run still going when the next is due is
 * not doubled (a slow site would otherwise pile runs up); failures are logged, never thrown.
 */
import type { Logger, ReindexReport } from "../core/types.ts";
import type { RefreshReport } from "./url-sources.ts";

/** What the timer calls: the moderation layer's `refresh`, bound to who runs it. */
export type RefreshRun = () => Promise<{ refresh: RefreshReport; report?: ReindexReport }>;

/**
 * Starts refreshing every `intervalMs`; returns the stop function for shutdown.
 *
 * @example
 * ```ts
 * const stop = startRefreshTimer(() => moderation.refresh(scheduler), 6 * 3_600_000, logger);
 * ```
 */
export function startRefreshTimer(run: RefreshRun, intervalMs: number, logger: Logger): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = run()
      .then(({ refresh }) =>
        logger.info(
          { checked: refresh.checked, changed: refresh.changed, failed: refresh.failed },
          "scheduled refresh of the web pages done",
        ),
      )
      .catch((err) =>
        logger.error({ err }, "scheduled refresh of the web pages failed; the next one runs on time"),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
