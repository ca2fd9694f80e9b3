import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { silentLogger } from "../../src/core/types.ts";
import { openSharedState, type SharedState } from "../../src/state/shared-state.ts";
import { hasRedisServer, useTestRedis } from "../fakes/redis-server.ts";

const RIVER = "---\ntitle: River News\n---\nThe river rose by two metres overnight, flooding the old town.\n";
const BRIDGE =
  "---\ntitle: Bridge News\n---\nThe old stone bridge was closed to traffic after engineers found deep cracks.\n";

describe.skipIf(!hasRedisServer)("one library across replicas (REDIS_URL)", () => {
  const redis = useTestRedis();
  let dir: string;
  let dataDir: string;
  const states: SharedState[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-sync-"));
    dataDir = path.join(dir, "data");
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, "river.md"), RIVER);
  });
  afterEach(async () => {
    for (const s of states.splice(0)) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A replica: its own Redis connection and its own Library on the shared DATA_DIR and STATE_DIR. */
  async function replica(): Promise<{ library: Library; state: SharedState }> {
    const state = openSharedState({ redisUrl: redis().url, logger: silentLogger });
    states.push(state);
    await state.ready();
    const snapshotPath = path.join(dir, "state", "index.json");
    const open = (reindexOnOpen: boolean) => Library.open({ dataDir, snapshotPath, reindexOnOpen });
    const library = await state.library(
      () => open(true),
      () => open(false),
    );
    return { library, state };
  }
  const cites = async (library: Library, file: string) =>
    (await library.ask("why was the stone bridge closed?")).sources.some((s) => s.file === file);

  it("a document added through one replica is cited by the others within 5 s", async () => {
    const [a, b, c] = [await replica(), await replica(), await replica()];
    expect(await cites(b.library, "bridge.md")).toBe(false);
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    const report = await a.library.reindex();
    expect(report.added).toEqual(["bridge.md"]);
    const generation = a.state.sync?.generation ?? 0;
    const started = Date.now();
    await Promise.all(
      [b, c].map((r) =>
        Promise.race([
          r.state.sync?.caughtUp(generation),
          new Promise((_, reject) => setTimeout(() => reject(new Error("not loaded within 5 s")), 5_000)),
        ]),
      ),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await cites(b.library, "bridge.md")).toBe(true);
    expect(await cites(c.library, "bridge.md")).toBe(true);
  });

  it("builds one change at a time, each on the one before", async () => {
    const [a, b] = [await replica(), await replica()];
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    const before = a.state.sync?.generation ?? 0;
    // Both reindex at once: one builds and publishes; the other, after it, finds nothing new.
    const reports = await Promise.all([a.library.reindex(), b.library.reindex()]);
    expect(reports.map((r) => r.added.length).sort()).toEqual([0, 1]);
    expect(Math.max(a.state.sync?.generation ?? 0, b.state.sync?.generation ?? 0)).toBe(before + 1);
  });

  it("npm run reindex builds under the lock and every running replica loads it", async () => {
    const running = await replica();
    const before = running.state.sync?.generation ?? 0;
    await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      STATE_DIR: path.join(dir, "state"),
      REDIS_URL: redis().url,
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli/reindex.ts", "--json"],
      { env: { ...env, SEMANTIC: "off", LOG_LEVEL: "silent", SNAPSHOT_PATH: "" } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ added: ["bridge.md"] });
    await running.state.sync?.caughtUp(before + 1);
    expect(await cites(running.library, "bridge.md")).toBe(true);
  }, 30_000);

  it("answers from its library while Redis is down, and shuts down", async () => {
    const running = await replica();
    await redis().stop();
    try {
      expect((await running.library.ask("why did the river flood the old town?")).answered).toBe(true);
      await running.state.close();
      states.splice(states.indexOf(running.state), 1);
    } finally {
      await redis().start();
    }
  }, 15_000);
});
