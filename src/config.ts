/**
 * @module
 * The only reader of `process.env`: dotenv, then a zod schema, then a frozen {@link Config}.
 * An invalid value is a startup error that names the variable and says what it should be.
 */
import path from "node:path";
import dotenv from "dotenv";
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

// zod's small build (a twentieth of the full one, which every command loaded), with its English messages.
z.config(en());

const flag = (name: string) =>
  z.pipe(
    z.optional(
      z.enum(["true", "false", "1", "0", "yes", "no", "on", "off", ""], {
        error: `${name} must be true or false`,
      }),
    ),
    z.transform((v) => v === "true" || v === "1" || v === "yes" || v === "on"),
  );

const optionalString = z.pipe(
  z.optional(z.string()),
  z.transform((v) => (v?.trim() ? v.trim() : undefined)),
);

/** `optionalString` with a check of its trimmed value (absent passes). */
const checkedString = (ok: (v: string) => boolean, message: string) =>
  optionalString.check(z.refine((v) => v === undefined || ok(v), { message }));

const optionalUrl = (name: string) =>
  checkedString((v) => URL.canParse(v), `${name} must be a URL such as https://example.org`);

const positiveInt = (name: string, fallback: number) =>
  z
    .pipe(
      z.optional(z.string()),
      z.transform((v) => (v?.trim() ? Number(v) : fallback)),
    )
    .check(
      z.refine((v) => Number.isInteger(v) && v > 0, { message: `${name} must be a positive whole number` }),
    );

/** A comma-separated list whose every item matches `item`; `what` completes "NAME must be comma-separated …". */
const list = (name: string, item: RegExp, what: string) =>
  z
    .pipe(
      z.optional(z.string()),
      z.transform((v) =>
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    )
    .check(
      z.refine((ids) => ids.every((id) => item.test(id)), {
        message: `${name} must be comma-separated ${what}`,
      }),
    );

const numbers = (ids: string[]) => ids.map(Number);
const idList = (name: string) =>
  z.pipe(list(name, /^\d+$/, "numeric user ids, e.g. 12345,67890"), z.transform(numbers));
/** Chat ids: Telegram groups are negative (-1001234567890). */
const chatIdList = (name: string) =>
  z.pipe(list(name, /^-?\d+$/, "numeric chat ids, e.g. -1001234567890"), z.transform(numbers));
const snowflakeList = (name: string) => list(name, /^\d{5,25}$/, "numeric server ids");

/** `30m`, `6h`, `1d` → milliseconds; empty or `off` → undefined (no scheduled refresh). */
const interval = (name: string) =>
  z
    .pipe(
      z.optional(z.string()).check(
        z.refine((v) => v === undefined || /^\s*(?:off||\d+\s*[mhd])\s*$/i.test(v), {
          message: `${name} must be off or a number of minutes, hours or days such as 30m, 6h or 1d`,
        }),
      ),
      z.transform((v) => {
        const match = /^\s*(\d+)\s*([mhd])\s*$/i.exec(v ?? "");
        if (!match) return undefined;
        const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[
          (match[2] as string).toLowerCase() as "m" | "h" | "d"
        ];
        return Number(match[1]) * unit;
      }),
    )
    .check(z.refine((ms) => ms === undefined || ms >= 60_000, { message: `${name} must be at least 1m` }));

/** `6/10s`: at most 6 requests in every 10 seconds (also `m` for minutes). */
const rateLimit = (name: string) =>
  z
    .pipe(
      checkedString(
        (v) => /^\s*\d+\s*\/\s*\d+\s*[sm]\s*$/i.test(v),
        `${name} must be requests per window such as 6/10s or 100/1m`,
      ),
      z.transform((v) => {
        const match = /^\s*(\d+)\s*\/\s*(\d+)\s*([sm])\s*$/i.exec(v ?? "");
        if (!match) return undefined;
        const unit = (match[3] as string).toLowerCase() === "m" ? 60_000 : 1_000;
        return { limit: Number(match[1]), windowMs: Number(match[2]) * unit };
      }),
    )
    .check(
      z.refine((r) => r === undefined || (r.limit > 0 && r.windowMs > 0), {
        message: `${name} needs a limit and a window above zero`,
      }),
    );

const pattern = (re: RegExp) => (v: string) => re.test(v);

const schema = z.object({
  DATA_DIR: z._default(z.optional(z.string()), "./data"),
  STATE_DIR: z._default(z.optional(z.string()), "./state"),
  SNAPSHOT_PATH: optionalString,
  LOG_LEVEL: z._default(
    z.optional(
      z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], {
        error: "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent",
      }),
    ),
    "info",
  ),

  TELEGRAM_BOT_TOKEN: checkedString(
    pattern(/^\d+:[\w-]+$/),
    "TELEGRAM_BOT_TOKEN does not look like a bot token (123456:ABC-def…); copy it from @BotFather",
  ),
  TELEGRAM_API_ROOT: optionalUrl("TELEGRAM_API_ROOT"),
  TELEGRAM_ADMIN_IDS: idList("TELEGRAM_ADMIN_IDS"),
  TELEGRAM_MODERATOR_CHATS: chatIdList("TELEGRAM_MODERATOR_CHATS"),
  TELEGRAM_WEBHOOK_URL: optionalUrl("TELEGRAM_WEBHOOK_URL"),
  TELEGRAM_WEBHOOK_PORT: positiveInt("TELEGRAM_WEBHOOK_PORT", 8080),
  TELEGRAM_WEBHOOK_SECRET: checkedString(
    pattern(/^[A-Za-z0-9_-]{1,256}$/),
    "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -",
  ),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: checkedString(
    pattern(/^\d{5,25}$/),
    "DISCORD_APPLICATION_ID must be the numeric application id from the Developer Portal",
  ),
  DISCORD_API_URL: optionalUrl("DISCORD_API_URL"),
  DISCORD_GUILD_ID: checkedString(pattern(/^\d{5,25}$/), "DISCORD_GUILD_ID must be a numeric server id"),
  DISCORD_MODERATOR_GUILDS: snowflakeList("DISCORD_MODERATOR_GUILDS"),
  DISCORD_MESSAGE_CONTENT: flag("DISCORD_MESSAGE_CONTENT"),
  DISCORD_DMS: flag("DISCORD_DMS"),
  DISCORD_SHARDS: checkedString(
    (v) => v === "auto" || /^\d+$/.test(v),
    "DISCORD_SHARDS must be auto or a number of shards",
  ),
  DISCORD_SHARD_PROCESSES: checkedString(
    pattern(/^[1-9]\d*$/),
    "DISCORD_SHARD_PROCESSES must be a positive whole number of processes",
  ),
  // Set by discord.js's ShardingManager in each shard process it spawns (with DISCORD_TOKEN).
  SHARDS: checkedString(
    pattern(/^\d+$/),
    "SHARDS must be a shard number (discord.js sets it in shard processes)",
  ),
  // Set by discord-hybrid-sharding in each shard process (a cluster of shards) it spawns.
  CLUSTER: checkedString(
    pattern(/^\d+$/),
    "CLUSTER must be a cluster number (discord-hybrid-sharding sets it in shard processes)",
  ),

  // https://no-color.org: present and not empty means no colour, whatever its value.
  NO_COLOR: optionalString,

  WATCH_DATA: flag("WATCH_DATA"),
  // On unless turned off: the semantic signal is part of what answers mean.
  SEMANTIC: z.pipe(
    z.optional(
      z.enum(["true", "false", "1", "0", "yes", "no", "on", "off", ""], {
        error: "SEMANTIC must be on or off",
      }),
    ),
    z.transform((v) => v === undefined || v === "" || v === "true" || v === "1" || v === "yes" || v === "on"),
  ),
  LOG_QUESTIONS: z.pipe(
    z.optional(z.string()),
    z.transform((v) => v === undefined || v.trim() === "" || /^(true|1|yes|on)$/i.test(v.trim())),
  ),
  QUESTION_RETENTION_DAYS: positiveInt("QUESTION_RETENTION_DAYS", 30),
  UPLOAD_MAX_BYTES: positiveInt("UPLOAD_MAX_BYTES", 1_000_000),
  ALLOW_PRIVATE_URLS: flag("ALLOW_PRIVATE_URLS"),
  REFRESH_INTERVAL: interval("REFRESH_INTERVAL"),
  LIBRARY_SCOPE: z._default(
    z.optional(z.enum(["shared", "community"], { error: "LIBRARY_SCOPE must be shared or community" })),
    "shared",
  ),
  LIBRARY_MEMORY_MB: positiveInt("LIBRARY_MEMORY_MB", 256),
  REDIS_URL: checkedString(
    pattern(/^rediss?:\/\/[^\s]+$/),
    "REDIS_URL must be a Redis URL such as redis://localhost:6379 (rediss:// for TLS)",
  ),
  RATE_LIMIT_USER: rateLimit("RATE_LIMIT_USER"),
  RATE_LIMIT_CHAT: rateLimit("RATE_LIMIT_CHAT"),
});

/** Validated settings. Paths are absolute. */
export interface Config {
  dataDir: string;
  stateDir: string;
  snapshotPath: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  telegram?: {
    token: string;
    apiRoot?: string;
    adminIds: number[];
    /** Groups whose administrators may moderate; empty means every group the bot is in. */
    moderatorChats?: number[];
    webhook?: { url: string; port: number; secret?: string };
  };
  discord?: {
    token: string;
    applicationId: string;
    apiUrl?: string;
    guildId?: string;
    /** Servers whose Manage Server members may moderate; empty means every server. */
    moderatorGuilds?: string[];
    messageContent: boolean;
    dms: boolean;
    shards?: "auto" | number;
    /** Processes the shards run in (DISCORD_SHARD_PROCESSES); default one per core, at most one per shard. */
    shardProcesses?: number;
  };
  /** In a Discord shard process: which process (cluster of shards) this is, and the token the parent handed over. */
  discordShard?: { id: number; token: string };
  /** `NO_COLOR` is set: the terminal prints no styling even on a TTY. */
  noColor: boolean;
  watchData: boolean;
  /** Sentence embeddings for retrieval and refusal (`SEMANTIC=off` answers from keywords only). */
  semantic: boolean;
  logQuestions: boolean;
  questionRetentionDays: number;
  uploadMaxBytes: number;
  /** Fetch web pages from private, loopback and link-local addresses too (ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
  /** Re-fetch the web pages this often (REFRESH_INTERVAL); absent: only on `/refresh` or `npm run refresh`. */
  refreshIntervalMs?: number;
  /**
   * `shared`: one library for every chat (DATA_DIR). `community`: each Telegram group and Discord
   * server gets its own library as well, created on its first moderator action.
   */
  libraryScope: "shared" | "community";
  /** Community libraries held in memory at once, estimated (LIBRARY_MEMORY_MB), in bytes. */
  libraryMemoryBytes: number;
  /** Shared state for several processes (REDIS_URL); absent: each process keeps its own, in memory. */
  redisUrl?: string;
  /** Rate limits per user and per chat (RATE_LIMIT_USER, RATE_LIMIT_CHAT); absent: the defaults. */
  rates: {
    user?: { limit: number; windowMs: number };
    chat?: { limit: number; windowMs: number };
  };
}

/** A configuration problem; the message names every bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads `.env` (if present) and the environment, validates, and returns a frozen {@link Config}.
 *
 * @example
 * ```ts
 * const config = loadConfig();            // process.env after .env
 * const test = loadConfig({ DATA_DIR: "test/fixtures" }, { dotenv: false });
 * ```
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { dotenv?: boolean; cwd?: string } = {},
): Readonly<Config> {
  const cwd = options.cwd ?? process.cwd();
  if (options.dotenv !== false && env === process.env) {
    // quiet: dotenv 17 otherwise prints a banner on stdout, which would corrupt `ask --json`.
    dotenv.config({ path: path.join(cwd, ".env"), quiet: true });
  }
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new ConfigError(
      `citebot: invalid configuration\n${lines.join("\n")}\nFix it in .env or the environment.`,
    );
  }
  const e = parsed.data;
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      "citebot: invalid configuration\n  DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (Developer Portal → General Information → Application ID)",
    );
  }
  // Shard processes answer from their own copy of the base index; they hold no community libraries.
  if (e.LIBRARY_SCOPE === "community" && e.DISCORD_SHARDS !== undefined) {
    throw new ConfigError(
      "citebot: invalid configuration\n  LIBRARY_SCOPE: community does not work with DISCORD_SHARDS yet; unset one of them",
    );
  }
  const stateDir = path.resolve(cwd, e.STATE_DIR);
  const config: Config = {
    dataDir: path.resolve(cwd, e.DATA_DIR),
    stateDir,
    snapshotPath: path.resolve(cwd, e.SNAPSHOT_PATH ?? path.join(stateDir, "index.json")),
    logLevel: e.LOG_LEVEL,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          adminIds: e.TELEGRAM_ADMIN_IDS,
          moderatorChats: e.TELEGRAM_MODERATOR_CHATS,
          webhook: e.TELEGRAM_WEBHOOK_URL
            ? {
                url: e.TELEGRAM_WEBHOOK_URL,
                port: e.TELEGRAM_WEBHOOK_PORT,
                secret: e.TELEGRAM_WEBHOOK_SECRET,
              }
            : undefined,
        }
      : undefined,
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            apiUrl: e.DISCORD_API_URL,
            guildId: e.DISCORD_GUILD_ID,
            moderatorGuilds: e.DISCORD_MODERATOR_GUILDS,
            messageContent: e.DISCORD_MESSAGE_CONTENT,
            dms: e.DISCORD_DMS,
            shards:
              e.DISCORD_SHARDS === undefined
                ? undefined
                : e.DISCORD_SHARDS === "auto"
                  ? "auto"
                  : Number(e.DISCORD_SHARDS),
            shardProcesses:
              e.DISCORD_SHARD_PROCESSES === undefined ? undefined : Number(e.DISCORD_SHARD_PROCESSES),
          }
        : undefined,
    discordShard:
      (e.CLUSTER ?? e.SHARDS) === undefined
        ? undefined
        : { id: Number(e.CLUSTER ?? e.SHARDS), token: e.DISCORD_TOKEN ?? "" },
    noColor: e.NO_COLOR !== undefined,
    watchData: e.WATCH_DATA,
    semantic: e.SEMANTIC,
    logQuestions: e.LOG_QUESTIONS,
    questionRetentionDays: e.QUESTION_RETENTION_DAYS,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    allowPrivateUrls: e.ALLOW_PRIVATE_URLS,
    refreshIntervalMs: e.REFRESH_INTERVAL,
    libraryScope: e.LIBRARY_SCOPE,
    libraryMemoryBytes: e.LIBRARY_MEMORY_MB * 1_048_576,
    redisUrl: e.REDIS_URL,
    rates: {
      ...(e.RATE_LIMIT_USER ? { user: e.RATE_LIMIT_USER } : {}),
      ...(e.RATE_LIMIT_CHAT ? { chat: e.RATE_LIMIT_CHAT } : {}),
    },
  };
  return Object.freeze(config);
}
