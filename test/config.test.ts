import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const load = (env: Record<string, string>) => loadConfig(env, { dotenv: false, cwd: "/srv/citebot" });

describe("loadConfig", () => {
  it("defaults to the terminal on ./data with state in ./state", () => {
    const config = load({});
    expect(config).toMatchObject({
      dataDir: "/srv/citebot/data",
      stateDir: "/srv/citebot/state",
      snapshotPath: "/srv/citebot/state/index.json",
      logLevel: "info",
      logQuestions: true,
      watchData: false,
    });
    expect(config.telegram).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("enables the adapters whose tokens are set", () => {
    const config = load({
      TELEGRAM_BOT_TOKEN: "123456:ABC-def_ghi",
      TELEGRAM_ADMIN_IDS: "12, 34",
      TELEGRAM_MODERATOR_CHATS: "-1001234567890",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
      DISCORD_TOKEN: "abc.def.ghi",
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_SHARDS: "auto",
    });
    expect(config.telegram).toMatchObject({
      adminIds: [12, 34],
      moderatorChats: [-1001234567890],
      apiRoot: "http://127.0.0.1:8081",
    });
    expect(config.discord).toMatchObject({
      applicationId: "123456789012345678",
      shards: "auto",
      messageContent: false,
    });
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, /TELEGRAM_BOT_TOKEN does not look like a bot token.*BotFather/],
    [{ TELEGRAM_ADMIN_IDS: "alice" }, /TELEGRAM_ADMIN_IDS must be comma-separated numeric user ids/],
    [{ DISCORD_API_URL: "nope" }, /DISCORD_API_URL must be a URL/],
    [{ DISCORD_TOKEN: "abc" }, /DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set/],
    [{ WATCH_DATA: "maybe" }, /WATCH_DATA must be true or false/],
    [
      { TELEGRAM_MODERATOR_CHATS: "my group" },
      /TELEGRAM_MODERATOR_CHATS must be comma-separated numeric chat ids/,
    ],
    [
      { DISCORD_MODERATOR_GUILDS: "-5" },
      /DISCORD_MODERATOR_GUILDS must be comma-separated numeric server ids/,
    ],
    [{ QUESTION_RETENTION_DAYS: "-3" }, /QUESTION_RETENTION_DAYS must be a positive whole number/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });

  it("names every bad variable at once, in one error", () => {
    expect(() => load({ WATCH_DATA: "maybe", LOG_LEVEL: "loud", RATE_LIMIT_USER: "0/10s" })).toThrow(
      /LOG_LEVEL: LOG_LEVEL must be one of.*\n {2}WATCH_DATA: WATCH_DATA must be true or false\n {2}RATE_LIMIT_USER: RATE_LIMIT_USER needs a limit and a window above zero\nFix it in \.env/,
    );
  });

  it("never echoes a token in its error message", () => {
    try {
      load({ TELEGRAM_BOT_TOKEN: "secret-token-value" });
    } catch (err) {
      expect((err as Error).message).not.toContain("secret-token-value");
    }
  });
});

describe(".env.example", () => {
  it("lists every variable the config reads, and works as a .env when copied unchanged", async () => {
    const { readFile } = await import("node:fs/promises");
    const dotenv = await import("dotenv");
    const example = dotenv.parse(await readFile(".env.example", "utf8"));
    const source = await readFile("src/config.ts", "utf8");
    const read = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(15);
    for (const name of read) expect(Object.keys(example), `${name} in .env.example`).toContain(name);
    const config = load(example);
    expect(config.telegram).toBeUndefined();
    expect(config.discord).toBeUndefined();
  });
});

describe("loadConfig for web pages", () => {
  it("refuses private addresses and schedules no refresh by default", () => {
    expect(load({})).toMatchObject({ allowPrivateUrls: false, refreshIntervalMs: undefined });
    expect(load({ REFRESH_INTERVAL: "off" }).refreshIntervalMs).toBeUndefined();
  });

  it("reads ALLOW_PRIVATE_URLS and REFRESH_INTERVAL in minutes, hours or days", () => {
    expect(load({ ALLOW_PRIVATE_URLS: "true", REFRESH_INTERVAL: "6h" })).toMatchObject({
      allowPrivateUrls: true,
      refreshIntervalMs: 6 * 3_600_000,
    });
    expect(load({ REFRESH_INTERVAL: "30m" }).refreshIntervalMs).toBe(1_800_000);
  });

  it("names REFRESH_INTERVAL and the expected form when it is wrong", () => {
    expect(() => load({ REFRESH_INTERVAL: "often" })).toThrow(
      /REFRESH_INTERVAL: REFRESH_INTERVAL must be off or/,
    );
    expect(() => load({ REFRESH_INTERVAL: "0m" })).toThrow(/at least 1m/);
  });
});

describe("LIBRARY_SCOPE", () => {
  it("is shared by default, with a memory budget for community libraries", () => {
    expect(load({})).toMatchObject({ libraryScope: "shared", libraryMemoryBytes: 256 * 1_048_576 });
    expect(load({ LIBRARY_SCOPE: "community", LIBRARY_MEMORY_MB: "64" })).toMatchObject({
      libraryScope: "community",
      libraryMemoryBytes: 64 * 1_048_576,
    });
  });

  it("names what is wrong with a bad value, and refuses communities with Discord shards", () => {
    expect(() => load({ LIBRARY_SCOPE: "per-chat" })).toThrow(/LIBRARY_SCOPE must be shared or community/);
    expect(() => load({ LIBRARY_SCOPE: "community", DISCORD_SHARDS: "auto" })).toThrow(/DISCORD_SHARDS/);
  });
});
