import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtEntry } from "../built-process.ts";
import { tempDir } from "../temp-dir.ts";

const run = promisify(execFile);
let env: NodeJS.ProcessEnv;
let dataDir: string;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-reindex-"));
  dataDir = path.join(dir, "data");
  await cp("data", dataDir, { recursive: true });
  env = { ...process.env, DATA_DIR: dataDir, STATE_DIR: path.join(dir, "state"), LOG_LEVEL: "info" };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const reindex = (...args: string[]) =>
  run(process.execPath, builtEntry("cli/reindex", ...args), { env, timeout: 60_000 });

describe("npm run reindex", () => {
  it("indexes the folder, names skipped files and why, then reports only what changed", async () => {
    await writeFile(path.join(dataDir, "broken.md"), Buffer.from([0x00, 0x9f, 0x92]));
    const first = await reindex();
    expect(first.stdout).toMatch(/^Reindexed 5 documents, \d+ passages in [\d.]+ s\.\nAdded \(5\): /);
    expect(first.stdout).toContain(
      "Skipped broken.md: binary file (it contains NUL bytes): save it as UTF-8 text",
    );

    await writeFile(
      path.join(dataDir, "notes.md"),
      "The bridge was closed after engineers found deep cracks.",
    );
    const dry = await reindex("--dry-run");
    expect(dry.stdout).toMatch(/^Dry run: 6 documents/);
    expect(dry.stdout).toContain("Added (1): notes.md");

    const second = await reindex("--json");
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({
      added: ["notes.md"],
      changed: [],
      removed: [],
      unchanged: 5,
      applied: true,
    });

    const rollback = await reindex("--rollback");
    expect(rollback.stdout).toMatch(/^Rolled back to the previous index: 5 documents/);
    // Audited like a moderator's /reindex: the dry run changed nothing and left no line.
    const audit = (await readFile(path.join(env.STATE_DIR as string, "audit.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(audit.map((e) => `${e.action} ${e.label}`)).toEqual([
      "reindex npm run reindex",
      "reindex npm run reindex",
      "rollback npm run reindex",
    ]);
    expect(audit[1]?.detail).toMatchObject({ applied: true, added: 1, documents: 6 });
  });

  it("warns about a javascript: URL it left out, in the text and in --json", async () => {
    const dir = await tempDir("citebot-reindex-url-");
    await mkdir(path.join(dir, "data"));
    await writeFile(
      path.join(dir, "data", "bridge.md"),
      '---\nurl: "javascript:alert(1)"\n---\nThe old stone bridge was closed after engineers found deep cracks.\n',
    );
    const own = { ...env, DATA_DIR: path.join(dir, "data"), STATE_DIR: path.join(dir, "state") };
    const text = await run(process.execPath, builtEntry("cli/reindex"), { env: own });
    expect(text.stdout).toContain(
      'Warning for bridge.md: url dropped: only http and https links are kept, not "javascript:"',
    );
    const json = await run(process.execPath, builtEntry("cli/reindex", "--json"), {
      env: own,
    });
    expect(JSON.parse(json.stdout).warnings).toEqual([
      { file: "bridge.md", message: 'url dropped: only http and https links are kept, not "javascript:"' },
    ]);
  });

  it("rejects unknown options with the list of valid ones", async () => {
    await expect(reindex("--force")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("use --dry-run, --rollback, --json or --library KEY"),
    });
  });
});
