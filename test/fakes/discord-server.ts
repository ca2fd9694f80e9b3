/**
 * @module
 * A fake Discord on 127.0.0.1 (port 0) for end-to-end tests of the real discord.js client: REST
 * under `/api/v10` (the routes the bot uses, payloads validated against Discord's limits, 400 on
 * violations) and a gateway (see discord-gateway.ts). Tests dispatch interactions and messages
 * and read back what the bot answered.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./discord-gateway.ts";
import { type InteractionResult, type RestState, routeRest } from "./discord-rest.ts";
import { createWorld, snowflake } from "./discord-world.ts";

type Json = Record<string, unknown>;

export type { InteractionResult } from "./discord-rest.ts";
export { snowflake };

/** One request the bot made, with its parsed JSON body. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
  problems: string[];
}

export interface FakeDiscordOptions {
  token?: string;
  /** Intent bits the application is allowed (privileged ones must be "enabled in the portal"). */
  allowedIntents?: number;
  /** Discord's window to acknowledge an interaction. */
  ackWindowMs?: number;
}

/**
 * Starts the fake. Close it in `afterAll`.
 *
 * @example
 * ```ts
 * const discord = await startFakeDiscord();
 * const client = createDiscordBot({ ...settings, apiUrl: discord.apiUrl, token: discord.token }, deps);
 * ```
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const world = createWorld(options.token ?? "fake.bot-token.for-tests");
  const { token, applicationId, guildId, channelId, botUser, guild } = world;
  const requests: RecordedRequest[] = [];
  const state: RestState = {
    world,
    gatewayUrl: () => `ws://127.0.0.1:${port}`,
    ackWindowMs: options.ackWindowMs ?? 3000,
    interactions: new Map(),
    byToken: new Map(),
    channelMessages: [],
    threads: [],
    commands: new Map(),
  };
  const { interactions, byToken, channelMessages, threads, commands } = state;
  const attachments = new Map<string, { bytes: Uint8Array; downloads: number }>();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}`;
  const route = (method: string, path: string, body: unknown, auth: string | undefined) =>
    routeRest(state, method, path, body, auth);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const file = /^\/attachments\/(\d+)\//.exec(url.pathname);
    if (file && req.method === "GET") {
      // the CDN: no auth, raw bytes; counted so tests can prove a refused file was never fetched
      const served = attachments.get(file[1] ?? "");
      if (served) served.downloads++;
      res.writeHead(served ? 200 : 404, { "content-type": "application/octet-stream" });
      res.end(served?.bytes);
      return;
    }
    const [status, payload, problems] = url.pathname.startsWith("/api/v10/")
      ? route(req.method ?? "GET", path, body, req.headers.authorization)
      : [404, { message: "404: Not Found", code: 0 }, []];
    requests.push({ method: req.method ?? "GET", path, body, status, problems });
    res.writeHead(status, payload === undefined ? {} : { "content-type": "application/json" });
    res.end(payload === undefined ? undefined : JSON.stringify(payload));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  const gateway = new FakeGateway(
    server,
    {
      token,
      botUser,
      applicationId,
      guild,
      allowedIntents: options.allowedIntents ?? 0,
      heartbeatInterval: 1500,
    },
    () => gatewayUrl(),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;

  return {
    token,
    applicationId,
    guildId,
    channelId,
    botUser,
    apiUrl: `http://127.0.0.1:${port}/api`,
    gateway,
    requests,
    commands,
    channelMessages,
    threads,
    /** Requests Discord would have rejected (4xx from validation). */
    get rejected() {
      return requests.filter((r) => r.problems.length > 0);
    },
    /**
     * Uploads a file to the fake CDN and returns the attachment object a user's interaction
     * carries (`resolved.attachments`). `announcedSize` lets a test make Discord's size lie.
     */
    attach(filename: string, bytes: Uint8Array, options: { announcedSize?: number } = {}) {
      const id = snowflake();
      attachments.set(id, { bytes, downloads: 0 });
      const url = `http://127.0.0.1:${port}/attachments/${id}/${encodeURIComponent(filename)}`;
      return {
        id,
        filename,
        size: options.announcedSize ?? bytes.byteLength,
        url,
        proxy_url: url,
        content_type: "text/markdown; charset=utf-8",
      };
    },
    /** How many times each uploaded attachment was downloaded, by attachment id. */
    downloads(id: string): number {
      return attachments.get(id)?.downloads ?? 0;
    },
    /** Dispatches an interaction and returns the live record of what the bot answers. */
    interact(payload: Json): InteractionResult {
      const record = {
        callbacks: [],
        edits: [],
        followups: [],
        at: Date.now(),
        token: String(payload.token),
      };
      interactions.set(String(payload.id), record);
      byToken.set(record.token, String(payload.id));
      gateway.dispatch("INTERACTION_CREATE", payload);
      return record;
    },
    /** Dispatches a user's message in the guild channel (or a DM channel id). */
    say(payload: Json): void {
      gateway.dispatch("MESSAGE_CREATE", payload);
    },
    async close(): Promise<void> {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The fake's handle, as returned by {@link startFakeDiscord}. */
export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

/**
 * Polls `condition` every 20 ms until it holds, failing after `timeoutMs` with `label`.
 *
 * @example
 * ```ts
 * await waitUntil(() => result.edits.length === 1, "the answer");
 * ```
 */
export async function waitUntil(condition: () => boolean, label: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
