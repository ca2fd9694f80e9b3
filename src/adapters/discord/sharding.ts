/**
 * @module
 * Sharding for large bots (`DISCORD_SHARDS=auto` or a number): discord.js's ShardingManager runs
 * `shard.ts` in child processes through tsx. Each shard opens its own read-only view of the
 * index; usage events, reindexes and moderator actions are relayed through this (parent)
 * process, which owns them. Moderator actions run here, not in the shard (files and the snapshot
 * are shared state); afterwards every shard reloads the snapshot this process saved.
 */
import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager } from "discord.js";
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

/**
 * Spawns the shards and resolves when all are connected.
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
  const manager = new ShardingManager(fileURLToPath(new URL("./shard.ts", import.meta.url)), {
    token: settings.token,
    totalShards,
    mode: "process",
    execArgv: ["--import", "tsx"],
    // everything but the token, which ShardingManager hands over as DISCORD_TOKEN
    shardArgs: [
      JSON.stringify({ ...settings, token: undefined, shards: undefined }),
      JSON.stringify({
        moderation: deps.moderation !== undefined,
        maxBytes: deps.moderation?.maxBytes ?? 0,
      } satisfies ShardModerationArgs),
    ],
  });
  manager.on("shardCreate", (shard) => {
    deps.logger.info({ shard: shard.id, of: totalShards }, "discord: shard started");
    // without an "error" listener a failed respawn would be an unhandled rejection in this process
    shard.on("error", (err) => deps.logger.error({ err, shard: shard.id }, "discord: shard error"));
    shard.on("death", () => deps.logger.warn({ shard: shard.id }, "discord: shard process exited"));
    shard.on("message", (message: ShardMessage) => {
      try {
        if (message?.citebot === "question") deps.usage?.recordQuestion(message.event);
        else if (message?.citebot === "feedback") deps.usage?.recordFeedback(message.event);
        else if (message?.citebot === "refused") void deps.audit?.refused(message.refusal);
        else if (message?.citebot === "moderate" && deps.moderation) {
          void serveModeration(deps.moderation, message).then((reply) => {
            void shard.send(reply).catch((err) => deps.logger.warn({ err }, "discord: shard gone"));
            // the asking shard reloads before it answers; the others catch up now
            if (reply.ok && reply.reload)
              for (const other of manager.shards.values())
                if (other.id !== shard.id) void other.send({ citebot: "reload" }).catch(() => {});
          });
        } else if (message?.citebot === "reindexed") {
          // keep this process's library (other adapters) and every other shard on the new index
          void deps.library
            .reindex()
            .catch((err) => deps.logger.error({ err }, "discord: relayed reindex failed"));
          for (const other of manager.shards.values())
            if (other.id !== message.shard) void other.send({ citebot: "reindex" });
        }
      } catch (err) {
        deps.logger.warn({ err }, "discord: could not handle a shard message");
      }
    });
  });
  try {
    await manager.spawn({ timeout: 60_000 });
  } catch (err) {
    manager.respawn = false;
    for (const shard of manager.shards.values()) if (shard.process) shard.kill();
    throw toStartError(err);
  }
  return {
    async stop() {
      manager.respawn = false;
      for (const shard of manager.shards.values()) if (shard.process) shard.kill();
      deps.logger.info({ shards: manager.shards.size }, "discord: shards stopped");
    },
  };
}
