import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { createCommunityModeration } from "../../src/moderation/community-moderation.ts";
import { LibraryRegistry } from "../../src/service/library-registry.ts";
import { emptyStats, type StatsOptions } from "../../src/usage/usage-stats.ts";

let dir: string;
let dataDir: string;
let registry: LibraryRegistry;
const asked: StatsOptions[] = [];
const stats = {
  stats: (options: StatsOptions = {}) => {
    asked.push(options);
    return emptyStats({ retentionDays: 30, logQuestions: true });
  },
};
const moderation = () =>
  createCommunityModeration({ registry, library: registry.base, dataDir, maxBytes: 10_000, stats });
const bytes = new TextEncoder().encode("# Chess\n\nThe chess club meets in room four on Thursdays.\n");

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-community-moderation-"));
  dataDir = path.join(dir, "data");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "base.md"), "# Base\n\nThe base library opens at nine every weekday.\n");
  const base = await Library.open({ dataDir });
  registry = new LibraryRegistry({ base, stateDir: path.join(dir, "state"), memoryBytes: 1 << 30 });
  asked.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createCommunityModeration", () => {
  it("adds a moderator's document to their community's library, never to DATA_DIR", async () => {
    const moderator = { platform: "telegram" as const, user: "7", community: "telegram:-1001" };
    const { report } = await moderation().addDocument(moderator, { fileName: "chess.md", bytes });
    expect(report).toMatchObject({ applied: true, documents: 1 });
    expect(await readdir(dataDir)).toEqual(["base.md"]);
    expect(await readdir(registry.folders("telegram:-1001").dataDir)).toEqual(["chess.md"]);
    expect(registry.base.documents().map((d) => d.file)).toEqual(["base.md"]);
  });

  it("reports each community's usage to its own moderators, and the base's without one", () => {
    moderation().statsText({ moderator: { platform: "discord", community: "discord:42" } });
    moderation().statsText({ moderator: { platform: "telegram" } });
    expect(asked.map((o) => o.community)).toEqual(["discord:42", null]);
  });

  it("refuses /library base outside a community, saying why", async () => {
    await expect(moderation().includeBase?.({ platform: "telegram", user: "7" }, false)).rejects.toThrow(
      /private chats always answer from the base library/,
    );
  });
});
