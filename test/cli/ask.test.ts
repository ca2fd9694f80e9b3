import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SNAPSHOT_FORMAT } from "../../src/core/snapshot.ts";
import { builtEntry } from "../built-process.ts";
import { tempDir } from "../temp-dir.ts";

const run = promisify(execFile);
let env: NodeJS.ProcessEnv;
let state: string;
beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), "citebot-cli-"));
  // Two small documents beside the test: editing the bundled data/ must not break it.
  env = { ...process.env, DATA_DIR: "test/cli/fixtures", STATE_DIR: state, LOG_LEVEL: "info" };
});
afterAll(() => rm(state, { recursive: true, force: true }));

function ask(args: string[], input?: string) {
  const child = run(process.execPath, builtEntry("cli/ask", ...args), {
    env,
    timeout: 60_000,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}

const isAnswer = (a: Record<string, unknown>) => {
  expect(Object.keys(a).sort()).toEqual(["answered", "kind", "question", "quotes", "sources"]);
  expect(["answer", "not_covered", "smalltalk"]).toContain(a.kind);
  for (const q of a.quotes as { text: string; source: number }[]) {
    expect(typeof q.text).toBe("string");
    expect((a.sources as { n: number }[]).some((s) => s.n === q.source)).toBe(true);
  }
  for (const s of a.sources as Record<string, unknown>[]) {
    expect(s).toEqual(
      expect.objectContaining({ n: expect.any(Number), title: expect.any(String), file: expect.any(String) }),
    );
    if ("date" in s) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
};

describe("npm run ask -- --json", () => {
  it("prints exactly one Answer as JSON on stdout, logs only on stderr", async () => {
    const { stdout } = await ask(["--json", "does whatsapp read my messages?"]);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0] as string);
    isAnswer(answer);
    expect(answer).toMatchObject({ question: "does whatsapp read my messages?", answered: true });
    expect(answer.quotes.length).toBeGreaterThan(0);
  });

  it("answers one question per stdin line as JSONL, in order, blank lines included", async () => {
    const { stdout } = await ask(["--json"], "Who owns WhatsApp?\n\nHow do I bake sourdough bread?\n");
    const answers = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => [a.question, a.answered])).toEqual([
      ["Who owns WhatsApp?", true],
      ["", false],
      ["How do I bake sourdough bread?", false],
    ]);
    for (const a of answers) isAnswer(a);
  });
});

describe("npm run ask: exits once it has answered", () => {
  // With the sentence vectors saved by an earlier run, a Hindi question embeds nothing (the model
  // is English-only): the idle embedding worker must not keep the command waiting. It had, for
  // ever, until this timeout.
  it("after a question it did not embed", async () => {
    const semantic = { ...env, STATE_DIR: await tempDir("citebot-cli-exit-"), SEMANTIC: "on" };
    const once = (question: string) =>
      run(process.execPath, builtEntry("cli/ask", "--json", question), { env: semantic, timeout: 30_000 });
    await once("Who owns WhatsApp?");
    const { stdout } = await once("क्या व्हाट्सएप मेरे संदेश पढ़ता है?");
    isAnswer(JSON.parse(stdout));
  }, 90_000);
});

describe("npm run ask -- --json with a hostile snapshot", () => {
  it("rebuilds with a warning on stderr and still prints a valid Answer", async () => {
    const state = await tempDir("citebot-cli-hostile-");
    await writeFile(
      path.join(state, "index.json"),
      JSON.stringify({ format: SNAPSHOT_FORMAT, createdAt: "", documents: [], passages: [], index: null }),
    );
    const { stdout, stderr } = await run(
      process.execPath,
      builtEntry("cli/ask", "--json", "does whatsapp read my messages?"),
      { env: { ...env, STATE_DIR: state }, timeout: 60_000 },
    );
    const answer = JSON.parse(stdout);
    isAnswer(answer);
    expect(answer.answered).toBe(true);
    expect(stderr).toMatch(/does not have the expected shape .*rebuilding the index from the documents/);
  });
});

describe("npm run ask", () => {
  it("renders quotes, citation numbers and sources for a person", async () => {
    const { stdout } = await ask(["Will X suggest jobs to me?"]);
    expect(stdout).toContain("“X will use this data to suggest job opportunities to users.” [1]");
    expect(stdout).toMatch(/Sources\n {2}\[1\] X Gathers More User Data — Weam, 2023-09-02/);
  });

  it("says plainly when the documents don't cover a question", async () => {
    const { stdout } = await ask(["What is the capital of France?"]);
    expect(stdout).toMatch(/The documents don't cover this question/);
  });

  it("fails with a message naming the variable when the config is invalid", async () => {
    const child = run(process.execPath, builtEntry("cli/ask", "hi"), {
      env: { ...env, LOG_LEVEL: "loud" },
    });
    await expect(child).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("LOG_LEVEL must be one of"),
    });
  });
});
