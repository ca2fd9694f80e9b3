/**
 * @module
 * The engines the benchmark compares, behind one shape: citebot's full answer path (retrieval and
 * quote selection, uncached: `composeAnswer` directly, not `Library.ask`, whose LRU would answer
 * repeats from memory) and plain MiniSearch over the raw passage text, with default search
 * options and with `fuzzy: 0.2, prefix: true`. MiniSearch's "answer" is only its result list.
 */
import { readFile, writeFile } from "node:fs/promises";
import MiniSearch, { type SearchOptions } from "minisearch";
import { ALL_SIGNALS } from "../src/core/analyze.ts";
import { type AnswerContext, composeAnswer } from "../src/core/answer.ts";
import { NO_CONCEPTS } from "../src/core/concepts.ts";
import type { Passage } from "../src/core/passages.ts";
import { buildIndex } from "../src/core/search-index.ts";
import {
  loadSnapshot,
  SNAPSHOT_FORMAT,
  type Snapshot,
  saveSnapshot,
  snapshotBytes,
} from "../src/core/snapshot.ts";
import type { Corpus } from "./corpus.ts";

/**
 * Rank (1-based) of the known passage in an answer, or `undefined` when it is not there. Man pages
 * repeat text across pages (GET, HEAD and POST share one page), so any passage with the same text
 * counts: the asker gets the words they were looking for.
 */
export type RankOf = (target: Passage) => number | undefined;

/** One engine under test; `ask` is what is timed, `RankOf` is computed outside the timing. */
export interface Engine {
  name: string;
  build(corpus: Corpus): Promise<void>;
  ask(question: string): RankOf;
  /** Writes the snapshot and returns its size in bytes. */
  save(file: string): Promise<number>;
  load(file: string, corpus: Corpus): Promise<void>;
  /** Drops the index so that its memory can be collected. */
  release(): void;
}

/** How many results count for recall@10. */
export const RESULTS = 10;

/**
 * citebot's answer path: `buildIndex` + `composeAnswer`, the same code `Library` runs. The snapshot
 * is the one `Library` writes (documents, passages and index in one JSON file).
 */
export function citebotEngine(): Engine {
  let ctx: AnswerContext | undefined;
  let documents: Corpus["documents"] = new Map();
  const context = () => {
    if (!ctx) throw new Error("citebot engine: build or load first");
    return ctx;
  };
  return {
    name: "citebot",
    async build(corpus) {
      documents = corpus.documents;
      ctx = {
        index: await buildIndex(corpus.passages, corpus.titles),
        documents,
        concepts: NO_CONCEPTS,
        signals: ALL_SIGNALS,
      };
    },
    ask(question) {
      const answer = composeAnswer(context(), question, { limit: RESULTS });
      return (target) => {
        const i = answer.quotes.findIndex((q) => target.text.includes(q.text));
        return i < 0 ? undefined : i + 1;
      };
    },
    async save(file) {
      const { index } = context();
      const snapshot: Snapshot = {
        format: SNAPSHOT_FORMAT,
        createdAt: new Date().toISOString(),
        documents: [...documents].map(([name, meta]) => ({
          file: name,
          size: 0,
          mtimeMs: 0,
          hash: "",
          meta,
        })),
        index,
      };
      await saveSnapshot(file, snapshot);
      return snapshotBytes(file);
    },
    async load(file) {
      const snapshot = await loadSnapshot(file);
      if (!snapshot) throw new Error(`citebot engine: no snapshot at ${file}`);
      documents = new Map(snapshot.documents.map((d) => [d.file, d.meta]));
      ctx = {
        index: snapshot.index,
        documents,
        concepts: NO_CONCEPTS,
        signals: ALL_SIGNALS,
      };
    },
    release() {
      ctx = undefined;
    },
  };
}

const PLAIN_OPTIONS = { fields: ["text"], storeFields: [] as string[] };

/**
 * Plain MiniSearch, as the issue measured it: default tokenizer (no stop words, no stemming),
 * indexing the passage text. Its snapshot is `JSON.stringify(miniSearch)` (index only: the
 * passages it would quote from are not in it).
 */
export function miniSearchEngine(name: string, searchOptions: SearchOptions = {}): Engine {
  let mini: MiniSearch<{ id: number; text: string }> | undefined;
  let passages: Passage[] = [];
  const index = () => {
    if (!mini) throw new Error(`${name} engine: build or load first`);
    return mini;
  };
  return {
    name,
    async build(corpus) {
      passages = corpus.passages;
      mini = new MiniSearch(PLAIN_OPTIONS);
      mini.addAll(corpus.passages.map((p, id) => ({ id, text: p.text })));
    },
    ask(question) {
      const results = index().search(question, searchOptions).slice(0, RESULTS);
      return (target) => {
        const i = results.findIndex((r) => passages[r.id as number]?.text === target.text);
        return i < 0 ? undefined : i + 1;
      };
    },
    async save(file) {
      const text = JSON.stringify(index());
      await writeFile(file, text);
      return Buffer.byteLength(text);
    },
    async load(file, corpus) {
      passages = corpus.passages;
      mini = MiniSearch.loadJSON(await readFile(file, "utf8"), PLAIN_OPTIONS);
    },
    release() {
      mini = undefined;
    },
  };
}

/** MiniSearch with defaults and with the fuzzy + prefix options the issue measured. */
export const MINISEARCH_FUZZY: SearchOptions = { fuzzy: 0.2, prefix: true };
