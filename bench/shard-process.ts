/**
 * @module
 * One shard process for `bench/shard-memory.ts`: one index copy and one discord.js client, for one
 * shard (spawned by discord.js's ShardingManager, which the client finds in SHARDS) or for every
 * shard of a discord-hybrid-sharding cluster. Writes `BENCH_READY_DIR/ready-<pid>` once ready.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ClusterClient, getInfo } from "discord-hybrid-sharding";
import { createDiscordBot } from "../src/adapters/discord/client.ts";
import { Library } from "../src/core/library.ts";
import { createLogger } from "../src/logger.ts";

const env = process.env;
const hybrid = env.CLUSTER_MANAGER !== undefined;
const library = await Library.open({
  dataDir: env.DATA_DIR ?? "",
  snapshotPath: env.SNAPSHOT_PATH,
  reindexOnOpen: false,
});
const client = createDiscordBot(
  {
    token: env.BENCH_TOKEN ?? "",
    applicationId: env.DISCORD_APPLICATION_ID ?? "",
    apiUrl: env.DISCORD_API_URL,
    messageContent: false,
    dms: false,
  },
  { library, logger: createLogger("silent") },
);
if (hybrid) {
  const info = getInfo();
  client.options.shards = info.SHARD_LIST;
  client.options.shardCount = info.TOTAL_SHARDS;
  const cluster = new ClusterClient(client);
  client.once("clientReady", () => cluster.triggerReady());
}
client.once("clientReady", () =>
  writeFileSync(path.join(env.BENCH_READY_DIR ?? ".", `ready-${process.pid}`), ""),
);
await client.login(env.BENCH_TOKEN);
