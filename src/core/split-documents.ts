/**
 * @module
 * Reading and splitting the documents a reindex must read, on every core: a cold start over
 * tens of thousands of files spent half its time reading, normalising and splitting them one
 * after another on the main thread. Files are handed out in batches to worker threads and to
 * the main thread, and their passages come back in the folder's order; each file is read and
 * split by the same {@link readAndSplit} wherever it is, so the passages are the same. A worker
 * that cannot start or dies leaves its files to the main thread.
 */
import { realpath } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type DocumentFile, type LoadedDocument, readDocument } from "./documents.ts";
import { type Passage, splitPassages } from "./passages.ts";

/** A document read and split; `passages` absent when its bytes are those of `sameAs` (nothing to split). */
export interface SplitDocument {
  doc: Omit<LoadedDocument, "body">;
  passages?: Passage[];
}

/** One file to read, with the hash of the version the index holds (if any). */
export interface SplitJob {
  entry: DocumentFile;
  sameAs?: string;
}

/**
 * Reads, validates and splits one document. Throws the reader's error, or says that nothing
 * was left to quote. `realRoot`: the data folder's real path, when the caller looked it up.
 */
export async function readAndSplit(
  dataDir: string,
  { entry, sameAs }: SplitJob,
  realRoot?: Promise<string>,
): Promise<SplitDocument> {
  const { body, ...doc } = await readDocument(dataDir, entry, { realRoot });
  if (sameAs === doc.hash) return { doc };
  const passages = splitPassages(doc.file, body, doc.meta);
  if (passages.length === 0) throw new Error("no paragraph of text left after removing page furniture");
  return { doc, passages };
}

/** Fewer files than this are split on the main thread: starting a worker costs about 0.1 s. */
export const WORKER_MIN_FILES = 256;
/** Files per message to a worker: big enough that messages are few, small enough to spread the work. */
const BATCH = 24;
/** Batches a worker holds at once, so it never waits for the next one. */
const IN_FLIGHT = 2;

/** What a worker posts back for a batch: a result or an error message per file, in order. */
export type BatchReply = { id: number; results: (SplitDocument | { reason: string })[] };

/** How {@link splitDocuments} spreads the work. */
export interface SplitOptions {
  /** Threads to split in, the main thread included; below 2, the main thread alone. */
  workers?: number;
  /** With workers, the main thread splits too (default); off, it leaves every file to them. */
  mainThreadToo?: boolean;
  /** A worker failed (its files are then read in the main thread). */
  onWorkerError?: (error: Error) => void;
}

/**
 * Reads and splits `jobs` in `workers` threads, the main thread one of them (default: one per
 * core when there are enough files, else the main thread alone); the promises are in the order
 * of `jobs` and each rejects with that file's error.
 *
 * @example
 * ```ts
 * const splits = splitDocuments("data", [{ entry }]);
 * const { doc, passages } = await splits[0];
 * ```
 */
export function splitDocuments(
  dataDir: string,
  jobs: readonly SplitJob[],
  {
    workers = jobs.length >= WORKER_MIN_FILES ? availableParallelism() : 1,
    mainThreadToo = true,
    onWorkerError,
  }: SplitOptions = {},
): Promise<SplitDocument>[] {
  const deferred = jobs.map(() => defer<SplitDocument>());
  if (workers < 2) {
    void readInThread(dataDir, jobs, deferred, range(0, jobs.length));
  } else {
    const batches: number[] = [];
    for (let from = 0; from < jobs.length; from += BATCH) batches.push(from);
    const take = () => batches.shift();
    for (let w = mainThreadToo ? 1 : 0; w < Math.min(workers, batches.length); w++)
      runWorker(dataDir, jobs, deferred, take, onWorkerError);
    // The main thread takes batches too: it would otherwise only wait, and on a busy machine a
    // worker more than the cores only adds its start and its copies.
    if (mainThreadToo)
      void (async () => {
        for (let from = take(); from !== undefined; from = take())
          await readInThread(dataDir, jobs, deferred, range(from, batchEnd(from, jobs.length)));
      })();
  }
  return deferred.map((d) => d.promise);
}

/** Where the batch starting at job `from` ends. */
const batchEnd = (from: number, jobs: number) => Math.min(from + BATCH, jobs);

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function defer<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Handled where it is awaited, in order; this only keeps an early failure from being unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Documents read ahead of the one being split in the main thread (the disk stays busy). */
const READ_AHEAD = 8;

/**
 * Reads and splits the jobs at `indices` in this thread, a few reads ahead of the split;
 * resolves when all are done.
 */
async function readInThread(
  dataDir: string,
  jobs: readonly SplitJob[],
  deferred: Deferred<SplitDocument>[],
  indices: Iterable<number>,
): Promise<void> {
  const queue = indices[Symbol.iterator]();
  const realRoot = lookUpRoot(dataDir);
  const reader = async () => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      const d = deferred[next.value] as Deferred<SplitDocument>;
      await readAndSplit(dataDir, jobs[next.value] as SplitJob, realRoot).then(d.resolve, d.reject);
    }
  };
  await Promise.all(Array.from({ length: READ_AHEAD }, reader));
}

/** Indices `[from, to)`. */
function* range(from: number, to: number): Generator<number> {
  for (let i = from; i < to; i++) yield i;
}

/**
 * The data folder's real path, looked up once for a batch of files; a failure is each file's
 * error where it is awaited.
 */
export function lookUpRoot(dataDir: string): Promise<string> {
  const root = realpath(dataDir);
  root.catch(() => {});
  return root;
}

/** The worker's module: the build turns this `.ts` URL into the built `.js`. */
const WORKER_URL = new URL("./split-worker.ts", import.meta.url);

/** Starts the split worker; from TypeScript sources (tests, tsx) through tsx's loader. */
function startWorker(): Worker {
  if (!WORKER_URL.pathname.endsWith(".ts")) return new Worker(WORKER_URL);
  // A worker does not inherit its parent's TypeScript loader: it registers tsx itself.
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_URL.href)}, import.meta.url))`,
    { eval: true },
  );
}

/**
 * One worker taking batches until none are left; whatever it had not answered when it failed is
 * read in the main thread.
 */
function runWorker(
  dataDir: string,
  jobs: readonly SplitJob[],
  deferred: Deferred<SplitDocument>[],
  take: () => number | undefined,
  onWorkerError: ((error: Error) => void) | undefined,
): void {
  /** First jobs of the batches sent and not answered. */
  const pending = new Set<number>();
  let worker: Worker;
  const end = (from: number) => batchEnd(from, jobs.length);
  // Its unanswered batches, and every batch no worker took yet, go to this thread, in order.
  const fallBack = () => {
    const batches = [...pending];
    pending.clear();
    for (let from = take(); from !== undefined; from = take()) batches.push(from);
    void readInThread(
      dataDir,
      jobs,
      deferred,
      batches.flatMap((from) => [...range(from, end(from))]),
    );
  };
  const send = () => {
    const from = take();
    if (from === undefined) {
      if (pending.size === 0) void worker.terminate();
      return;
    }
    pending.add(from);
    worker.postMessage({ id: from, dataDir, jobs: jobs.slice(from, end(from)) });
  };
  let done = false;
  const failed = (error: Error) => {
    if (done) return;
    done = true;
    onWorkerError?.(error);
    fallBack();
  };
  try {
    worker = startWorker();
  } catch (error) {
    failed(error as Error);
    return;
  }
  worker.on("message", ({ id, results }: BatchReply) => {
    if (done) return;
    pending.delete(id);
    for (const [k, result] of results.entries()) {
      const d = deferred[id + k] as Deferred<SplitDocument>;
      if ("reason" in result) d.reject(new Error(result.reason));
      else d.resolve(shared(result));
    }
    send();
  });
  worker.on("error", failed);
  worker.on("exit", (code) => {
    if (pending.size > 0) failed(new Error(`the split worker stopped (exit code ${code})`));
    done = true;
  });
  for (let k = 0; k < IN_FLIGHT; k++) send();
}

/**
 * A split as the main thread would have made it: a copied message repeats the file name,
 * section and language in every passage, where one split shares them.
 */
function shared(split: SplitDocument): SplitDocument {
  const { doc, passages } = split;
  if (!passages) return split;
  const strings = new Map<string, string>([[doc.file, doc.file]]);
  const one = (s: string) => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  for (const p of passages) {
    p.file = doc.file;
    p.language = one(p.language);
    if (p.section !== undefined) p.section = one(p.section);
  }
  return split;
}
