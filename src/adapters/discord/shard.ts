/**
 * @module
 * Entry file of one shard process, spawned by discord-hybrid-sharding's ClusterManager (see
 * sharding.ts) with `--import tsx`. It reads the same configuration, opens its own view of the
 * index, and runs one client for all its shards; usage, reindexes and moderator actions go to the
 * parent over IPC so they stay in
 * one place (see moderation-relay.ts). With `REDIS_URL`, answers behind the buttons and rate limits
 * are shared with the other shards (and Telegram replicas) through Redis.
 */
import { ClusterClient, getInfo } from "discord-hybrid-sharding";
import { loadConfig } from "../../config.ts";
import { Library } from "../../core/library.ts";
import type { UsageRecorder } from "../../core/types.ts";
import { createLogger } from "../../logger.ts";
import { ChatService } from "../../service/chat-service.ts";
import { openSharedState } from "../../state/shared-state.ts";
import { createDiscordBot } from "./client.ts";
import type { AnswerLibrary, DiscordSettings } from "./deps.ts";
import { relayModeration } from "./moderation-relay.ts";
import type { ShardMessage, ShardModerationArgs } from "./sharding.ts";

const send = (message: ShardMessage) => process.send?.(message);

async function main(): Promise<void> {
  const config = loadConfig();
  const shard = config.discordShard?.id ?? 0;
  const logger = createLogger(config.logLevel).child({ shard });
  // the parent passes its settings (without the token, which arrives as DISCORD_TOKEN) as argv[2]
  const settings = {
    ...JSON.parse(process.argv[2] ?? "{}"),
    token: config.discordShard?.token ?? "",
  } as DiscordSettings;
  const moderationArgs = JSON.parse(process.argv[3] ?? "{}") as Partial<ShardModerationArgs>;
  const open = (reindexOnOpen: boolean) =>
    Library.open({ dataDir: config.dataDir, snapshotPath: config.snapshotPath, logger, reindexOnOpen });
  let library = await open(true);
  // Loads the snapshot the parent just saved, without writing one: a shard that reindexed itself
  // would save too and push the parent's previous snapshot out, leaving /rollback nothing to undo.
  let reloading: Promise<unknown> = Promise.resolve();
  const reload = (): Promise<void> => {
    // one at a time, so an older snapshot can never replace a newer one
    const run = reloading.then(async () => {
      const fresh = await open(false);
      if (fresh.size.documents > 0) library = fresh;
      else await library.reindex(); // no snapshot to read (it could not be written): read the files
    });
    reloading = run.catch(() => {});
    return run;
  };
  const usage: UsageRecorder = {
    recordQuestion: (event) => send({ citebot: "question", event }),
    recordFeedback: (event) => send({ citebot: "feedback", event }),
  };
  // without moderation, a /reindex handled here also reaches the parent and the other shards
  const relayed: AnswerLibrary = {
    ask: (question, options) => library.ask(question, options),
    documents: () => library.documents(),
    suggest: (partial, limit) => library.suggest(partial, limit),
    async reindex(options) {
      const report = await library.reindex(options);
      if (!report.dryRun) send({ citebot: "reindexed", shard });
      return report;
    },
  };
  const relay = moderationArgs.moderation
    ? relayModeration({ send, maxBytes: moderationArgs.maxBytes ?? 0, reload })
    : undefined;
  process.on("message", (message: { citebot?: string }) => {
    if (message?.citebot === "reindex") {
      library.reindex().catch((err) => logger.error({ err }, "discord shard: reindex failed"));
    } else if (message?.citebot === "reload") {
      reload().catch((err) => logger.error({ err }, "discord shard: reloading the index failed"));
    } else relay?.onMessage(message);
  });
  // One user's limit and a button's answer are the same on every shard (in Redis when configured).
  const state = openSharedState({ redisUrl: config.redisUrl, logger });
  await state.ready();
  const service = new ChatService({
    library: relayed,
    usage,
    logger,
    rates: config.rates,
    stores: state.stores,
  });
  const client = createDiscordBot(settings, {
    library: relayed,
    logger,
    usage,
    service,
    moderation: relay?.moderation,
    // the parent owns the audit log; a refusal here is recorded there
    audit: { refused: async (refusal) => Boolean(send({ citebot: "refused", refusal })) },
  });
  // This process runs its share of the shards; the manager waits for all of them to be ready.
  const info = getInfo();
  client.options.shards = info.SHARD_LIST;
  client.options.shardCount = info.TOTAL_SHARDS;
  const cluster = new ClusterClient(client);
  client.once("clientReady", () => cluster.triggerReady());
  const stop = () =>
    void client
      .destroy()
      .then(() => state.close())
      .finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await client.login(settings.token);
}

main().catch((err) => {
  createLogger().error({ err }, "discord shard failed to start");
  process.exit(1);
});
