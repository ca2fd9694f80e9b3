/**
 * @module
 * Wiring shared by `npm start` and the command-line tools: the library opened from the config.
 */
import type { Config } from "./config.ts";
import { Library } from "./core/library.ts";
import type { Logger } from "./core/types.ts";
import { createModeratorActions, type ModeratorActions } from "./moderation/moderator-actions.ts";
import type { FetchLimits } from "./web/fetch-page.ts";

/** Opens the library on `DATA_DIR` with the snapshot at `SNAPSHOT_PATH`. */
export function openLibrary(config: Config, logger: Logger): Promise<Library> {
  return Library.open({ dataDir: config.dataDir, snapshotPath: config.snapshotPath, logger });
}

/** The web-page fetch limits the config sets (the rest are the defaults). */
export function webLimits(config: Config): Partial<FetchLimits> {
  return { allowPrivate: config.allowPrivateUrls };
}

/**
 * The library and the moderator actions for a command-line tool (`npm run add`, `npm run
 * refresh`): no audit log or usage store, the config's fetch limits.
 */
export async function openCliModeration(
  config: Config,
  logger: Logger,
): Promise<{ library: Library; moderation: ModeratorActions }> {
  const library = await openLibrary(config, logger);
  const moderation = createModeratorActions({
    library,
    dataDir: config.dataDir,
    maxBytes: config.uploadMaxBytes,
    web: webLimits(config),
  });
  return { library, moderation };
}
