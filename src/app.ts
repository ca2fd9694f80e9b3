/**
 * @module
 * Wiring shared by `npm start` and the command-line tools: the library opened from the config,
 * with the sentence-embedding model unless `SEMANTIC=off`.
 */
import path from "node:path";
import type { Config } from "./config.ts";
import { Library, type LibraryOptions } from "./core/library.ts";
import { type Embedder, EmbedderError, USE_LITE_DIMENSIONS, USE_LITE_ID } from "./core/semantic/embedder.ts";
import { startWorkerEmbedder } from "./core/semantic/worker-embedder.ts";
import type { Logger } from "./core/types.ts";
import type { ModeratorActions } from "./moderation/moderator-actions.ts";
import { openSharedState, type SharedState } from "./state/shared-state.ts";
import type { FetchLimits } from "./web/fetch-page.ts";

/**
 * Starts the embedding model in its worker thread; `undefined` (answers from keywords, with one
 * warning) when `SEMANTIC=off` or the model cannot load.
 */
export async function startEmbedder(config: Config, logger: Logger): Promise<Embedder | undefined> {
  if (!config.semantic) return undefined;
  try {
    return await startWorkerEmbedder();
  } catch (err) {
    logger.warn(
      { err },
      "answering from keywords only: the embedding model did not start (SEMANTIC=off silences this)",
    );
    return undefined;
  }
}

/**
 * The embedder while its model is still loading: the library opens (reads its snapshot, checks
 * the files) meanwhile, and its first texts wait for the model. The worker loads the model the
 * library's vectors are named after, so its id is known before it is up. `undefined` when
 * `SEMANTIC=off`; a model that cannot load fails each call (answers stay lexical).
 */
function loadingEmbedder(config: Config, logger: Logger): Embedder | undefined {
  if (!config.semantic) return undefined;
  const starting = startEmbedder(config, logger);
  const started = async () => {
    const embedder = await starting;
    if (!embedder) throw new EmbedderError("citebot: the embedding model did not start");
    return embedder;
  };
  return {
    id: USE_LITE_ID,
    dimensions: USE_LITE_DIMENSIONS,
    embed: async (texts, options) => (await started()).embed(texts, options),
    close: async () => (await starting)?.close(),
  };
}

/**
 * Opens the library on `DATA_DIR` with the snapshot at `SNAPSHOT_PATH`, while the embedding model
 * loads. `waitForVectors`: a one-shot command waits until sentence vectors are ready (computed
 * once, then saved beside the snapshot) so that its answers use them; the bot answers at once and
 * gets them later.
 */
export async function openLibrary(
  config: Config,
  logger: Logger,
  options: Partial<LibraryOptions> & { waitForVectors?: boolean } = {},
): Promise<Library> {
  const { waitForVectors = false, ...rest } = options;
  const library = await Library.open({
    dataDir: config.dataDir,
    snapshotPath: config.snapshotPath,
    logger,
    embedder: loadingEmbedder(config, logger),
    ...rest,
  });
  if (waitForVectors) await library.vectorsReady();
  return library;
}

/**
 * The bot's library: opened like {@link openLibrary} (ready before the model is: answers are
 * lexical until the vectors are), and with `REDIS_URL` kept in step with the other replicas and
 * shards (built once under a lock, reloaded everywhere from the shared snapshot).
 */
export async function openBotLibrary(config: Config, logger: Logger, state: SharedState): Promise<Library> {
  const embedder = loadingEmbedder(config, logger);
  const open = (reindexOnOpen: boolean) =>
    Library.open({
      dataDir: config.dataDir,
      snapshotPath: config.snapshotPath,
      logger,
      embedder,
      reindexOnOpen,
    });
  return state.library(
    () => open(true),
    () => open(false),
  );
}

/** The web-page fetch limits the config sets (the rest are the defaults). */
export function webLimits(config: Config): Partial<FetchLimits> {
  return { allowPrivate: config.allowPrivateUrls };
}

/**
 * The library and the moderator actions for a command-line tool (`npm run add`, `npm run
 * refresh`, `npm run reindex`): the audit log in STATE_DIR, no usage store, the config's fetch
 * limits. `library` overrides where the documents and snapshot are (a community's library).
 */
export async function openCliModeration(
  config: Config,
  logger: Logger,
  library: Partial<LibraryOptions> = {},
  state?: SharedState,
): Promise<{ library: Library; moderation: ModeratorActions }> {
  // With shared state (REDIS_URL): the change is built under the builder lock and published.
  const open = () => openLibrary(config, logger, library);
  const opened = state ? await state.library(open, open) : await open();
  // Loaded here, not with this module: `npm run ask` needs none of moderation's web and file code.
  const [{ AUDIT_LOG_FILE, AuditLog }, { createModeratorActions }] = await Promise.all([
    import("./moderation/audit-log.ts"),
    import("./moderation/moderator-actions.ts"),
  ]);
  const moderation = createModeratorActions({
    library: opened,
    dataDir: library.dataDir ?? config.dataDir,
    maxBytes: config.uploadMaxBytes,
    audit: AuditLog.open({ path: path.join(config.stateDir, AUDIT_LOG_FILE), logger }),
    web: webLimits(config),
  });
  return { library: opened, moderation };
}

/**
 * Runs a command-line tool's moderator work with {@link openCliModeration}; with `REDIS_URL`
 * (and the base library) the change is built under the builder lock and published, so every
 * running replica and shard loads it, and the Redis connection is closed after.
 *
 * @example
 * ```ts
 * await withCliModeration(config, logger, {}, ({ moderation }) => moderation.refresh(moderator));
 * ```
 */
export async function withCliModeration<T>(
  config: Config,
  logger: Logger,
  library: Partial<LibraryOptions>,
  work: (opened: { library: Library; moderation: ModeratorActions }) => Promise<T>,
): Promise<T> {
  // A community's library (its own dataDir) is not the base library the generations describe.
  const state = openSharedState({ redisUrl: library.dataDir ? undefined : config.redisUrl, logger });
  await state.ready();
  try {
    return await work(await openCliModeration(config, logger, library, state));
  } finally {
    // An open Redis connection would keep the command running.
    await state.close();
  }
}
