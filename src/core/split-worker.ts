/**
 * @module
 * A worker thread of `split-documents.ts`: the parent posts `{ id, dataDir, jobs }`, a batch of
 * files; the worker reads and splits each with {@link readAndSplit} and answers `{ id, results }`,
 * a split or an error message per file, in order.
 */
import { parentPort } from "node:worker_threads";
import { type BatchReply, lookUpRoot, readAndSplit, type SplitJob } from "./split-documents.ts";

parentPort?.on(
  "message",
  async ({ id, dataDir, jobs }: { id: number; dataDir: string; jobs: SplitJob[] }) => {
    const realRoot = lookUpRoot(dataDir);
    const results: BatchReply["results"] = await Promise.all(
      jobs.map((job) =>
        readAndSplit(dataDir, job, realRoot).catch((err: Error) => ({ reason: err.message })),
      ),
    );
    parentPort?.postMessage({ id, results } satisfies BatchReply);
  },
);
