import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployCommands } from "../../../src/adapters/discord/deploy-commands.ts";
import { DiscordTokenError } from "../../../src/adapters/discord/errors.ts";
import { builtEntry } from "../../built-process.ts";
import { type FakeDiscord, startFakeDiscord } from "../../fakes/discord-server.ts";

let discord: FakeDiscord;
let dir: string;
beforeAll(async () => {
  discord = await startFakeDiscord();
  dir = await mkdtemp(path.join(tmpdir(), "citebot-deploy-"));
});
afterAll(async () => {
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type OptionJson = { name: string; type?: number; options?: OptionJson[] };
type CommandJson = { name: string; default_member_permissions?: string | null; options?: OptionJson[] };
const ALL = ["ask", "docs", "help", "library", "refresh", "reindex", "rollback", "sources", "stats"];

describe("deployCommands", () => {
  it("registers every command in one server when a guild id is set", async () => {
    const guildId = "123456789012345678";
    const result = await deployCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      guildId,
    });
    expect(result).toEqual({ scope: "guild", count: ALL.length });
    const body = discord.commands.get(`guild:${guildId}`) as CommandJson[];
    expect(body.map((c) => c.name).sort()).toEqual(ALL);
    const ask = body.find((c) => c.name === "ask");
    expect(ask?.options?.map((o) => o.name)).toEqual(["question", "private", "thread"]);
    expect(ask?.options?.[0]).toMatchObject({ required: true, autocomplete: true });
    // moderator commands are hidden from members without Manage Server (bit 5 = 32), guild-only
    for (const name of ["docs", "refresh", "reindex", "rollback", "stats"]) {
      expect(body.find((c) => c.name === name)).toMatchObject({
        default_member_permissions: "32",
        contexts: [0],
      });
    }
    for (const name of ["ask", "help", "sources"])
      expect(body.find((c) => c.name === name)?.default_member_permissions ?? null).toBeNull();
    const docs = body.find((c) => c.name === "docs");
    expect(docs?.options?.map((o) => o.name)).toEqual(["add", "remove"]);
    expect(docs?.options?.[0]?.options).toEqual([
      // a file or a web page's address: one of the two, so neither is required
      expect.objectContaining({ name: "file", type: 11 }),
      expect.objectContaining({ name: "url", type: 3 }),
      expect.objectContaining({ name: "overwrite", type: 5 }),
    ]);
    expect(docs?.options?.[1]?.options?.[0]).toMatchObject({
      name: "name",
      required: true,
      autocomplete: true,
    });
    expect(body.find((c) => c.name === "reindex")?.options?.map((o) => o.name)).toEqual(["dry_run"]);
    expect(discord.commands.has("global")).toBe(false);
  });

  it("rejects a wrong token with DiscordTokenError", async () => {
    const error = await deployCommands({
      token: "nope",
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DiscordTokenError);
  });

  it("`npm run deploy-commands` registers globally without a guild id, configured from the environment", async () => {
    const env = {
      PATH: process.env.PATH ?? "",
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: "info",
    };
    // cwd is an empty folder so no developer .env leaks in
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      builtEntry("adapters/discord/deploy-commands"),
      {
        cwd: dir,
        env,
        timeout: 30_000,
      },
    );
    expect(stdout).toBe("");
    expect(stderr).toContain("registered globally");
    expect(stderr).not.toContain(discord.token);
    const body = discord.commands.get("global") as CommandJson[];
    expect(body.map((c) => c.name).sort()).toEqual(ALL);
  }, 40_000);
});
