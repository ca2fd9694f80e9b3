/**
 * @module
 * Watch mode (`WATCH_DATA=true`): a change in the data folder triggers a debounced reindex. A file
 * still being written is not indexed until its size has been stable for a moment.
 */
import { watch } from "chokidar";
import type { Library } from "./library.ts";
import type { Logger, ReindexReport } from "./types.ts";

export interface WatchOptions {
  /** Quiet time after the last change before reindexing. Default 1000 ms. */
  debounceMs?: number;
  /** How long a file's size must stay unchanged to count as completely written. Default 500 ms. */
  stableMs?: number;
  logger: Logger;
  onReindex?: (report: ReindexReport) => void;
}

/**
 * Watches `dataDir` and reindexes `library` after changes settle. Returns a function that stops it.
 *
 * @example
 * ```ts
 * const stop = await watchDataDir(library, config.dataDir, { logger });
 * ```
 */
export async function watchDataDir(
  library: Library,
  dataDir: string,
  options: WatchOptions,
): Promise<() => Promise<void>> {
  const { debounceMs = 1000, stableMs = 500, logger } = options;
  const watcher = watch(dataDir, {
    ignoreInitial: true,
    ignored: (file) => /(^|[/\\])\.[^/\\]|\.tmp-/.test(file.slice(dataDir.length)),
    awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.max(50, Math.floor(stableMs / 5)) },
  });
  let timer: NodeJS.Timeout | undefined;
  const schedule = (event: string, file: string) => {
    logger.debug({ event, file }, "data folder changed");
    clearTimeout(timer);
    timer = setTimeout(() => {
      library
        .reindex()
        .then((report) => {
          logger.info(
            { added: report.added, changed: report.changed, removed: report.removed, errors: report.errors },
            "watch: reindexed",
          );
          options.onReindex?.(report);
        })
        .catch((err) =>
          logger.error({ err }, "watch: reindex failed; the previous index is still answering"),
        );
    }, debounceMs);
  };
  watcher.on("all", schedule);
  watcher.on("error", (err) => logger.error({ err }, "watch: cannot watch the data folder"));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
