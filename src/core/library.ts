/**
 * @module
 * The retrieval core's front door: a {@link Library} holds the live index, answers questions from
 * it, and changes it one at a time: a reindex of the data folder builds a new index beside the live
 * one and swaps it in; a document change (a moderator's upload or removal, a file the watcher saw
 * change) reads and splits only that file, then builds the new index from every passage. Either
 * way the new generation is swapped in whole and saved as the snapshot.
 */
import path from "node:path";
import { LRUCache } from "lru-cache";
import { ALL_SIGNALS } from "./analyze.ts";
import {
  type AnswerContext,
  cleanQuestion,
  composeAnswer,
  type Explanation,
  explainAnswer,
  retrievalQuestion,
} from "./answer.ts";
import { type ConceptMap, loadSynonyms, NO_CONCEPTS } from "./concepts.ts";
import { questionLanguage } from "./language.ts";
import type { Passage } from "./passages.ts";
import { type IndexedDocument, planFiles, planReindex, type ReindexPlan } from "./reindex-plan.ts";
import { buildIndex, type SearchIndex } from "./search-index.ts";
import type { Embedder } from "./semantic/embedder.ts";
import { loadVectors, saveVectors, vectorPath } from "./semantic/vector-file.ts";
import {
  buildVectors,
  countMissing,
  type IndexVectors,
  type SemanticScores,
  semanticScores,
  type VectorRows,
} from "./semantic/vectors.ts";
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
  type Signals,
  silentLogger,
} from "./types.ts";

/** Options for {@link Library.open}. */
export interface LibraryOptions {
  /** Folder of `.md`/`.txt` documents. */
  dataDir: string;
  /** Where the index snapshot is kept; without it the index lives in memory only. */
  snapshotPath?: string;
  logger?: Logger;
  /**
   * Query-time synonyms; by default each reindex reads `DATA_DIR/.synonyms.txt` (see
   * `concepts.ts`), and a corpus without one has none.
   */
  concepts?: ConceptMap;
  /**
   * Sentence embedder for the semantic signal. Vectors are computed in the background after
   * each reindex (only for new sentences) and saved beside the snapshot; until they are ready,
   * answers are lexical. Without an embedder, answers are always lexical.
   */
  embedder?: Embedder;
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
  cacheSize: 1000,
  reindexOnOpen: true,
};

/** A question waits at most this long for its vector (the embedder may be busy); then it is lexical. */
const QUESTION_VECTOR_TIMEOUT_MS = 3_000;

/** One consistent generation of the index; replaced whole, never mutated. */
interface LibraryState {
  documents: Map<string, IndexedDocument>;
  index: SearchIndex;
  /** Document metadata by file, as answers cite it; built once per state, not per question. */
  metas: Map<string, DocumentMeta>;
  /** Autocomplete pool, built on first use. */
  suggestions?: Suggestion[];
  /** Synonyms from the corpus's `.synonyms.txt`. */
  concepts: ConceptMap;
  /** Sentence vectors, once computed for this generation. */
  vectors?: IndexVectors;
  /** Example questions for small talk, found on first use. */
  examples?: string[];
}

function makeState(
  documents: Map<string, IndexedDocument>,
  index: SearchIndex,
  concepts: ConceptMap = NO_CONCEPTS,
): LibraryState {
  return { documents, index, concepts, metas: new Map([...documents].map(([file, d]) => [file, d.meta])) };
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
  readonly #options: Required<Omit<LibraryOptions, "snapshotPath" | "concepts" | "embedder">> &
    Pick<LibraryOptions, "snapshotPath" | "concepts" | "embedder">;
  #state: LibraryState;
  /** Answers until the next swap; absent when `cacheSize` is 0. */
  #cache: LRUCache<string, Answer> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The live index came from a rollback, so it differs from the files on purpose. */
  #rolledBack = false;
  /** The vector job for the live generation; replaced (and the old one aborted) on every swap. */
  #vectorJob: Promise<void> = Promise.resolve();
  #vectorAbort: AbortController | undefined;
  /** The index generation whose vectors are being (or were) computed: vectors belong to an index. */
  #vectorsFor: SearchIndex | undefined;
  /** Vectors read from disk at open, reused by sentence for the first generation. */
  #storedVectors: VectorRows | undefined;
  #questionVectors = new LRUCache<string, Float32Array>({ max: 1000 });
  #warnedEmbedder = false;
  #generation = 0;

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
    const { embedder, snapshotPath } = options;
    // Saved vectors first: whatever the opening reindex builds reuses them sentence by sentence.
    const stored =
      embedder && snapshotPath ? await loadVectors(vectorPath(snapshotPath), embedder.id) : undefined;
    const library = await Library.#openIndex(options, stored);
    library.#startVectors();
    return library;
  }

  static async #openIndex(options: LibraryOptions, stored?: VectorRows): Promise<Library> {
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
          const library = new Library(options, fromSnapshot(snapshot, await Library.#concepts(options)));
          library.#rolledBack = true;
          library.#storedVectors = stored;
          return library;
        }
        if (snapshot) state = fromSnapshot(snapshot, await Library.#concepts(options));
      } catch (err) {
        if (!(err instanceof SnapshotError)) throw err;
        logger.warn({ err }, `${err.message}; rebuilding the index from the documents`);
      }
    }
    const library = new Library(options, state);
    library.#storedVectors = stored;
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
   * text gets `answered: false`. Small talk ("hi", "thanks") gets `kind: "smalltalk"` with
   * example questions.
   */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const state = this.#state;
    const signals = { ...ALL_SIGNALS, ...options.signals };
    const key = JSON.stringify([options.offset ?? 0, options.limit ?? "", options.signals ?? 0, question]);
    const cached = this.#cache?.get(key);
    if (cached && this.#state === state) return structuredClone(cached);
    const answer = composeAnswer(await this.#answerContext(state, signals, question), question, options);
    if (answer.kind === "smalltalk") answer.examples = this.#examples(state);
    if (this.#state === state) this.#cache?.set(key, answer);
    return structuredClone(answer);
  }

  /**
   * Why a question is answered or refused: its weighted concepts and best candidate passages
   * (`npm run ask -- --explain`).
   */
  async explain(question: string, options: Pick<AskOptions, "signals"> = {}): Promise<Explanation> {
    const state = this.#state;
    const signals = { ...ALL_SIGNALS, ...options.signals };
    return explainAnswer(await this.#answerContext(state, signals, question), question);
  }

  /** What answering needs for one question: the live index, and its vectors when ready. */
  async #answerContext(state: LibraryState, signals: Signals, question: string): Promise<AnswerContext> {
    const lexical = lexicalContext(state, signals);
    let semantic: SemanticScores | undefined;
    if (signals.semantic && state.vectors) {
      const vector = await this.#embedQuestion(retrievalQuestion(lexical, cleanQuestion(question)));
      if (vector) semantic = semanticScores(state.vectors, vector);
    }
    return { ...lexical, semantic };
  }

  /** Resolves when the live generation's sentence vectors are computed (at once without an embedder). */
  vectorsReady(): Promise<void> {
    return this.#vectorJob;
  }

  /** Whether answers use the semantic signal now (vectors ready). */
  get semanticReady(): boolean {
    return this.#state.vectors !== undefined;
  }

  /**
   * The question's vector, cached. English questions only: the shipped model reads English.
   * Waits at most {@link QUESTION_VECTOR_TIMEOUT_MS} (the embedder may be busy), then answers
   * lexically.
   */
  async #embedQuestion(question: string): Promise<Float32Array | undefined> {
    const embedder = this.#options.embedder;
    if (!embedder || !question || questionLanguage(question) !== "en") return undefined;
    const cached = this.#questionVectors.get(question);
    if (cached) return cached;
    let timer: NodeJS.Timeout | undefined;
    try {
      const vector = await Promise.race([
        embedder.embed([question], { urgent: true }).then(([v]) => v),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), QUESTION_VECTOR_TIMEOUT_MS);
          timer.unref();
        }),
      ]);
      if (vector) this.#questionVectors.set(question, vector);
      return vector;
    } catch (err) {
      if (!this.#warnedEmbedder)
        this.#options.logger.warn({ err }, "cannot embed questions; answering from keywords");
      this.#warnedEmbedder = true;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Two questions the documents answer, from different documents: their own questions first
   * (headings or sentences ending in "?"), then section headings, checked by answering them.
   */
  #examples(state: LibraryState): string[] {
    if (state.examples) return state.examples;
    const pool = new Set<string>();
    const headings = new Set<string>();
    for (const p of state.index.passages) {
      if (pool.size >= 200) break;
      if (p.section) (p.section.endsWith("?") ? pool : headings).add(p.section);
      for (const s of p.sentences) {
        const sentence = p.text.slice(s.start, s.end);
        // A question that points back at its context ("Why is X doing this?") makes no example.
        if (
          sentence.endsWith("?") &&
          sentence.length <= 100 &&
          /^\p{Lu}/u.test(sentence) &&
          !/\b(?:this|that|these|those|it|they|them|he|she)\b/i.test(sentence)
        )
          pool.add(sentence);
      }
    }
    const examples: string[] = [];
    const files = new Set<string>();
    const ctx = lexicalContext(state, ALL_SIGNALS);
    for (const text of [...pool, ...headings].slice(0, 300)) {
      if (examples.length >= 2) break;
      const answer = composeAnswer(ctx, text, { limit: 1 });
      const file = answer.sources[0]?.file;
      if (answer.answered && file && !files.has(file)) {
        examples.push(text);
        files.add(file);
      }
    }
    state.examples = examples;
    return examples;
  }

  /**
   * Computes the live generation's sentence vectors in the background, reusing the previous
   * generation's (or the saved ones) for unchanged sentences, then swaps them in and saves them.
   */
  #startVectors(previous?: VectorRows): void {
    const embedder = this.#options.embedder;
    // One job per generation: a second call for the same state would only redo the first's work.
    if (!embedder || this.#vectorsFor === this.#state.index) return;
    this.#vectorsFor = this.#state.index;
    this.#vectorAbort?.abort();
    const abort = new AbortController();
    this.#vectorAbort = abort;
    const state = this.#state;
    const reuse = previous ?? this.#storedVectors;
    const { logger, snapshotPath } = this.#options;
    const missing = countMissing(state.index.passages, reuse, embedder.id);
    const started = performance.now();
    if (missing > 0) logger.info({ sentences: missing }, "computing sentence vectors in the background");
    this.#vectorJob = (async () => {
      const vectors = await buildVectors(state.index.passages, embedder, {
        previous: reuse,
        signal: abort.signal,
      });
      // Superseded by a new index? Then these vectors belong to no live passages.
      if (!vectors || this.#state.index !== state.index) return;
      this.#state = { ...this.#state, vectors };
      this.#storedVectors = undefined;
      this.#cache?.clear();
      if (missing > 0)
        logger.info(
          { sentences: missing, ms: Math.round(performance.now() - started) },
          "sentence vectors ready: answers use meaning as well as keywords",
        );
      if (snapshotPath && missing > 0) {
        await saveVectors(vectorPath(snapshotPath), vectors).catch((err) =>
          logger.error({ err }, "cannot save sentence vectors; check that the state folder is writable"),
        );
      }
    })().catch((err) => {
      logger.warn({ err }, "cannot compute sentence vectors; answering from keywords");
    });
  }

  static async #concepts(options: LibraryOptions): Promise<ConceptMap> {
    if (options.concepts) return options.concepts;
    const { concepts, error } = await loadSynonyms(options.dataDir);
    if (error) options.logger?.warn({ dataDir: options.dataDir }, error);
    return concepts;
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

  /** Number of documents and passages in the live index, and the characters of passage text. */
  get size(): { documents: number; passages: number; characters: number } {
    const { passages } = this.#state.index;
    let characters = 0;
    for (const p of passages) characters += p.text.length;
    return { documents: this.#state.documents.size, passages: passages.length, characters };
  }

  /**
   * Re-reads added and changed files, drops removed ones, builds a new index while the current
   * one keeps answering, and swaps it in. Calls are serialised: a second reindex waits for the
   * first. If no document at all can be indexed, the current index stays live.
   */
  reindex(options: ReindexOptions = {}): Promise<ReindexReport> {
    return this.#enqueue(() => this.#reindex(options));
  }

  /** Restores the snapshot that the last reindex or document change replaced. Serialised with them. */
  rollback(): Promise<ReindexReport> {
    return this.#enqueue(() => this.#rollback());
  }

  /**
   * Adds or replaces one document: runs `write` (the caller's atomic write of the file into
   * DATA_DIR, e.g. a moderator's upload) and then reads and splits only that file, in
   * turn with every other change. The rest of the folder is not scanned; sentence vectors are
   * computed only for new sentences. A file that cannot be indexed is listed in `errors` and the
   * live index (with its previous version, if any) keeps answering.
   *
   * @example
   * ```ts
   * const report = await library.addDocument("faq.md", () => writeFile("data/faq.md", bytes));
   * report.added; // ["faq.md"]
   * ```
   */
  addDocument(file: string, write?: () => Promise<unknown>): Promise<ReindexReport> {
    return this.#enqueue(() => this.#change(file, write));
  }

  /**
   * Removes one document: runs `remove` (the caller's deletion of the file) and drops the file's
   * passages from the index, in turn with every other change; nothing else is read.
   *
   * @example
   * ```ts
   * const report = await library.removeDocument("faq.md", () => unlink("data/faq.md"));
   * report.removed; // ["faq.md"]
   * ```
   */
  removeDocument(file: string, remove?: () => Promise<unknown>): Promise<ReindexReport> {
    return this.#enqueue(() => this.#change(file, remove));
  }

  /**
   * Brings the listed files (relative to DATA_DIR) up to date with the disk: what the watcher
   * calls. A file the index already holds at its size and time (a change this library indexed
   * itself) is not read again, and when nothing is left to do no index is built.
   */
  updateFiles(files: readonly string[]): Promise<ReindexReport> {
    return this.#enqueue(async () => {
      const started = performance.now();
      const plan = await planFiles(this.#options.dataDir, this.#state.documents, files.map(checkedFile));
      return this.#apply(plan, started, { partial: true });
    });
  }

  /**
   * Index generations swapped in since the library opened: one per reindex, document change or
   * rollback that changed the index, none for one that found nothing to do.
   */
  get generation(): number {
    return this.#generation;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #change(file: string, step: (() => Promise<unknown>) | undefined): Promise<ReindexReport> {
    const started = performance.now();
    const relative = checkedFile(file);
    await step?.();
    const plan = await planFiles(this.#options.dataDir, this.#state.documents, [relative]);
    return this.#apply(plan, started, { partial: true });
  }

  async #reindex({ dryRun = false, onProgress }: ReindexOptions): Promise<ReindexReport> {
    const started = performance.now();
    const { dataDir, logger } = this.#options;
    const plan = await planReindex(dataDir, this.#state.documents, onProgress, (err) =>
      logger.warn({ err }, "a document-splitting thread failed; splitting in the main thread instead"),
    );
    return this.#apply(plan, started, { dryRun });
  }

  /**
   * Swaps in the index a plan describes (unless it is a dry run, empty, or changes nothing) and
   * saves it. A `partial` plan (some files, not the folder) leaves a rolled-back index rolled back:
   * the other files still differ from it.
   */
  async #apply(
    plan: ReindexPlan,
    started: number,
    { dryRun = false, partial = false }: { dryRun?: boolean; partial?: boolean },
  ): Promise<ReindexReport> {
    const { logger } = this.#options;
    const old = this.#state.documents;
    const { next, added, changed, removed, unchanged, errors, warnings, refreshed } = plan;
    let passageCount = 0;
    for (const d of next.values()) passageCount += d.passages.length;
    const report: ReindexReport = {
      added,
      changed,
      removed,
      unchanged,
      documents: next.size,
      passages: passageCount,
      errors,
      warnings,
      applied: false,
      dryRun,
      durationMs: 0,
    };
    const concepts = await Library.#concepts(this.#options);
    const changes = added.length + changed.length + removed.length;
    const nothingChanged = changes === 0 && (partial || !this.#rolledBack);
    if (dryRun || next.size === 0 || nothingChanged) {
      // A document change that failed changed nothing: say so, rather than "reindexed".
      report.applied = !dryRun && next.size > 0 && !(partial && errors.length > 0);
      if (!dryRun && next.size === 0 && old.size > 0) {
        logger.warn({ errors }, "reindex found no indexable document; keeping the current index");
      }
      if (!dryRun && next.size > 0) {
        // Same content; only file times moved (e.g. a fresh git checkout). Remember them.
        const vectors = this.#state.vectors;
        this.#state = { ...makeState(next, this.#state.index, concepts), vectors };
        this.#cache?.clear();
        if (!vectors) this.#startVectors();
        if (refreshed) await this.#save(next);
      }
      report.durationMs = Math.round(performance.now() - started);
      return report;
    }
    const passages = [...next.values()].flatMap((d) => d.passages);
    const titles = new Map([...next.values()].map((d) => [d.file, d.meta.title]));
    // Only changed files were read and split; the postings are built again from every passage
    // (a build yields between chunks, so the live index answers meanwhile).
    const index = await buildIndex(passages, titles);
    const previousVectors = this.#state.vectors;
    this.#state = makeState(next, index, concepts);
    this.#generation++;
    this.#cache?.clear();
    this.#startVectors(previousVectors);
    if (!partial) this.#rolledBack = false;
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
    const previousVectors = this.#state.vectors;
    const restored = fromSnapshot(snapshot, await Library.#concepts(this.#options));
    const after = restored.documents;
    this.#state = restored;
    this.#generation++;
    this.#cache?.clear();
    this.#startVectors(previousVectors);
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

/** A document's path as the index keys it (relative to DATA_DIR, forward slashes); never one leading out. */
function checkedFile(file: string): string {
  const relative = path.posix.normalize(file.replace(/\\/g, "/"));
  if (
    !relative ||
    relative === "." ||
    relative.startsWith("../") ||
    relative === ".." ||
    path.isAbsolute(relative)
  )
    throw new LibraryError(
      `"${file}" is not a document path inside DATA_DIR; give it relative to DATA_DIR, e.g. "news/faq.md"`,
    );
  return relative;
}

/** Answering a generation without its vectors. Its synonyms are the options' when given (see #concepts). */
const lexicalContext = (state: LibraryState, signals: Signals): AnswerContext => ({
  index: state.index,
  documents: state.metas,
  concepts: state.concepts,
  signals,
});

async function emptyState(): Promise<LibraryState> {
  return makeState(new Map(), await buildIndex([], new Map()));
}

/**
 * The state a checked snapshot describes. Anything that still fails while building it is a
 * {@link SnapshotError} too, so that start-up rebuilds instead of crashing.
 */
function fromSnapshot(snapshot: Snapshot, concepts: ConceptMap): LibraryState {
  try {
    return stateOf(snapshot, concepts);
  } catch (cause) {
    throw new SnapshotError(`the index snapshot cannot be loaded (${(cause as Error).message})`, { cause });
  }
}

function stateOf(snapshot: Snapshot, concepts: ConceptMap): LibraryState {
  const byFile = new Map<string, Passage[]>();
  // A document's passages are consecutive: one lookup per run, not per passage (a million
  // lookups were 5% of opening a 1M-passage snapshot).
  let file: string | undefined;
  let list: Passage[] = [];
  for (const p of snapshot.index.passages) {
    if (p.file !== file) {
      file = p.file;
      list = byFile.get(file) ?? [];
      byFile.set(file, list);
    }
    list.push(p);
  }
  const documents = new Map(
    snapshot.documents.map((d) => [d.file, { ...d, passages: byFile.get(d.file) ?? [] }]),
  );
  return makeState(documents, snapshot.index, concepts);
}

function toSnapshot(documents: Map<string, IndexedDocument>, index: SearchIndex): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    createdAt: new Date().toISOString(),
    documents: [...documents.values()].map(({ passages: _passages, ...doc }) => doc),
    index,
  };
}
