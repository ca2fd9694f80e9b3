/**
 * @module
 * One discord-hybrid-sharding cluster for `bench/shard-memory.ts`: one process, one index copy,
 * one discord.js client running every shard of its cluster. Writes `BENCH_READY_DIR/cluster-<id>`
 * once all its shards are ready.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ClusterClient, getInfo } from "discord-hybrid-sharding";
import { createDiscordBot } from "../src/adapters/discord/client.ts";
import { Library } from "../src/core/library.ts";
import { createLogger } from "../src/logger.ts";

const info = getInfo();
const env = process.env;
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
client.options.shards = info.SHARD_LIST;
client.options.shardCount = info.TOTAL_SHARDS;
(client as unknown as { cluster: ClusterClient<typeof client> }).cluster = new ClusterClient(client);
client.once("clientReady", () =>
  writeFileSync(path.join(env.BENCH_READY_DIR ?? ".", `cluster-${info.CLUSTER}`), String(process.pid)),
);
await client.login(env.BENCH_TOKEN);
