/**
 * @module
 * The shipped embedder in a worker thread: bulk embedding at index time runs there, so the main
 * thread keeps answering while thousands of sentences are embedded.
 */
import { Worker } from "node:worker_threads";
import { type Embedder, EmbedderError, normalize, USE_LITE_DIMENSIONS, USE_LITE_ID } from "./embedder.ts";

interface Reply {
  id?: number;
  ready?: boolean;
  vectors?: Float32Array;
  dims?: number;
  error?: string;
}

/**
 * Starts the worker and waits until its model is loaded.
 *
 * @example
 * ```ts
 * const embedder = await startWorkerEmbedder();
 * const vectors = await embedder.embed(sentences);
 * await embedder.close();
 * ```
 */
export async function startWorkerEmbedder(): Promise<Embedder> {
  const worker = new Worker(new URL("./embed-worker.mjs", import.meta.url));
  // An idle worker must not keep a one-shot command alive.
  worker.unref();
  const pending = new Map<number, { resolve(v: Float32Array[]): void; reject(e: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    const onFirst = (reply: Reply) => {
      worker.off("error", onError);
      if (reply.ready) resolve();
      else
        reject(new EmbedderError(`citebot: the embedding worker could not load its model: ${reply.error}`));
    };
    const onError = (error: Error) =>
      reject(new EmbedderError(`citebot: the embedding worker failed: ${error.message}`, { cause: error }));
    worker.once("message", onFirst);
    worker.once("error", onError);
  });
  worker.on("message", (reply: Reply) => {
    const job = reply.id === undefined ? undefined : pending.get(reply.id);
    if (!job || reply.id === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.error || !reply.vectors) {
      job.reject(new EmbedderError(`citebot: embedding failed: ${reply.error ?? "no vectors"}`));
      return;
    }
    const dims = reply.dims ?? USE_LITE_DIMENSIONS;
    const rows: Float32Array[] = [];
    for (let i = 0; i < reply.vectors.length; i += dims)
      rows.push(normalize(reply.vectors.slice(i, i + dims)));
    job.resolve(rows);
  });
  worker.on("error", (error) =>
    failAll(new EmbedderError(`citebot: the embedding worker failed: ${error.message}`, { cause: error })),
  );
  worker.on("exit", () => failAll(new EmbedderError("citebot: the embedding worker stopped")));
  // Again now that the listeners are in: adding a "message" listener references the worker's
  // port again, and a command that never embedded anything (a Hindi question, the vectors read
  // from disk) waited on it for ever.
  worker.unref();
  return {
    id: USE_LITE_ID,
    dimensions: USE_LITE_DIMENSIONS,
    embed(texts, options) {
      if (texts.length === 0) return Promise.resolve([]);
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      // Busy: keep the process alive until the answer arrives.
      worker.ref();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, texts: [...texts], urgent: options?.urgent === true });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
