/**
 * @module
 * `npx tsx bench/shard-memory.ts [--shards 4] [--passages 10000]`: memory of K Discord shards
 * against the loopback fake gateway, answered from the same corpus, two ways:
 *
 * - **sharding-manager**: citebot's `DISCORD_SHARDS` (discord.js ShardingManager), one process per
 *   shard, each with its own copy of the index;
 * - **hybrid**: discord-hybrid-sharding's ClusterManager with one cluster of K shards, one process
 *   and one index copy.
 *
 * Reported: the summed RSS of the shard (or cluster) processes once every shard is connected, read
 * from `/proc/<pid>/status`; the managing process (this one) is the same in both and not counted.
 * Each way runs in a fresh child of this script, so neither inherits the other's heap.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ShardingManager } from "discord.js";
import { ClusterManager } from "discord-hybrid-sharding";
import { Library } from "../src/core/library.ts";
import { startFakeDiscord } from "../test/fakes/discord-server.ts";
import { buildCorpus } from "./corpus.ts";
import { writeDocuments } from "./startup.ts";

const { values } = parseArgs({
  options: {
    shards: { type: "string", default: "4" },
    passages: { type: "string", default: "10000" },
    mode: { type: "string" },
    dir: { type: "string" },
  },
});
const shards = Number(values.shards);

/** RSS in MB of every descendant process of this one. */
function childrenRssMb(): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents)
      if (mine.has(parent) && !mine.has(pid)) {
        mine.add(pid);
        grew = true;
      }
  }
  mine.delete(process.pid);
  let kb = 0;
  for (const pid of mine) {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

const settle = () => new Promise((r) => setTimeout(r, 2_000)); // let start-up garbage be collected

/** One way, in this (child) process: start the shards, measure, stop. */
async function measure(mode: string, dir: string): Promise<void> {
  for (const f of readdirSync(dir)) if (f.startsWith("ready-")) rmSync(path.join(dir, f));
  const discord = await startFakeDiscord();
  Object.assign(process.env, {
    DATA_DIR: path.join(dir, "data"),
    SNAPSHOT_PATH: path.join(dir, "index.json"),
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    LOG_LEVEL: "silent",
    SEMANTIC: "off",
    BENCH_TOKEN: discord.token,
    BENCH_READY_DIR: dir,
  });
  const file = fileURLToPath(new URL("./shard-process.ts", import.meta.url));
  const execArgv = ["--import", "tsx"];
  let stop: () => Promise<void>;
  if (mode === "sharding-manager") {
    const manager = new ShardingManager(file, {
      token: discord.token,
      totalShards: shards,
      mode: "process",
      execArgv,
    });
    await manager.spawn({ timeout: 120_000 });
    stop = async () => {
      for (const shard of manager.shards.values()) shard.kill();
    };
  } else {
    const manager = new ClusterManager(file, {
      token: discord.token,
      totalShards: shards,
      shardsPerClusters: shards,
      mode: "process",
      execArgv,
      respawn: false,
    });
    void manager.spawn({ timeout: -1 });
    await new Promise((resolve) => manager.once("clusterReady", resolve));
    stop = async () => {
      for (const cluster of manager.clusters.values()) cluster.kill({ force: true });
    };
  }
  const readies = () => readdirSync(dir).filter((f) => f.startsWith("ready-")).length;
  while (readies() < (mode === "hybrid" ? 1 : shards)) await new Promise((r) => setTimeout(r, 100));
  await settle();
  const rss = childrenRssMb();
  process.stdout.write(`${JSON.stringify({ mode, shards, rssMb: Math.round(rss) })}\n`);
  await stop();
  await discord.close();
  process.exit(0);
}

if (values.mode && values.dir) {
  await measure(values.mode, values.dir);
} else {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-shard-memory-"));
  try {
    const corpus = buildCorpus({ size: Number(values.passages), seed: 42, source: "zipf" });
    await writeDocuments(corpus, path.join(dir, "data"));
    const library = await Library.open({
      dataDir: path.join(dir, "data"),
      snapshotPath: path.join(dir, "index.json"),
    });
    console.log(
      `corpus: ${library.size.passages} passages in ${library.size.documents} documents; ${shards} shards`,
    );
    const me = fileURLToPath(import.meta.url);
    for (const mode of ["sharding-manager", "hybrid"]) {
      const out = execFileSync(
        process.execPath,
        ["--import", "tsx", me, "--mode", mode, "--dir", dir, "--shards", String(shards)],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      console.log(out.trim().split("\n").at(-1));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
