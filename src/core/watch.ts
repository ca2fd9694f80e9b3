/**
 * @module
 * Watch mode (`WATCH_DATA=true`): changes in the data folder are indexed after they settle, by
 * the library, file by file (`Library.updateFiles`), so a change the library itself just made (a
 * moderator's `/add`) is recognised by its size and time and not indexed a second time. A file
 * still being written is not indexed until its size has been stable for a moment; a folder added
 * or removed as a whole makes a full reindex.
 */
import path from "node:path";
import { watch } from "chokidar";
import type { Library } from "./library.ts";
import type { Logger, ReindexReport } from "./types.ts";

export interface WatchOptions {
  /** Quiet time after the last change before reindexing. Default 1000 ms. */
  debounceMs?: number;
  /** How long a file's size must stay unchanged to count as completely written. Default 500 ms. */
  stableMs?: number;
  logger: Logger;
  /** Called (and awaited) after each settled batch of changes, also when the library had indexed them already. */
  onReindex?: (report: ReindexReport) => unknown;
}

/**
 * Watches `dataDir` and has `library` index the changed files after changes settle. Returns a
 * function that stops it.
 *
 * @example
 * ```ts
 * const stop = await watchDataDir(library, config.dataDir, { logger });
 * ```
 */
export async function watchDataDir(
  library: Pick<Library, "reindex" | "updateFiles">,
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
  let files = new Set<string>();
  let folders = false;
  const flush = () => {
    const batch = [...files];
    const whole = folders;
    files = new Set();
    folders = false;
    (whole ? library.reindex() : library.updateFiles(batch))
      .then(async (report) => {
        const { added, changed, removed, errors } = report;
        if (added.length + changed.length + removed.length + errors.length > 0)
          logger.info({ added, changed, removed, errors }, "watch: reindexed");
        else logger.debug({ files: batch }, "watch: already indexed");
        await options.onReindex?.(report);
      })
      .catch((err) => logger.error({ err }, "watch: reindex failed; the previous index is still answering"));
  };
  const schedule = (event: string, file: string) => {
    logger.debug({ event, file }, "data folder changed");
    if (event === "addDir" || event === "unlinkDir") folders = true;
    else files.add(path.relative(dataDir, file).split(path.sep).join("/"));
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  watcher.on("all", schedule);
  watcher.on("error", (err) => logger.error({ err }, "watch: cannot watch the data folder"));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
