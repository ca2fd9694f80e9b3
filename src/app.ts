/**
 * @module
 * Wiring shared by `npm start` and the command-line tools: the library opened from the config.
 */
import type { Config } from "./config.ts";
import { Library } from "./core/library.ts";
import type { Logger } from "./core/types.ts";

/** Opens the library on `DATA_DIR` with the snapshot at `SNAPSHOT_PATH`. */
export function openLibrary(config: Config, logger: Logger): Promise<Library> {
  return Library.open({ dataDir: config.dataDir, snapshotPath: config.snapshotPath, logger });
}
