import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtEntry } from "../built-process.ts";
import { type PageServer, serve, startPageServer } from "../web/page-server.ts";

const run = promisify(execFile);
let env: NodeJS.ProcessEnv;
let server: PageServer;
let dir: string;
beforeAll(async () => {
  server = await startPageServer();
  dir = await mkdtemp(path.join(tmpdir(), "citebot-add-"));
  await mkdir(path.join(dir, "data"));
  await writeFile(path.join(dir, "data", "notes.md"), "The lighthouse is painted white every spring.");
  env = {
    ...process.env,
    DATA_DIR: path.join(dir, "data"),
    STATE_DIR: path.join(dir, "state"),
    LOG_LEVEL: "warn",
  };
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (script: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, builtEntry(`cli/${script}`, ...args), {
    env: { ...env, ...extra },
    timeout: 60_000,
  }).catch((err: { stdout: string; stderr: string; code: number }) => err);

const PAGE =
  "<!doctype html><html><head><title>Ferry Times</title></head><body><article><h1>Ferry Times</h1><p>Ferries leave the northern pier every forty minutes between six and midnight.</p></article></body></html>";

describe("npm run add and npm run refresh", () => {
  it("refuses a loopback address unless ALLOW_PRIVATE_URLS is true", async () => {
    server.routes.set("/ferries", serve(PAGE, "text/html", { etag: '"a"' }));
    const refused = await cli("add", [`${server.origin}/ferries`]);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toMatch(
      /127\.0\.0\.1: a private, loopback or link-local address; citebot only fetches public pages/,
    );
  });

  it("adds a page, then refreshes it with a conditional request that changes nothing", async () => {
    const added = await cli("add", [`${server.origin}/ferries`], { ALLOW_PRIVATE_URLS: "true" });
    expect(added.stdout).toMatch(
      /^Added web\/127-0-0-1-ferries-[0-9a-f]{6}\.md from http:\/\/127\.0\.0\.1:\d+\/ferries\.\nReindexed 2 documents/,
    );
    // The page alone is read and indexed, and the change is in the audit log like a moderator's.
    expect(added.stdout).toMatch(/^Added \(1\): web\/127-0-0-1-ferries-[0-9a-f]{6}\.md$/m);
    expect(added.stdout).toMatch(/^Unchanged: 1$/m);
    const audit = (await readFile(path.join(env.STATE_DIR as string, "audit.jsonl"), "utf8"))
      .trim()
      .split("\n");
    expect(audit.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ action: "add", label: "npm run add", file: expect.stringMatching(/^web\//) }),
    ]);
    server.routes.set("/ferries", (req, res) =>
      req.headers["if-none-match"] === '"a"' ? res.writeHead(304).end() : serve(PAGE)(req, res),
    );
    const refreshed = await cli("refresh", [], { ALLOW_PRIVATE_URLS: "true" });
    expect(refreshed.stdout).toBe("Refreshed 1 web pages: 0 changed, 1 unchanged, 0 failed.\n");
  });
});
