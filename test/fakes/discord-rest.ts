/**
 * @module
 * The REST half of the fake Discord: the routes the bot calls under `/api/v10`, with Discord's
 * authentication rules (bot token, except for interaction and webhook routes), its 3-second
 * acknowledgement window, one acknowledgement per interaction, and 400 for payloads over limits.
 */
import { choiceProblems, commandProblems, messageProblems } from "./discord-limits.ts";
import { botMessage, snowflake, type World } from "./discord-world.ts";

type Json = Record<string, unknown>;

/** Everything the bot sent in answer to one interaction. */
export interface InteractionResult {
  callbacks: Json[];
  edits: Json[];
  followups: Json[];
  /** When the interaction was dispatched (for Discord's 3-second window). */
  at: number;
}

/** What the REST routes read and record. */
export interface RestState {
  world: World;
  gatewayUrl: () => string;
  ackWindowMs: number;
  interactions: Map<string, InteractionResult & { token: string }>;
  byToken: Map<string, string>;
  channelMessages: { channelId: string; body: Json }[];
  threads: Json[];
  commands: Map<string, unknown>;
}

/** Status, JSON body (undefined for 204) and the validation problems that caused a 400. */
export type RestReply = [number, unknown, string[]];

/** Answers one REST request (path without the `/api/v10` prefix). */
export function routeRest(
  state: RestState,
  method: string,
  path: string,
  body: unknown,
  auth: string | undefined,
): RestReply {
  const { token, applicationId, guildId, channelId, botUser } = state.world;
  const { interactions, byToken, channelMessages, threads, commands, ackWindowMs, gatewayUrl } = state;
  const message = (channel: string, b: Json) => botMessage(state.world, channel, b);
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
    return [200, (body as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: applicationId })), []];
  }
  return [404, { message: "404: Not Found", code: 0 }, []];
}
