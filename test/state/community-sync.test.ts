import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { silentLogger } from "../../src/core/types.ts";
import { LibraryRegistry } from "../../src/service/library-registry.ts";
import { openSharedState, type SharedState } from "../../src/state/shared-state.ts";
import { hasRedisServer, useTestRedis } from "../fakes/redis-server.ts";

const doc = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;
const CLUB = "telegram:-1001";

describe.skipIf(!hasRedisServer)("community libraries across replicas (REDIS_URL)", () => {
  const redis = useTestRedis();
  let dir: string;
  const states: SharedState[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-communities-"));
    await mkdir(path.join(dir, "data"));
    await writeFile(path.join(dir, "data", "river.md"), doc("River News", "The river rose by two metres."));
  });
  afterEach(async () => {
    for (const s of states.splice(0)) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A replica's registry: its own base Library and Redis connection, the shared STATE_DIR. */
  async function replica(): Promise<LibraryRegistry> {
    const state = openSharedState({ redisUrl: redis().url, logger: silentLogger });
    states.push(state);
    await state.ready();
    const base = await Library.open({ dataDir: path.join(dir, "data") });
    const stateDir = path.join(dir, "state");
    const registry = new LibraryRegistry({ base, stateDir, memoryBytes: 1 << 30, sync: state.communities });
    state.communities?.onChange((key) => registry.forget(key));
    return registry;
  }
  const add = (registry: LibraryRegistry, file: string, text: string) =>
    registry.withLibrary(CLUB, async (library) => {
      await writeFile(path.join(registry.folders(CLUB).dataDir, file), text);
      return library.reindex();
    });
  const cites = async (registry: LibraryRegistry, file: string) =>
    (await registry.answering(CLUB).ask("when does the chess room open?")).sources.some(
      (s) => s.file === file,
    );

  it("a document a moderator adds on one replica is cited in that group by the others", async () => {
    const [a, b] = [await replica(), await replica()];
    await add(a, "rules.md", doc("Club rules", "Members bring their own chess clocks."));
    expect(await cites(b, "rules.md")).toBe(false); // b has the community's library loaded now
    await add(a, "hours.md", doc("Club hours", "The chess room opens at six on Tuesdays."));
    const started = Date.now();
    while (!(await cites(b, "hours.md"))) {
      expect(Date.now() - started, "b still answers from its old copy").toBeLessThan(5_000);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it("/library base off on one replica holds on the others", async () => {
    const [a, b] = [await replica(), await replica()];
    await add(a, "hours.md", doc("Club hours", "The chess room opens at six on Tuesdays."));
    expect(await b.includesBase(CLUB)).toBe(true);
    await a.setIncludesBase(CLUB, false);
    const started = Date.now();
    while (await b.includesBase(CLUB)) {
      expect(Date.now() - started, "b still includes the base library").toBeLessThan(5_000);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
