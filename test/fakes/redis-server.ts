/**
 * @module
 * A real `redis-server` for tests, started on a free loopback port in a temporary directory, with
 * persistence off (`--save '' --appendonly no`), ready once it answers PING; stopped after. It can
 * be stopped and started again on the same port, to test what citebot does while Redis is down.
 * `redis-server` comes from Debian's package (`.ci/run` installs it); without it the Redis tests
 * are skipped locally, and fail in CI.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

/** Whether `redis-server` can run here; tests `describe.skipIf(!hasRedisServer)` outside CI. */
export const hasRedisServer: boolean = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI)
      throw new Error("redis-server is missing: .ci/run installs it (apt-get install redis-server)");
    return false;
  }
})();

/** A running test Redis. */
export interface TestRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM) and waits until it exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits for PING; nothing when it is running. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  close(): Promise<void>;
}

/** A port nothing listens on now: bound on port 0 and released (redis-server has no `--port 0`). */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * process.env.REDIS_URL = redis.url;
 * afterAll(() => redis.close());
 * ```
 */
export async function startRedisServer(): Promise<TestRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), "citebot-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child && child.exitCode === null) return; // running already
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    child = spawn("redis-server", [...args, "--dir", dir], { stdio: "ignore" });
    await waitForPing(port, child);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the server answers PING; rejects if it exits first or takes over 10 s. */
async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} (port ${port})`);
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`redis-server did not answer PING on port ${port} within 10 s`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * One `redis-server` for the `describe` block that calls this: started before its tests, stopped
 * after them. Returns a getter (the server exists only once `beforeAll` ran).
 *
 * @example
 * ```ts
 * const redis = useTestRedis();
 * it("…", () => openSharedState({ redisUrl: redis().url, logger }));
 * ```
 */
export function useTestRedis(): () => TestRedis {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.close();
  });
  return () => {
    if (!redis) throw new Error("useTestRedis: the server starts in beforeAll; use it inside a test");
    return redis;
  };
}
