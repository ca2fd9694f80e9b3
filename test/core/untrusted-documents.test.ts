import { mkdir, mkdtemp, open as openFile, rm, symlink, writeFile } from "node:fs/promises";
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
    expect((await library.ask("Did the river flood the town?")).sources.map((s) => s.file)).toEqual([
      "river.md",
    ]);
  });
});

describe("Library.reindex of symlinks", () => {
  const SECRET = "The vault code is four four seven one, written on the back of the calendar.\n";

  it("never reads a linked file or folder whose real path is outside the data folder", async () => {
    const outside = path.join(dir, "private");
    await mkdir(outside);
    await writeFile(path.join(outside, "secret.md"), SECRET);
    await symlink(path.join(outside, "secret.md"), path.join(dataDir, "notes.md"));
    await symlink(outside, path.join(dataDir, "private-notes"));
    const library = await open();
    const report = await library.reindex();
    expect(report.added).toEqual(["river.md"]);
    expect(reasons(report)).toEqual({
      "notes.md": "symlink to outside the data folder, skipped",
      "private-notes": "symlink to outside the data folder, skipped",
    });
    expect((await library.ask("What is the vault code on the calendar?")).answered).toBe(false);
  });

  it("follows links that stay inside, walks a link loop once, and reports a broken link", async () => {
    await mkdir(path.join(dataDir, "archive"));
    await writeFile(
      path.join(dataDir, "archive", "bridge.md"),
      "The old stone bridge was closed to traffic after engineers found deep cracks.\n",
    );
    await symlink(path.join(dataDir, "archive"), path.join(dataDir, "latest"));
    await symlink(dataDir, path.join(dataDir, "archive", "up"));
    await symlink(path.join(dataDir, "self.md"), path.join(dataDir, "self.md"));
    await symlink(path.join(dataDir, "gone.md"), path.join(dataDir, "dangling.md"));
    const library = await open();
    const report = await library.reindex();
    expect(report.added).toEqual(["archive/bridge.md", "river.md"]);
    expect(reasons(report)).toEqual({
      "dangling.md": "broken symlink: its target does not exist; remove it or point it at a document",
      "self.md": "symlink loop, skipped: point the link at a document",
    });
    expect((await library.ask("Why was the bridge closed?")).sources[0]?.file).toBe("archive/bridge.md");
  });
});

describe("Library.reindex of an oversized file", () => {
  it("refuses it by its size, without reading it", async () => {
    // Sparse files: no disk space used. 3 GB is past what Node can read into one buffer, so a
    // reader that reads first and checks the size after cannot give the size reason at all.
    for (const [name, bytes] of [
      ["huge.md", 48 * 1048576],
      ["enormous.txt", 3 * 1024 * 1048576],
    ] as const) {
      const handle = await openFile(path.join(dataDir, name), "w");
      await handle.truncate(bytes);
      await handle.close();
    }
    const report = await (await open()).reindex();
    expect(reasons(report)).toEqual({
      "enormous.txt": "file is 3072.0 MB; the limit is 10 MB, split it",
      "huge.md": "file is 48.0 MB; the limit is 10 MB, split it",
    });
    expect(report.added).toEqual(["river.md"]);
  });
});

describe("Library.reindex of a document with a javascript: URL", () => {
  it("cites the document without the link and warns about it on every reindex", async () => {
    await writeFile(
      path.join(dataDir, "bridge.md"),
      '---\ntitle: Bridge News\nurl: "javascript:alert(1)"\n---\nThe old stone bridge was closed after engineers found deep cracks.\n',
    );
    const library = await open();
    const warning = {
      file: "bridge.md",
      message: 'url dropped: only http and https links are kept, not "javascript:"',
    };
    expect((await library.reindex()).warnings).toEqual([warning]);
    const answer = await library.ask("Why was the bridge closed?");
    expect(answer.sources.map((s) => [s.file, s.url])).toEqual([["bridge.md", undefined]]);
    expect(JSON.stringify(answer)).not.toContain("javascript:");
    // Unchanged on the next reindex, and still reported: the moderator has not fixed it yet.
    const again = await library.reindex();
    expect(again).toMatchObject({ unchanged: 2, warnings: [warning] });
  });
});
