/**
 * @module
 * A loopback load balancer for webhook replicas: each POST goes to the next backend in turn, its
 * answer comes back unchanged; a backend that is down answers 502, as a real balancer would, and
 * the sender (Telegram, or the test acting as it) delivers again. Backends can be replaced while
 * it runs (a restarted replica).
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** A running proxy. */
export interface RoundRobinProxy {
  url: string;
  /** Which backend (by index) each request went to, in order. */
  readonly routed: number[];
  /** The `update_id`s of requests on their way to backend `index` now (sent, not yet answered). */
  inFlight(index: number): number[];
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const proxy = await startRoundRobinProxy(() => replicas.map((r) => r.port));
 * await fetch(`${proxy.url}/hook`, { method: "POST", body });
 * ```
 */
export async function startRoundRobinProxy(backends: () => number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const routed: number[] = [];
  const open = new Map<number, Set<number>>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const ports = backends();
    const index = next++ % ports.length;
    routed.push(index);
    const id = updateId(body);
    const pending = open.get(index) ?? open.set(index, new Set()).get(index);
    pending?.add(id);
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: ports[index],
        path: req.url,
        method: req.method,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("end", () => pending?.delete(id));
      },
    );
    upstream.on("error", () => {
      pending?.delete(id);
      if (!res.headersSent) res.writeHead(502).end("bad gateway");
      else res.destroy();
    });
    upstream.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    inFlight: (index) => [...(open.get(index) ?? [])],
    async close() {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

function updateId(body: Buffer): number {
  try {
    return Number((JSON.parse(body.toString()) as { update_id?: number }).update_id ?? -1);
  } catch {
    return -1;
  }
}
