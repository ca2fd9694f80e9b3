/**
 * @module
 * The retrieval core's front door: a {@link Library} holds the live index, answers questions from
 * it, and reindexes the data folder by building a new index beside the live one and swapping it in.
 */
import { LRUCache } from "lru-cache";
import { composeAnswer } from "./answer.ts";
import { type ConceptMap, DEFAULT_CONCEPTS } from "./concepts.ts";
import type { Passage } from "./passages.ts";
import { type IndexedDocument, planReindex } from "./reindex-plan.ts";
import { buildIndex, deserializeIndex, type SearchIndex, serializeIndex } from "./search-index.ts";
import {
  loadSnapshot,
  previousSnapshotPath,
  SNAPSHOT_FORMAT,
  type Snapshot,
  SnapshotError,
  saveSnapshot,
} from "./snapshot.ts";
import { buildSuggestions, type Suggestion, suggestQuestions } from "./suggest.ts";
import {
  type Answer,
  type AskOptions,
  type DocumentInfo,
  type DocumentMeta,
  type Logger,
  type ReindexOptions,
  type ReindexReport,
  silentLogger,
} from "./types.ts";

/** Options for {@link Library.open}. */
export interface LibraryOptions {
  /** Folder of `.md`/`.txt` documents. */
  dataDir: string;
  /** Where the index snapshot is kept; without it the index lives in memory only. */
  snapshotPath?: string;
  logger?: Logger;
  /** Query-time concept map; defaults to {@link DEFAULT_CONCEPTS}. */
  concepts?: ConceptMap;
  /** Answers cached until the next swap. Default 1000; 0 turns the cache off. */
  cacheSize?: number;
  /**
   * Bring the index up to date with the files while opening. Default true; `npm run reindex`
   * turns it off to report the changes itself.
   */
  reindexOnOpen?: boolean;
}

const defaultOptions = {
  logger: silentLogger,
  concepts: DEFAULT_CONCEPTS,
  cacheSize: 1000,
  reindexOnOpen: true,
};

/** One consistent generation of the index; replaced whole, never mutated. */
interface LibraryState {
  documents: Map<string, IndexedDocument>;
  index: SearchIndex;
  /** Document metadata by file, as answers cite it; built once per state, not per question. */
  metas: Map<string, DocumentMeta>;
  /** Autocomplete pool, built on first use. */
  suggestions?: Suggestion[];
}

function makeState(documents: Map<string, IndexedDocument>, index: SearchIndex): LibraryState {
  return { documents, index, metas: new Map([...documents].map(([file, d]) => [file, d.meta])) };
}

/**
 * Answers questions from a folder of documents.
 *
 * @example
 * ```ts
 * const library = await Library.open({ dataDir: "data", snapshotPath: "state/index.json" });
 * const answer = library.ask("does WhatsApp read my messages?");
 * const report = await library.reindex();
 * ```
 */
export class Library {
  readonly #options: Required<Omit<LibraryOptions, "snapshotPath">> & { snapshotPath?: string };
  #state: LibraryState;
  /** Answers until the next swap; absent when `cacheSize` is 0. */
  #cache: LRUCache<string, Answer> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The live index came from a rollback, so it differs from the files on purpose. */
  #rolledBack = false;

  private constructor(options: LibraryOptions, state: LibraryState) {
    this.#options = { ...defaultOptions, ...options };
    this.#state = state;
    this.#cache = this.#options.cacheSize > 0 ? new LRUCache({ max: this.#options.cacheSize }) : undefined;
  }

  /**
   * Opens the library: loads the snapshot when it matches the documents, else (re)builds,
   * reusing the snapshot's passages for files that did not change. A corrupt or stale snapshot
   * is rebuilt with a warning, never a crash.
   */
  static async open(options: LibraryOptions): Promise<Library> {
    const logger = options.logger ?? silentLogger;
    let state = await emptyState();
    if (options.snapshotPath) {
      try {
        const snapshot = await loadSnapshot(options.snapshotPath);
        if (snapshot?.rolledBack) {
          logger.warn(
            { snapshot: options.snapshotPath },
            "the index was rolled back and differs from DATA_DIR; run `npm run reindex` to index the files again",
          );
          const library = new Library(options, fromSnapshot(snapshot));
          library.#rolledBack = true;
          return library;
        }
        if (snapshot) state = fromSnapshot(snapshot);
      } catch (err) {
        if (!(err instanceof SnapshotError)) throw err;
        logger.warn({ err }, `${err.message}; rebuilding the index from the documents`);
      }
    }
    const library = new Library(options, state);
    if (options.reindexOnOpen === false) return library;
    const report = await library.reindex();
    logger.info(
      {
        documents: report.documents,
        passages: report.passages,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        errors: report.errors,
        warnings: report.warnings,
      },
      report.applied ? "index ready" : "no document could be indexed",
    );
    return library;
  }

  /**
   * Answers a question with verbatim quotes. Never throws on user input: empty, huge or binary
   * text gets `answered: false`.
   */
  ask(question: string, options: AskOptions = {}): Answer {
    const key = `${options.offset ?? 0}:${options.limit ?? ""}:${question}`;
    const cached = this.#cache?.get(key);
    if (cached) return structuredClone(cached);
    const { index, metas } = this.#state;
    const answer = composeAnswer(
      { index, documents: metas, concepts: this.#options.concepts },
      question,
      options,
    );
    this.#cache?.set(key, answer);
    return structuredClone(answer);
  }

  /** The indexed documents, by title. */
  documents(): DocumentInfo[] {
    return [...this.#state.documents.values()]
      .map((d) => ({ file: d.file, ...d.meta, passages: d.passages.length }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  /** Questions the documents can answer that start like `partial` (for autocomplete). */
  suggest(partial: string, limit = 10): string[] {
    const state = this.#state;
    state.suggestions ??= buildSuggestions(
      state.index.passages,
      [...state.documents.values()].map((d) => d.meta.title),
    );
    return suggestQuestions(state.suggestions, partial, limit);
  }

  /** Number of documents and passages in the live index. */
  get size(): { documents: number; passages: number } {
    return { documents: this.#state.documents.size, passages: this.#state.index.passages.length };
  }

  /**
   * Re-reads added and changed files, drops removed ones, builds a new index while the current
   * one keeps answering, and swaps it in. Calls are serialised: a second reindex waits for the
   * first. If no document at all can be indexed, the current index stays live.
   */
  reindex(options: ReindexOptions = {}): Promise<ReindexReport> {
    const run = this.#queue.then(() => this.#reindex(options));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Restores the snapshot that the last reindex replaced. Serialised with reindexes. */
  rollback(): Promise<ReindexReport> {
    const run = this.#queue.then(() => this.#rollback());
    this.#queue = run.catch(() => {});
    return run;
  }

  async #reindex({ dryRun = false, onProgress }: ReindexOptions): Promise<ReindexReport> {
    const started = performance.now();
    const { dataDir, logger } = this.#options;
    const old = this.#state.documents;
    const { next, added, changed, removed, unchanged, errors, warnings, refreshed } = await planReindex(
      dataDir,
      old,
      onProgress,
    );
    const passages = [...next.values()].flatMap((d) => d.passages);
    const report: ReindexReport = {
      added,
      changed,
      removed,
      unchanged,
      documents: next.size,
      passages: passages.length,
      errors,
      warnings,
      applied: false,
      dryRun,
      durationMs: 0,
    };
    const nothingChanged = added.length + changed.length + removed.length === 0 && !this.#rolledBack;
    if (dryRun || next.size === 0 || nothingChanged) {
      report.applied = !dryRun && next.size > 0;
      if (!dryRun && next.size === 0 && old.size > 0) {
        logger.warn({ errors }, "reindex found no indexable document; keeping the current index");
      }
      if (report.applied) {
        // Same content; only file times moved (e.g. a fresh git checkout). Remember them.
        this.#state = makeState(next, this.#state.index);
        if (refreshed) await this.#save(next);
      }
      report.durationMs = Math.round(performance.now() - started);
      return report;
    }
    const titles = new Map([...next.values()].map((d) => [d.file, d.meta.title]));
    const index = await buildIndex(passages, titles);
    this.#state = makeState(next, index);
    this.#cache?.clear();
    this.#rolledBack = false;
    report.applied = true;
    if (this.#options.snapshotPath) await this.#save(next);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  async #save(documents: Map<string, IndexedDocument>): Promise<void> {
    const path = this.#options.snapshotPath;
    if (!path) return;
    try {
      await saveSnapshot(path, { ...toSnapshot(documents, this.#state.index), rolledBack: this.#rolledBack });
    } catch (err) {
      // The live index is fine; only the next start will be slower. Say how to fix it.
      this.#options.logger.error(
        { err, path },
        "cannot write the index snapshot; check that its folder is writable",
      );
    }
  }

  async #rollback(): Promise<ReindexReport> {
    const started = performance.now();
    const path = this.#options.snapshotPath;
    if (!path) throw new LibraryError("rollback needs a snapshot path (SNAPSHOT_PATH or STATE_DIR)");
    const snapshot = await loadSnapshot(previousSnapshotPath(path)).catch((cause) => {
      throw new LibraryError(`the previous snapshot cannot be used: ${(cause as Error).message}`, { cause });
    });
    if (!snapshot)
      throw new LibraryError("there is no previous index to roll back to (no reindex has replaced one yet)");
    const before = this.#state.documents;
    const restored = fromSnapshot(snapshot);
    const after = restored.documents;
    this.#state = restored;
    this.#cache?.clear();
    this.#rolledBack = true;
    await this.#save(after);
    return {
      added: [...after.keys()].filter((f) => !before.has(f)),
      changed: [...after.keys()].filter((f) => before.has(f) && before.get(f)?.hash !== after.get(f)?.hash),
      removed: [...before.keys()].filter((f) => !after.has(f)),
      unchanged: [...after.keys()].filter((f) => before.get(f)?.hash === after.get(f)?.hash).length,
      documents: after.size,
      passages: restored.index.passages.length,
      errors: [],
      applied: true,
      dryRun: false,
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/** A library operation that cannot be done; the message says why and what to do. */
export class LibraryError extends Error {
  override name = "LibraryError";
}

async function emptyState(): Promise<LibraryState> {
  return makeState(new Map(), await buildIndex([], new Map()));
}

/**
 * The state a checked snapshot describes. Anything that still fails while building it is a
 * {@link SnapshotError} too, so that start-up rebuilds instead of crashing.
 */
function fromSnapshot(snapshot: Snapshot): LibraryState {
  try {
    return stateOf(snapshot);
  } catch (cause) {
    throw new SnapshotError(`the index snapshot cannot be loaded (${(cause as Error).message})`, { cause });
  }
}

function stateOf(snapshot: Snapshot): LibraryState {
  const byFile = new Map<string, Passage[]>();
  for (const p of snapshot.passages) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const documents = new Map(
    snapshot.documents.map((d) => [d.file, { ...d, passages: byFile.get(d.file) ?? [] }]),
  );
  return makeState(documents, deserializeIndex(snapshot.index, snapshot.passages));
}

function toSnapshot(documents: Map<string, IndexedDocument>, index: SearchIndex): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    createdAt: new Date().toISOString(),
    documents: [...documents.values()].map(({ passages: _passages, ...doc }) => doc),
    passages: index.passages,
    index: serializeIndex(index),
  };
}
