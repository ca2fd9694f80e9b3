import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageProblems } from "../../fakes/discord-limits.ts";
import { slashCommand } from "../../fakes/discord-payloads.ts";
import { type FakeDiscord, startFakeDiscord } from "../../fakes/discord-server.ts";

// The end-to-end tests trust the fake to reject what Discord rejects; these check that it does.
let discord: FakeDiscord;
beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord?.close();
});

const post = (path: string, body: unknown, auth = true) =>
  fetch(`${discord.apiUrl}/v10${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(auth ? { authorization: `Bot ${discord.token}` } : {}),
    },
    body: JSON.stringify(body),
  });

describe("fake Discord", () => {
  it("rejects over-limit messages with 400 Invalid Form Body, like Discord", async () => {
    const res = await post(`/channels/${discord.channelId}/messages`, { content: "x".repeat(2001) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 50035 });
    expect(messageProblems({ embeds: [{ title: "t".repeat(257) }] }, { create: true })).not.toEqual([]);
    expect(
      messageProblems(
        { embeds: [{ description: "d".repeat(4000) }, { description: "d".repeat(2001) }] },
        { create: true },
      ),
    ).not.toEqual([]);
    expect(messageProblems({ embeds: [], content: "" }, { create: true })).toEqual([
      "Cannot send an empty message",
    ]);
  });

  it("requires the bot token on bot routes", async () => {
    const res = await post(`/channels/${discord.channelId}/messages`, { content: "hi" }, false);
    expect(res.status).toBe(401);
  });

  it("accepts one acknowledgement per interaction and rejects a second", async () => {
    const payload = slashCommand(discord, "help");
    // no bot is connected here, so dispatching throws, but the interaction is registered first
    expect(() => discord.interact(payload)).toThrow(/no session/);
    const callback = `/interactions/${String(payload.id)}/${String(payload.token)}/callback`;
    expect((await post(callback, { type: 5, data: { flags: 0 } }, false)).status).toBe(204);
    const again = await post(callback, { type: 5, data: { flags: 0 } }, false);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
    const unknown = await post(`/interactions/1/nope/callback`, { type: 5 }, false);
    expect(unknown.status).toBe(404);
  });
});
