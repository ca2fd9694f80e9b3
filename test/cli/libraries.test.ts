import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtEntry } from "../built-process.ts";

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;
const cli = (script: string, ...args: string[]) =>
  run(process.execPath, builtEntry(`cli/${script}`, ...args), { env, timeout: 60_000 });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-libraries-"));
  await mkdir(path.join(dir, "data"));
  await writeFile(
    path.join(dir, "data", "base.md"),
    "# Base\n\nThe base library opens at nine every weekday.\n",
  );
  const community = path.join(dir, "state", "communities", "telegram--100123", "data");
  await mkdir(community, { recursive: true });
  await writeFile(
    path.join(community, "club.md"),
    "# Club\n\nThe chess club meets in room four on Thursdays.\n",
  );
  env = { ...process.env, DATA_DIR: path.join(dir, "data"), STATE_DIR: path.join(dir, "state") };
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("npm run reindex -- --library", () => {
  it("indexes that community's documents only", async () => {
    const { stdout } = await cli("reindex", "--library", "telegram:-100123", "--json");
    expect(JSON.parse(stdout)).toMatchObject({ added: ["club.md"], documents: 1, applied: true });
  });

  it("refuses a library that does not exist, and a malformed name", async () => {
    await expect(cli("reindex", "--library", "discord:999")).rejects.toMatchObject({
      stderr: expect.stringContaining("npm run libraries"),
    });
    await expect(cli("reindex", "--library", "telegram:../x")).rejects.toMatchObject({
      stderr: expect.stringContaining("is not a library name"),
    });
  });
});

describe("npm run libraries", () => {
  it("lists each library with its documents, passages and last change", async () => {
    await cli("reindex", "--library", "telegram:-100123");
    const { stdout } = await cli("libraries");
    const [header, row] = stdout.trim().split("\n");
    expect(header).toMatch(/^library\s+documents\s+passages\s+size\s+base\s+last change$/);
    expect(row).toMatch(/^telegram:-100123\s+1\s+1\s+[\d.]+ MB\s+on\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });
});
