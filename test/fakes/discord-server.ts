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
import { choiceProblems, commandProblems, messageProblems } from "./discord-limits.ts";

type Json = Record<string, unknown>;

/** One request the bot made, with its parsed JSON body. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
  problems: string[];
}

/** Everything the bot sent in answer to one interaction. */
export interface InteractionResult {
  callbacks: Json[];
  edits: Json[];
  followups: Json[];
  /** When the interaction was dispatched (for Discord's 3-second window). */
  at: number;
}

let snowflakeCounter = 0n;
/** A fresh, valid-looking Discord snowflake (17-19 digits). */
export function snowflake(): string {
  return ((BigInt(Date.now() - 1420070400000) << 22n) | (snowflakeCounter++ & 0xfffn)).toString();
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
  const token = options.token ?? "fake.bot-token.for-tests";
  const applicationId = snowflake();
  const guildId = snowflake();
  const channelId = snowflake();
  const botUser = {
    id: applicationId,
    username: "citebot",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const channel = {
    id: channelId,
    type: 0,
    guild_id: guildId,
    name: "general",
    position: 0,
    permission_overwrites: [],
  };
  const guild: Json = {
    id: guildId,
    name: "Test server",
    icon: null,
    owner_id: snowflake(),
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guildId,
        name: "@everyone",
        permissions: "104324673",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [channel],
    threads: [],
    members: [
      { user: botUser, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    ],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: new Date().toISOString(),
    preferred_locale: "en-US",
    premium_tier: 0,
    nsfw_level: 0,
    verification_level: 0,
    system_channel_flags: 0,
  };

  const requests: RecordedRequest[] = [];
  const interactions = new Map<string, InteractionResult & { token: string }>();
  const byToken = new Map<string, string>();
  const channelMessages: { channelId: string; body: Json }[] = [];
  const threads: Json[] = [];
  const commands = new Map<string, unknown>();
  const ackWindowMs = options.ackWindowMs ?? 3000;

  const message = (channel_id: string, body: Json, flags = 0): Json => ({
    id: snowflake(),
    channel_id,
    type: 0,
    author: botUser,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags,
  });

  function route(
    method: string,
    path: string,
    body: unknown,
    auth: string | undefined,
  ): [number, unknown, string[]] {
    const authed = auth === `Bot ${token}`;
    const unauthorized: [number, unknown, string[]] = [401, { message: "401: Unauthorized", code: 0 }, []];
    const invalid = (problems: string[]): [number, unknown, string[]] => [
      400,
      { message: "Invalid Form Body", code: 50035, errors: problems },
      problems,
    ];
    let groups: string[] = [];
    const at = (re: RegExp) => {
      const found = re.exec(path);
      groups = found ? found.map((x) => x ?? "") : [];
      return found !== null;
    };
    const g = (i: number) => groups[i] ?? "";
    if (method === "GET" && path === "/gateway/bot") {
      if (!authed) return unauthorized;
      return [
        200,
        {
          url: gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
        [],
      ];
    }
    if (method === "GET" && path === "/users/@me") return authed ? [200, botUser, []] : unauthorized;
    if (at(/^\/interactions\/(\d+)\/([^/]+)\/callback$/) && method === "POST") {
      const record = interactions.get(g(1));
      if (!record || record.token !== g(2) || Date.now() - record.at > ackWindowMs)
        return [404, { message: "Unknown interaction", code: 10062 }, []];
      if (record.callbacks.length > 0)
        return [
          400,
          { message: "Interaction has already been acknowledged.", code: 40060 },
          ["already acknowledged"],
        ];
      const b = body as Json;
      const problems =
        b.type === 4 || b.type === 7
          ? messageProblems(b.data, { create: true })
          : b.type === 8
            ? choiceProblems(b.data)
            : [5, 6].includes(Number(b.type))
              ? []
              : [`unknown callback type ${String(b.type)}`];
      if (problems.length) return invalid(problems);
      record.callbacks.push(b);
      return [204, undefined, []];
    }
    if (at(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/@original)?$/)) {
      const id = byToken.get(g(2));
      const record = id ? interactions.get(id) : undefined;
      if (g(1) !== applicationId || !record || record.callbacks.length === 0)
        return [404, { message: "Unknown Webhook", code: 10015 }, []];
      const isEdit = method === "PATCH" && path.endsWith("/@original");
      const problems = messageProblems(body, { create: !isEdit });
      if (problems.length) return invalid(problems);
      (isEdit ? record.edits : record.followups).push(body as Json);
      return [200, message(channelId, body as Json), []];
    }
    if (!authed) return unauthorized;
    if (at(/^\/channels\/(\d+)\/messages$/) && method === "POST") {
      const problems = messageProblems(body, { create: true });
      if (problems.length) return invalid(problems);
      channelMessages.push({ channelId: g(1), body: body as Json });
      return [200, message(g(1), body as Json), []];
    }
    if (at(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/) && method === "POST") {
      const name = String((body as Json).name ?? "");
      if (!name || name.length > 100) return invalid(["thread name must be 1-100"]);
      const thread = {
        id: snowflake(),
        type: 11,
        guild_id: guildId,
        parent_id: g(1),
        name,
        owner_id: applicationId,
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: (body as Json).auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      };
      threads.push(thread);
      return [201, thread, []];
    }
    if (at(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/) && method === "PUT") {
      if (g(1) !== applicationId) return [403, { message: "Missing Access", code: 50001 }, []];
      const problems = commandProblems(body);
      if (problems.length) return invalid(problems);
      commands.set(g(2) ? `guild:${g(2)}` : "global", body);
      return [
        200,
        (body as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: applicationId })),
        [],
      ];
    }
    return [404, { message: "404: Not Found", code: 0 }, []];
  }

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
  const world = {
    token,
    botUser,
    applicationId,
    guild,
    allowedIntents: options.allowedIntents ?? 0,
    heartbeatInterval: 1500,
  };
  const gateway = new FakeGateway(server, world, () => gatewayUrl());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  function gatewayUrl() {
    return `ws://127.0.0.1:${port}`;
  }

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
