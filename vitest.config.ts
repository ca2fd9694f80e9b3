import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that start the CLIs or the bot as processes run dist/; it is built once, here.
    globalSetup: ["test/global-setup.ts"],
    // Test files share their worker's modules instead of importing discord.js, grammY, pdf.js and
    // the lexicons again for each of ~90 files: that import was a third of the suite's CPU time.
    // Tests start their own servers, folders and libraries, and put back what they change in
    // process.env, so nothing a file does reaches the next one.
    isolate: false,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, which
    // then runs the files one after another while most of them wait on a server, a child process
    // or a timer. One per core keeps both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    // End-to-end tests start real servers on loopback; give them room on a shared 2-core machine.
    testTimeout: 30_000,
    // Processes the tests start answer from keywords unless a test turns the embedding model on:
    // loading it and embedding a corpus in every CLI test would only measure the model.
    env: { SEMANTIC: "off" },
    hookTimeout: 30_000,
    // On CI also write machine-readable results, which .ci/run turns into a plain summary line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results.json" },
  },
});
