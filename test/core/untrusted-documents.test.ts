import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";

// Documents arrive from uploads: each test writes a small folder with one hostile file beside a
// good one, and checks that the good one is indexed and the hostile one only reported.
let dir: string;
let dataDir: string;
const RIVER = "---\ntitle: River News\n---\nThe river rose by two metres overnight, flooding the old town.\n";

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-untrusted-"));
  dataDir = path.join(dir, "data");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "river.md"), RIVER);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => Library.open({ dataDir, reindexOnOpen: false });
const reasons = (report: { errors: { file: string; reason: string }[] }) =>
  Object.fromEntries(report.errors.map((e) => [e.file, e.reason]));

describe("Library.reindex of a document with JavaScript front matter", () => {
  it("reports the file, runs nothing, and indexes the rest", async () => {
    const ran = globalThis as { citebotUploadRan?: boolean };
    await writeFile(
      path.join(dataDir, "upload.md"),
      '---js\n{ title: (globalThis.citebotUploadRan = true, "Owned") }\n---\nThe bot was owned overnight.\n',
    );
    const library = await open();
    const report = await library.reindex();
    expect(ran.citebotUploadRan).toBeUndefined();
    expect(report.added).toEqual(["river.md"]);
    expect(reasons(report)).toEqual({
      "upload.md": 'front matter in "js" is not read, only YAML: remove "js" after the first ---',
    });
    expect(library.ask("Did the river flood the town?").sources.map((s) => s.file)).toEqual(["river.md"]);
  });
});
