/**
 * @module
 * Entry file of one shard process, spawned by discord.js's ShardingManager (see sharding.ts)
 * with `--import tsx`. It reads the same configuration, opens its own view of the index, and runs
 * one client; usage and reindexes go to the parent over IPC so they stay in one place.
 */
import { loadConfig } from "../../config.ts";
import { Library } from "../../core/library.ts";
import type { UsageRecorder } from "../../core/types.ts";
import { createLogger } from "../../logger.ts";
import { createDiscordBot } from "./client.ts";
import type { DiscordSettings } from "./deps.ts";
import type { ShardMessage } from "./sharding.ts";

const send = (message: ShardMessage) => process.send?.(message);

async function main(): Promise<void> {
  const config = loadConfig();
  const shard = Number(process.env.SHARDS ?? 0);
  const logger = createLogger(config.logLevel).child({ shard });
  // the parent passes its settings (without the token, which arrives as DISCORD_TOKEN) as argv[2]
  const settings = {
    ...JSON.parse(process.argv[2] ?? "{}"),
    token: process.env.DISCORD_TOKEN ?? "",
  } as DiscordSettings;
  const library = await Library.open({ dataDir: config.dataDir, snapshotPath: config.snapshotPath, logger });
  const usage: UsageRecorder = {
    recordQuestion: (event) => send({ citebot: "question", event }),
    recordFeedback: (event) => send({ citebot: "feedback", event }),
  };
  // a /reindex handled here also reaches the parent and the other shards
  const relayed = {
    ask: library.ask.bind(library),
    documents: library.documents.bind(library),
    suggest: library.suggest.bind(library),
    async reindex(options?: Parameters<Library["reindex"]>[0]) {
      const report = await library.reindex(options);
      if (!report.dryRun) send({ citebot: "reindexed", shard });
      return report;
    },
  };
  process.on("message", (message: { citebot?: string }) => {
    if (message?.citebot === "reindex") {
      library.reindex().catch((err) => logger.error({ err }, "discord shard: reindex failed"));
    }
  });
  const client = createDiscordBot(settings, { library: relayed, logger, usage });
  const stop = () => void client.destroy().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await client.login(settings.token);
}

main().catch((err) => {
  createLogger().error({ err }, "discord shard failed to start");
  process.exit(1);
});
