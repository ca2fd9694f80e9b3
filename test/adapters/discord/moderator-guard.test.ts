import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { requirePermission } from "../../../src/adapters/discord/moderator-guard.ts";

function attempt(guildId: string, moderatorGuilds: string[] | undefined, hasPermission = true) {
  const execute = vi.fn(async () => {});
  const reply = vi.fn(async () => {});
  const interaction = {
    inGuild: () => true,
    guildId,
    commandName: "stats",
    user: { id: "42" },
    memberPermissions: { has: () => hasPermission },
    reply,
  };
  const ctx = { settings: { moderatorGuilds }, logger: { warn() {} } };
  const run = requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", execute);
  return { done: run(interaction as never, ctx as never), execute, reply };
}

describe("requirePermission with DISCORD_MODERATOR_GUILDS", () => {
  it("refuses a Manage Server member of a server that is not listed, and says how to allow it", async () => {
    const { done, execute, reply } = attempt("111111", ["999999"]);
    await done;
    expect(execute).not.toHaveBeenCalled();
    expect(JSON.stringify(reply.mock.calls[0])).toContain("not enabled in this server");
    expect(JSON.stringify(reply.mock.calls[0])).toContain("DISCORD_MODERATOR_GUILDS");
  });

  it("runs for a Manage Server member of a listed server, and for any server when unset", async () => {
    const listed = attempt("999999", ["999999"]);
    await listed.done;
    expect(listed.execute).toHaveBeenCalledOnce();
    const unset = attempt("111111", undefined);
    await unset.done;
    expect(unset.execute).toHaveBeenCalledOnce();
  });

  it("still requires the permission in a listed server", async () => {
    const { done, execute } = attempt("999999", ["999999"], false);
    await done;
    expect(execute).not.toHaveBeenCalled();
  });
});
