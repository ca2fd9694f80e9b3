/**
 * @module
 * Sharding for large bots (`DISCORD_SHARDS=auto` or a number): discord-hybrid-sharding runs
 * `shard.ts` in child processes through tsx, several shards to a process (one discord.js client
 * per process running all its shards), so shards share one copy of the index: four shards over
 * 10k passages took 298 MB as one process against 1455 MB as discord.js ShardingManager's four
 * (`bench/shard-memory.ts`). Processes: `DISCORD_SHARD_PROCESSES`, default one per core. Each
 * process opens its own read-only view of the index; usage events, reindexes and moderator actions
 * are relayed through this (parent) process, which owns them. Moderator actions run here, not in a
 * shard process (files and the snapshot are shared state); afterwards every process reloads the
 * snapshot this process saved.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { REST, Routes } from "discord.js";
import { ClusterManager } from "discord-hybrid-sharding";
import type { RefusalInput } from "../../moderation/audit-log.ts";
import type { DiscordDeps, DiscordSettings } from "./deps.ts";
import { toStartError } from "./errors.ts";
import { type ModerationRequest, serveModeration } from "./moderation-relay.ts";

/** Messages a shard sends its parent over IPC. */
export type ShardMessage =
  | { citebot: "question"; event: Parameters<NonNullable<DiscordDeps["usage"]>["recordQuestion"]>[0] }
  | { citebot: "feedback"; event: Parameters<NonNullable<DiscordDeps["usage"]>["recordFeedback"]>[0] }
  | { citebot: "reindexed"; shard: number }
  | { citebot: "refused"; refusal: RefusalInput }
  | ModerationRequest;

/** What a shard process reads from `argv[3]`: whether moderator actions can be relayed, and the upload cap. */
export interface ShardModerationArgs {
  moderation: boolean;
  maxBytes: number;
}

const GUILDS_PER_SHARD = 1000;

/** What discord-hybrid-sharding's ClusterManager sets in the environment of the process creating it. */
const MANAGER_ENV = [
  "SHARD_LIST",
  "TOTAL_SHARDS",
  "CLUSTER",
  "CLUSTER_COUNT",
  "CLUSTER_MANAGER",
  "CLUSTER_MANAGER_MODE",
  "CLUSTER_QUEUE_MODE",
  "DISCORD_TOKEN",
  "MAINTENANCE",
];

/** Discord's recommended shard count, asked through `apiUrl` when set (unlike discord.js's helper). */
async function recommendedShards(settings: DiscordSettings): Promise<number> {
  const rest = new REST(settings.apiUrl ? { api: settings.apiUrl } : {}).setToken(settings.token);
  try {
    const info = (await rest.get(Routes.gatewayBot())) as { shards: number };
    return Math.max(1, Math.ceil((info.shards * 1000) / GUILDS_PER_SHARD));
  } catch (err) {
    throw toStartError((err as { status?: number }).status === 401 ? { code: "TokenInvalid" } : err);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** How many processes run `shards` shards: as configured, else one per core, never more than shards. */
export function shardProcesses(shards: number, configured?: number): number {
  return Math.max(1, Math.min(shards, configured ?? availableParallelism()));
}

/**
 * Spawns the shard processes and resolves when all their shards are connected.
 *
 * @example
 * ```ts
 * const running = await startSharded({ ...config.discord, shards: "auto" }, { library, logger });
 * ```
 */
export async function startSharded(
  settings: DiscordSettings,
  deps: DiscordDeps,
): Promise<{ stop(): Promise<void> }> {
  const totalShards = settings.shards === "auto" ? await recommendedShards(settings) : (settings.shards ?? 1);
  const totalClusters = shardProcesses(totalShards, settings.shardProcesses);
  // The manager writes its shard processes' settings into this process's environment (CLUSTER as
  // the string "undefined", which a child citebot would refuse); put it back once they have theirs.
  const saved = MANAGER_ENV.map((name) => [name, process.env[name]] as const);
  const restoreEnv = () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  const manager = new ClusterManager(fileURLToPath(new URL("./shard.ts", import.meta.url)), {
    token: settings.token,
    totalShards,
    totalClusters,
    shardsPerClusters: Math.ceil(totalShards / totalClusters),
    mode: "process",
    execArgv: ["--import", "tsx"],
    respawn: true,
    // everything but the token, which the manager hands over as DISCORD_TOKEN
    shardArgs: [
      JSON.stringify({ ...settings, token: undefined, shards: undefined }),
      JSON.stringify({
        moderation: deps.moderation !== undefined,
        maxBytes: deps.moderation?.maxBytes ?? 0,
      } satisfies ShardModerationArgs),
    ],
  });
  const others = (id: number) => [...manager.clusters.values()].filter((c) => c.id !== id);
  const send = (cluster: { send(m: object): unknown }, message: object) =>
    Promise.resolve()
      .then(() => cluster.send(message))
      .catch((err) => deps.logger.warn({ err }, "discord: shard process gone"));
  manager.on("clusterCreate", (cluster) => {
    deps.logger.info(
      { process: cluster.id, shards: cluster.shardList, of: totalShards },
      "discord: shard process started",
    );
    // without an "error" listener a failed respawn would be an unhandled rejection in this process
    cluster.on("error", (err) =>
      deps.logger.error({ err, process: cluster.id }, "discord: shard process error"),
    );
    cluster.on("death", () => deps.logger.warn({ process: cluster.id }, "discord: shard process exited"));
    cluster.on("message", (raw) => {
      // Our messages arrive as they were sent, plus the manager's own fields (nonce, _type).
      const message = raw as unknown as ShardMessage;
      try {
        if (message?.citebot === "question") deps.usage?.recordQuestion(message.event);
        else if (message?.citebot === "feedback") deps.usage?.recordFeedback(message.event);
        else if (message?.citebot === "refused") void deps.audit?.refused(message.refusal);
        else if (message?.citebot === "moderate" && deps.moderation) {
          void serveModeration(deps.moderation, message).then((reply) => {
            void send(cluster, reply);
            // the asking process reloads before it answers; the others catch up now
            if (reply.ok && reply.reload)
              for (const other of others(cluster.id)) void send(other, { citebot: "reload" });
          });
        } else if (message?.citebot === "reindexed") {
          // keep this process's library (other adapters) and every other shard process on the new index
          void deps.library
            .reindex()
            .catch((err) => deps.logger.error({ err }, "discord: relayed reindex failed"));
          for (const other of others(message.shard)) void send(other, { citebot: "reindex" });
        }
      } catch (err) {
        deps.logger.warn({ err }, "discord: could not handle a shard message");
      }
    });
  });
  const killAll = () => {
    manager.respawn = false;
    for (const cluster of manager.clusters.values()) if (cluster.thread) cluster.kill({ force: true });
  };
  // Resolved when every process is ready: the manager's own promise also waits out the identify
  // delay after the last one (7 s a shard), which only matters for the next spawn.
  const ready = new Promise<void>((resolve) => {
    let count = 0;
    manager.on("clusterReady", () => {
      if (++count === totalClusters) resolve();
    });
  });
  try {
    const spawned = manager.spawn({ timeout: 60_000 });
    spawned.catch(() => {}); // a failure after start-up is logged through "error" and "death"
    await Promise.race([ready, spawned.then(() => ready)]);
    restoreEnv(); // every shard process was created with its own copy
  } catch (err) {
    restoreEnv();
    killAll();
    throw toStartError(err);
  }
  return {
    async stop() {
      const processes = manager.clusters.size;
      killAll();
      deps.logger.info({ processes, shards: totalShards }, "discord: shards stopped");
    },
  };
}
