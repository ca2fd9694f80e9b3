/**
 * @module
 * `npm start`: opens the library and starts every adapter whose token is configured; with none,
 * the interactive terminal chat. SIGINT/SIGTERM stop everything cleanly.
 */
import path from "node:path";
import { runTerminalChat } from "./adapters/terminal/chat.ts";
import { openBotLibrary, webLimits } from "./app.ts";
import { type Config, loadConfig } from "./config.ts";
import { watchDataDir } from "./core/watch.ts";
import { createLogger } from "./logger.ts";
import { AUDIT_LOG_FILE, AuditLog } from "./moderation/audit-log.ts";
import { createCommunityModeration } from "./moderation/community-moderation.ts";
import { auditWatchedChanges, createModeratorActions } from "./moderation/moderator-actions.ts";
import { ChatService } from "./service/chat-service.ts";
import { LibraryRegistry } from "./service/library-registry.ts";
import { openSharedState } from "./state/shared-state.ts";
import { openUsageStore } from "./usage/open-usage-store.ts";
import { usageDbPath } from "./usage/usage-store.ts";
import { startRefreshTimer } from "./web/refresh-timer.ts";

let config: Readonly<Config>;
try {
  config = loadConfig();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const chatOnly = !config.telegram && !config.discord;
// The terminal chat owns the screen: only warnings and errors reach it.
const logger = createLogger(chatOnly && config.logLevel === "info" ? "warn" : config.logLevel);
const stops: (() => Promise<void>)[] = [];
let stopping = false;

async function shutdown(signal: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  for (const stop of stops.reverse())
    await stop().catch((err) => logger.error({ err }, "error while stopping"));
  process.exit(code);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

try {
  // REDIS_URL: answers, limits, seen updates, usage events and library generations shared by every
  // replica and shard; without it, this process's memory.
  const state = openSharedState({ redisUrl: config.redisUrl, logger });
  await state.ready();
  const library = await openBotLibrary(config, logger, state);
  // Never stops the start: an unusable database is logged once and the bot records nothing.
  const usage = openUsageStore({
    path: usageDbPath(config.stateDir),
    logQuestions: config.logQuestions,
    retentionDays: config.questionRetentionDays,
    logger,
  });
  stops.push(async () => usage.close());
  // Stopped before the database closes (stops run in reverse): its writer may still be writing.
  stops.push(() => state.close());
  // Shared: events go through the Redis stream, and one process at a time writes the database.
  const recorder = state.usage(usage);
  const audit = AuditLog.open({
    path: path.join(config.stateDir, AUDIT_LOG_FILE),
    logger,
    hashUser: (platform, id) => usage.hashUser(platform, id),
  });
  const moderationDeps = {
    library,
    dataDir: config.dataDir,
    maxBytes: config.uploadMaxBytes,
    audit,
    stats: usage,
    web: webLimits(config),
  };
  // LIBRARY_SCOPE=community: a library per group and server besides the base (DATA_DIR).
  const registry =
    config.libraryScope === "community"
      ? new LibraryRegistry({
          base: library,
          stateDir: config.stateDir,
          memoryBytes: config.libraryMemoryBytes,
          logger,
          sync: state.communities,
        })
      : undefined;
  // Another replica changed a community's library: load it again from STATE_DIR when next asked.
  if (registry) state.communities?.onChange((key) => registry.forget(key));
  const moderation = registry
    ? createCommunityModeration({ ...moderationDeps, registry })
    : createModeratorActions(moderationDeps);
  if (config.refreshIntervalMs) {
    const scheduler = { platform: "terminal" as const, label: "REFRESH_INTERVAL" };
    stops.push(startRefreshTimer(() => moderation.refresh(scheduler), config.refreshIntervalMs, logger));
  }
  if (config.watchData)
    stops.push(
      await watchDataDir(library, config.dataDir, { logger, onReindex: auditWatchedChanges(audit) }),
    );
  // One service for every adapter: a user's limits, answers and conversations are the same everywhere.
  const service = new ChatService({
    library,
    libraries: registry,
    usage: recorder,
    logger,
    rates: config.rates,
    stores: state.stores,
  });
  // audit: adapters record refused moderator commands there too.
  const deps = {
    library,
    logger,
    usage: recorder,
    moderation,
    audit,
    service,
    seenUpdates: state.seenUpdates,
  };
  // Each platform's library is loaded only when its token is set: discord.js alone takes about a
  // third of a second to import, which the terminal chat and a Telegram-only bot never need.
  if (config.telegram) {
    const { startTelegram } = await import("./adapters/telegram/index.ts");
    stops.push((await startTelegram(config.telegram, deps)).stop);
  }
  if (config.discord) {
    const { startDiscord } = await import("./adapters/discord/index.ts");
    stops.push((await startDiscord(config.discord, deps)).stop);
  }
  if (chatOnly) {
    await runTerminalChat(
      { library, service },
      { input: process.stdin, output: process.stdout },
      { color: !config.noColor },
    );
    await shutdown("end of input");
  }
} catch (err) {
  logger.fatal({ err }, (err as Error).message);
  const message = (err as Error).message;
  process.stderr.write(`${message.startsWith("citebot") ? message : `citebot: ${message}`}\n`);
  await shutdown("startup error", 1);
}
