/**
 * @module
 * The engines the benchmark compares, behind one shape: citebot's full answer path (retrieval and
 * quote selection, uncached: `composeAnswer` directly, not `Library.ask`, whose LRU would answer
 * repeats from memory); MiniSearch over the raw passage text as a user would set it up (defaults;
 * the same stop words; stop words and `fuzzy: 0.2`); and the BM25 floor over typed arrays.
 * The baselines' "answer" is only their result list.
 */
import { readFile, writeFile } from "node:fs/promises";
import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import { ALL_SIGNALS } from "../src/core/analyze.ts";
import { type AnswerContext, composeAnswer } from "../src/core/answer.ts";
import { NO_CONCEPTS } from "../src/core/concepts.ts";
import { buildIndex } from "../src/core/search-index.ts";
import {
  loadSnapshot,
  SNAPSHOT_FORMAT,
  type Snapshot,
  saveSnapshot,
  snapshotBytes,
} from "../src/core/snapshot.ts";
import { STOP_WORDS } from "../src/core/text.ts";
import { buildFloor, type FloorIndex, loadFloor, saveFloor, searchFloor } from "./bm25-floor.ts";
import type { Corpus } from "./corpus.ts";

/** One engine under test; `ask` is what is timed. */
export interface Engine {
  name: string;
  build(corpus: Corpus): Promise<void>;
  /**
   * Passage ids (indexes into the corpus) of the engine's top results, best first. Every engine
   * is judged by the same rule on these ids (see `measure.ts`), whatever form its answer takes.
   */
  ask(question: string): number[];
  /** Writes the snapshot and returns its size in bytes. */
  save(file: string): Promise<number>;
  load(file: string, corpus: Corpus): Promise<void>;
  /** Drops the index so that its memory can be collected. */
  release(): void;
}

/** How many results count for recall@10. */
export const RESULTS = 10;

/**
 * citebot's answer path: `buildIndex` + `composeAnswer`, the same code `Library` runs, lexical
 * signals only (no vectors). The snapshot is the one `Library` writes (manifest and binary body).
 * Each quote counts as the passage it was taken from: same cited document (`source` is 1-based)
 * and paragraph, and the passage text holds the quote's first sentence; then each place cited
 * beside it as saying the same (`also`: a near-identical sentence of another document, which the
 * answer cites instead of quoting twice), as the first passage of that paragraph.
 */
export function citebotEngine(): Engine {
  let ctx: AnswerContext | undefined;
  let documents: Corpus["documents"] = new Map();
  let byParagraph = new Map<string, number[]>();
  const context = () => {
    if (!ctx) throw new Error("citebot engine: build or load first");
    return ctx;
  };
  const start = (index: AnswerContext["index"]) => {
    ctx = { index, documents, concepts: NO_CONCEPTS, signals: ALL_SIGNALS };
  };
  // The bench's own map from a quote's place to passage ids, to judge hits by id: made with the
  // build (the corpus is the same at load), so it is no part of the snapshot load's time.
  const mapParagraphs = (passages: readonly { file: string; paragraph?: number }[]) => {
    byParagraph = new Map();
    passages.forEach((p, id) => {
      const key = `${p.file}\u0000${p.paragraph}`;
      const ids = byParagraph.get(key);
      if (ids) ids.push(id);
      else byParagraph.set(key, [id]);
    });
  };
  return {
    name: "citebot",
    async build(corpus) {
      documents = corpus.documents;
      mapParagraphs(corpus.passages);
      start(await buildIndex(corpus.passages, corpus.titles));
    },
    ask(question) {
      const c = context();
      const answer = composeAnswer(c, question, { limit: RESULTS });
      const inParagraph = (source: number, paragraph: number | undefined) =>
        byParagraph.get(`${answer.sources[source - 1]?.file}\u0000${paragraph}`) ?? [];
      return answer.quotes.flatMap((q) => {
        const first = q.text.split(" … ")[0] as string;
        const own = inParagraph(q.source, q.paragraph).find((id) =>
          c.index.passages[id]?.text.includes(first),
        );
        // a place that repeats the quote nearly word for word: the passage of its paragraph
        // sharing the most of the quote's words (a long paragraph is split into passages; the
        // first of equals), each passage's share counted once
        const words = q.also?.length ? new Set(first.toLowerCase().split(/\W+/)) : undefined;
        const shared = (id: number) =>
          (c.index.passages[id]?.text.toLowerCase().split(/\W+/) ?? []).filter((w) => words?.has(w)).length;
        const also = (q.also ?? []).map((p) => {
          const ids = inParagraph(p.source, p.paragraph);
          if (ids.length < 2) return ids[0] ?? -1;
          let best = ids[0] as number;
          let most = shared(best);
          for (const id of ids.slice(1)) {
            const n = shared(id);
            if (n > most) [best, most] = [id, n];
          }
          return best;
        });
        return [own ?? -1, ...also];
      });
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
      if (byParagraph.size === 0) mapParagraphs(snapshot.index.passages);
      start(snapshot.index);
    },
    release() {
      ctx = undefined;
    },
  };
}

/** MiniSearch over the passage text with its defaults: its own tokenizer, no stop words, no stemming. */
const PLAIN_OPTIONS: Options<{ id: number; text: string }> = { fields: ["text"], storeFields: [] };

/**
 * MiniSearch with one option a competent user sets: the same stop-word list citebot uses
 * (a data list, not citebot's tokenizer or stemmer), dropped at indexing and search alike.
 */
const STOP_WORD_OPTIONS: Options<{ id: number; text: string }> = {
  ...PLAIN_OPTIONS,
  processTerm: (term) => {
    const lower = term.toLowerCase();
    return STOP_WORDS.has(lower) ? null : lower;
  },
};

/**
 * MiniSearch over the passage text. Its snapshot is `JSON.stringify(miniSearch)` (index only:
 * the passages it would quote from are not in it).
 */
export function miniSearchEngine(
  name: string,
  searchOptions: SearchOptions = {},
  options: Options<{ id: number; text: string }> = PLAIN_OPTIONS,
): Engine {
  let mini: MiniSearch<{ id: number; text: string }> | undefined;
  const index = () => {
    if (!mini) throw new Error(`${name} engine: build or load first`);
    return mini;
  };
  return {
    name,
    async build(corpus) {
      mini = new MiniSearch(options);
      mini.addAll(corpus.passages.map((p, id) => ({ id, text: p.text })));
    },
    ask(question) {
      return index()
        .search(question, searchOptions)
        .slice(0, RESULTS)
        .map((r) => r.id as number);
    },
    async save(file) {
      const text = JSON.stringify(index());
      await writeFile(file, text);
      return Buffer.byteLength(text);
    },
    async load(file) {
      mini = MiniSearch.loadJSON(await readFile(file, "utf8"), options);
    },
    release() {
      mini = undefined;
    },
  };
}

/** The baselines, each set up as its user would: defaults, stop words, stop words + fuzzy 0.2. */
export const baselineEngines = (): Engine[] => [
  miniSearchEngine("minisearch"),
  miniSearchEngine("minisearch-stop", {}, STOP_WORD_OPTIONS),
  miniSearchEngine("minisearch-stop-fuzzy", { fuzzy: 0.2 }, STOP_WORD_OPTIONS),
  floorEngine(),
];

/** The BM25 floor (`bm25-floor.ts`) with the same stop words. */
export function floorEngine(): Engine {
  let index: FloorIndex | undefined;
  const own = () => {
    if (!index) throw new Error("bm25-floor engine: build or load first");
    return index;
  };
  return {
    name: "bm25-floor",
    async build(corpus) {
      index = buildFloor(
        corpus.passages.map((p) => p.text),
        STOP_WORDS,
      );
    },
    ask: (question) => searchFloor(own(), question, STOP_WORDS, RESULTS),
    save: (file) => saveFloor(own(), file),
    async load(file) {
      index = await loadFloor(file);
    },
    release() {
      index = undefined;
    },
  };
}
