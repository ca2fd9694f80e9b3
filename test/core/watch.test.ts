import { appendFile, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import type { ReindexReport } from "../../src/core/types.ts";
import { silentLogger } from "../../src/core/types.ts";
import { watchDataDir } from "../../src/core/watch.ts";

let dir: string;
let dataDir: string;
let stop: (() => Promise<void>) | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-watch-"));
  dataDir = path.join(dir, "data");
  await cp(path.resolve("data"), dataDir, { recursive: true });
});
afterEach(async () => {
  await stop?.();
  await rm(dir, { recursive: true, force: true });
});

/** Waits (bounded) until the watcher has reported `n` reindexes. */
async function reindexes(reports: ReindexReport[], n: number) {
  for (let i = 0; i < 100 && reports.length < n; i++) await new Promise((r) => setTimeout(r, 100));
  expect(reports.length).toBeGreaterThanOrEqual(n);
}

describe("watchDataDir", () => {
  it("reindexes after a file is added and after it is edited", async () => {
    const library = await Library.open({ dataDir, logger: silentLogger });
    const reports: ReindexReport[] = [];
    stop = await watchDataDir(library, dataDir, {
      logger: silentLogger,
      debounceMs: 100,
      stableMs: 200,
      onReindex: (r) => reports.push(r),
    });
    await writeFile(
      path.join(dataDir, "lamp.md"),
      "Keepers polish the brass lamp every Tuesday before sunset.\n",
    );
    await reindexes(reports, 1);
    expect(reports[0]?.added).toEqual(["lamp.md"]);
    expect((await library.ask("when do keepers polish the brass lamp?")).quotes[0]?.text).toMatch(/Tuesday/);

    await writeFile(
      path.join(dataDir, "lamp.md"),
      "Keepers polish the brass lamp every Friday before sunset.\n",
    );
    await reindexes(reports, 2);
    expect(reports[1]?.changed).toEqual(["lamp.md"]);
    expect((await library.ask("when do keepers polish the brass lamp?")).quotes[0]?.text).toMatch(/Friday/);
  });

  it("does not index a file while it is still being written", async () => {
    const library = await Library.open({ dataDir, logger: silentLogger });
    const reports: ReindexReport[] = [];
    stop = await watchDataDir(library, dataDir, {
      logger: silentLogger,
      debounceMs: 50,
      stableMs: 600,
      onReindex: (r) => reports.push(r),
    });
    const file = path.join(dataDir, "log.md");
    await writeFile(file, "The ferry left the harbour at dawn.\n\n");
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await appendFile(file, `Stop ${i}: the ferry called at the island pier number ${i}.\n\n`);
    }
    await reindexes(reports, 1);
    expect(reports).toHaveLength(1);
    expect((await library.ask("did the ferry call at the island pier number 3?")).quotes[0]?.text).toMatch(
      /number 3/,
    );
  });
});
