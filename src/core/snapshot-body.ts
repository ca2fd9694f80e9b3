/**
 * @module
 * The snapshot's body: passages and search index as typed arrays and string tables (see
 * `binary-tables.ts`). Everything a hostile or damaged file could get wrong and that the answer
 * path relies on — ids in range, posting lists in passage order, spans inside their text — is
 * checked in one linear pass before any of it is used; the checksum only catches accidents.
 */

import {
  decodeStrings,
  encodeStrings,
  type Section,
  type SectionKind,
  type StringSections,
  TableFileError,
} from "./binary-tables.ts";
import { devanagariKeys, rememberDevanagariKeys } from "./lexicon/cross-script.ts";
import type { Passage } from "./passages.ts";
import type { FieldTable, Postings } from "./postings.ts";
import { assembleIndex, FIELD_NAMES, type SearchIndex } from "./search-index.ts";
import type { SentenceTermTable } from "./sentence-terms.ts";
import type { Span } from "./text.ts";

/** Bump when the body's sections change. */
export const BODY_VERSION = 5;

const STRING_TABLES = [
  "files",
  "sections",
  "languages",
  "texts",
  "terms",
  "surfaces",
  "extraTerms",
  "names",
  /** Skeletons of the Devanagari vocabulary words (see `lexicon/cross-script.ts`). */
  "scriptKeys",
] as const;
const NUMERIC = {
  meta: "u32",
  passageFile: "i32",
  passageSection: "i32",
  passageLanguage: "i32",
  paragraph: "u32",
  /** PDF page a passage starts on, 0 for none. */
  page: "u32",
  /** Bit 0: the passage is a list item. */
  flags: "u8",
  sentenceOffsets: "u32",
  spans: "u32",
  df: "u32",
  vocabTerm: "i32",
  avgLengths: "f64",
  /** Sentence terms (see `SentenceTermTable`): slots per passage, ids per slot, term ids. */
  passageSlots: "u32",
  slotStarts: "u32",
  slotIds: "u32",
  /** Position in the vocabulary of each skeleton's word, increasing. */
  scriptKeyWords: "u32",
} as const satisfies Record<string, SectionKind>;
const FIELD_KINDS = ["u32", "i32", "u16", "u16"] as const satisfies SectionKind[];

/** Section kinds in file order: string tables, numeric sections, then each field's table. */
export const BODY_KINDS: SectionKind[] = [
  ...STRING_TABLES.flatMap((): SectionKind[] => ["u32", "u32", "u32", "u8"]),
  ...Object.values(NUMERIC),
  ...FIELD_NAMES.flatMap(() => FIELD_KINDS),
];

/** Interns strings to small ids, in first-seen order. */
function interner(): { id(s: string): number; list: string[] } {
  const ids = new Map<string, number>();
  const list: string[] = [];
  return {
    id(s) {
      let id = ids.get(s);
      if (id === undefined) {
        id = list.length;
        ids.set(s, id);
        list.push(s);
      }
      return id;
    },
    list,
  };
}

/** The sections of an index and its passages, ready for `writeTables`. */
export function encodeBody(index: SearchIndex): Section[] {
  const { passages, postings } = index;
  if (!postings) throw new TypeError("citebot: only indexes built by buildIndex can be saved");
  const n = passages.length;
  const files = interner();
  const sections = interner();
  const languages = interner();
  const passageFile = new Int32Array(n);
  const passageSection = new Int32Array(n);
  const passageLanguage = new Int32Array(n);
  const paragraph = new Uint32Array(n);
  const page = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const sentenceOffsets = new Uint32Array(n + 1);
  let sentenceCount = 0;
  for (const p of passages) sentenceCount += p.sentences.length;
  const spans = new Uint32Array(sentenceCount * 2);
  let s = 0;
  passages.forEach((p, i) => {
    passageFile[i] = files.id(p.file);
    passageSection[i] = p.section === undefined ? -1 : sections.id(p.section);
    passageLanguage[i] = languages.id(p.language);
    paragraph[i] = p.paragraph;
    page[i] = p.page ?? 0;
    flags[i] = p.listItem ? 1 : 0;
    for (const span of p.sentences) {
      spans[s++] = span.start;
      spans[s++] = span.end;
    }
    sentenceOffsets[i + 1] = s / 2;
  });
  const terms: string[] = new Array(postings.terms.size);
  for (const [term, tid] of postings.terms) terms[tid] = term;
  const df = new Uint32Array(terms.length);
  terms.forEach((term, tid) => {
    df[tid] = index.df.get(term) ?? 0;
  });
  // Vocabulary values are index terms (their ids); anything else goes to a small extra table.
  const extra = interner();
  const surfaces: string[] = [];
  const vocabTerm: number[] = [];
  for (const [surface, term] of index.vocabulary) {
    surfaces.push(surface);
    vocabTerm.push(postings.terms.get(term) ?? terms.length + extra.id(term));
  }
  // Stored so that opening the snapshot transliterates nothing.
  const scriptKeys = devanagariKeys(index.vocabulary);
  const strings: Record<(typeof STRING_TABLES)[number], readonly string[]> = {
    files: files.list,
    sections: sections.list,
    languages: languages.list,
    texts: passages.map((p) => p.text),
    terms,
    surfaces,
    extraTerms: extra.list,
    names: [...index.names],
    scriptKeys: scriptKeys.keys,
  };
  const numeric: Record<keyof typeof NUMERIC, Section> = {
    meta: Uint32Array.of(n, terms.length, postings.fields.length),
    passageFile,
    passageSection,
    passageLanguage,
    paragraph,
    page,
    flags,
    sentenceOffsets,
    spans,
    df,
    vocabTerm: Int32Array.from(vocabTerm),
    avgLengths: Float64Array.from(postings.fields.map((f) => f.avgLength)),
    // An index without the table (read from an old JSON snapshot) saves one that holds no passage.
    passageSlots: index.sentenceTerms?.passageSlots ?? new Uint32Array(n + 1),
    slotStarts: index.sentenceTerms?.slotStarts ?? Uint32Array.of(0),
    slotIds: index.sentenceTerms?.ids ?? new Uint32Array(0),
    scriptKeyWords: Uint32Array.from(scriptKeys.positions),
  };
  return [
    ...STRING_TABLES.flatMap((name) => {
      const t = encodeStrings(strings[name]);
      return [t.lengths, t.chunkCounts, t.chunkBytes, t.bytes];
    }),
    ...Object.values(numeric),
    ...postings.fields.flatMap((f) => [f.offsets, f.docs, f.tfs, f.lengths]),
  ];
}

/** What a body holds: the index (passages included) and the document files its passages cite. */
export interface DecodedBody {
  index: SearchIndex;
  files: string[];
}

/**
 * A passage read from a snapshot. Its sentence spans stay in the body's span table until asked
 * for (most passages never are: an answer reads its candidates'), so opening a million passages
 * makes no three million span objects for the garbage collector to trace.
 */
class StoredPassage implements Passage {
  file: string;
  paragraph: number;
  text: string;
  language: string;
  declare section?: string;
  declare page?: number;
  declare listItem?: boolean;
  readonly #spans: Uint32Array;
  readonly #from: number;
  readonly #to: number;
  #sentences: Span[] | undefined;

  constructor(
    file: string,
    paragraph: number,
    text: string,
    language: string,
    spans: Uint32Array,
    from: number,
    to: number,
  ) {
    this.file = file;
    this.paragraph = paragraph;
    this.text = text;
    this.language = language;
    this.#spans = spans;
    this.#from = from;
    this.#to = to;
  }

  get sentences(): Span[] {
    if (!this.#sentences) {
      const spans = this.#spans;
      const sentences: Span[] = new Array(this.#to - this.#from);
      for (let k = this.#from; k < this.#to; k++)
        sentences[k - this.#from] = { start: spans[2 * k] as number, end: spans[2 * k + 1] as number };
      this.#sentences = sentences;
    }
    return this.#sentences;
  }
}

/**
 * Turns a body's sections (as `readTableFile` returns them, of {@link BODY_KINDS}) into an index,
 * or throws {@link TableFileError} saying what is wrong. The index keeps the numeric sections it
 * uses as they are: each owns its memory.
 */
export function decodeBody(sections: readonly Section[]): DecodedBody {
  let at = 0;
  const next = <T extends Section>() => sections[at++] as T;
  const strings = {} as Record<(typeof STRING_TABLES)[number], string[]>;
  for (const name of STRING_TABLES) {
    const table: StringSections = { lengths: next(), chunkCounts: next(), chunkBytes: next(), bytes: next() };
    strings[name] = decodeStrings(table);
  }
  const num = {} as Record<keyof typeof NUMERIC, Section>;
  for (const name of Object.keys(NUMERIC) as (keyof typeof NUMERIC)[]) num[name] = next();
  const fail = (what: string): never => {
    throw new TableFileError(what);
  };
  const [n = -1, termCount = -1, fieldCount = -1] = num.meta;
  if (num.meta.length !== 3 || fieldCount !== FIELD_NAMES.length) fail("meta: wrong field count");
  if (strings.texts.length !== n || strings.terms.length !== termCount)
    fail("meta: counts do not match the tables");
  for (const name of [
    "passageFile",
    "passageSection",
    "passageLanguage",
    "paragraph",
    "page",
    "flags",
  ] as const)
    if (num[name].length !== n) fail(`${name}: not one per passage`);
  if (num.sentenceOffsets.length !== n + 1 || num.df.length !== termCount)
    fail("sentences or df: wrong length");
  if (num.vocabTerm.length !== strings.surfaces.length) fail("vocabulary: not one term per word");
  if (num.avgLengths.length !== fieldCount) fail("avgLengths: not one per field");

  const passages: Passage[] = new Array(n);
  const spans = num.spans as Uint32Array;
  if (num.sentenceOffsets[0] !== 0 || num.sentenceOffsets[n] !== spans.length / 2 || spans.length % 2)
    fail("sentences: offsets do not cover the spans");
  for (let i = 0; i < n; i++) {
    const text = strings.texts[i] as string;
    const file = strings.files[num.passageFile[i] as number];
    const section = num.passageSection[i] as number;
    const language = strings.languages[num.passageLanguage[i] as number];
    const para = num.paragraph[i] as number;
    if (file === undefined || language === undefined || para < 1)
      fail(`passage ${i}: file, language or paragraph out of range`);
    if (section !== -1 && strings.sections[section] === undefined) fail(`passage ${i}: section out of range`);
    const from = num.sentenceOffsets[i] as number;
    const to = num.sentenceOffsets[i + 1] as number;
    if (to < from || to > spans.length / 2) fail(`passage ${i}: sentence offsets out of order`);
    for (let k = from; k < to; k++) {
      const start = spans[2 * k] as number;
      const end = spans[2 * k + 1] as number;
      if (start > end || end > text.length) fail(`passage ${i}: a sentence span is out of range`);
    }
    const passage = new StoredPassage(file as string, para, text, language as string, spans, from, to);
    if (section !== -1) passage.section = strings.sections[section] as string;
    if (num.page[i]) passage.page = num.page[i] as number;
    if ((num.flags[i] as number) & 1) passage.listItem = true;
    passages[i] = passage;
  }

  const terms = new Map<string, number>();
  for (const [tid, term] of strings.terms.entries()) terms.set(term, tid);
  if (terms.size !== termCount) fail("terms: a term is listed twice");
  const df = new Map<string, number>();
  for (let tid = 0; tid < termCount; tid++) {
    const d = num.df[tid] as number;
    if (d > n) fail(`df: ${strings.terms[tid]} is in more passages than there are`);
    if (d > 0) df.set(strings.terms[tid] as string, d);
  }
  const fields: FieldTable[] = FIELD_NAMES.map((_, f) => {
    const offsets = next<Uint32Array>();
    const docs = next<Int32Array>();
    const tfs = next<Uint16Array>();
    const lengths = next<Uint16Array>();
    const avgLength = num.avgLengths[f] as number;
    checkField(offsets, docs, tfs, lengths, termCount, n, f);
    if (!(Number.isFinite(avgLength) && (avgLength > 0 || (avgLength === 0 && n === 0))))
      fail(`field ${f}: average length ${avgLength}`);
    return { offsets, docs, tfs, lengths, avgLength };
  });
  const postings: Postings = { terms, fields, count: n };
  const vocabulary: [string, string][] = new Array(strings.surfaces.length);
  strings.surfaces.forEach((surface, i) => {
    const t = num.vocabTerm[i] as number;
    const term = t < termCount ? strings.terms[t] : strings.extraTerms[t - termCount];
    if (t < 0 || term === undefined) fail(`vocabulary: ${surface} has no term`);
    vocabulary[i] = [surface, term as string];
  });
  const sentenceTerms = checkSentenceTerms(num, passages, termCount);
  const keyWords = num.scriptKeyWords;
  if (keyWords.length !== strings.scriptKeys.length) fail("script keys: not one word per key");
  const keyed: [string, string][] = strings.scriptKeys.map((key, i) => {
    const at = keyWords[i] as number;
    if (at >= vocabulary.length || (i > 0 && at <= (keyWords[i - 1] as number)))
      fail("script keys: word positions out of order or out of range");
    return [key, (vocabulary[at] as [string, string])[1]];
  });
  const index = assembleIndex(
    { passages, df, vocabulary, names: new Set(strings.names), sentenceTerms },
    postings,
  );
  rememberDevanagariKeys(index.vocabulary, keyed);
  return { index, files: strings.files };
}

/** The sentence-term table, checked: slots cover the ids, ids are terms, counts fit the spans. */
function checkSentenceTerms(
  num: Record<keyof typeof NUMERIC, Section>,
  passages: readonly Passage[],
  termCount: number,
): SentenceTermTable {
  const bad = (what: string) => new TableFileError(`sentence terms: ${what}`);
  const passageSlots = num.passageSlots as Uint32Array;
  const slotStarts = num.slotStarts as Uint32Array;
  const ids = num.slotIds as Uint32Array;
  const n = passages.length;
  if (passageSlots.length !== n + 1 || passageSlots[0] !== 0 || passageSlots[n] !== slotStarts.length - 1)
    throw bad("passage slots do not cover the slots");
  if (slotStarts[0] !== 0 || slotStarts[slotStarts.length - 1] !== ids.length)
    throw bad("slots do not cover the ids");
  for (let p = 0; p < n; p++) {
    const slots = (passageSlots[p + 1] as number) - (passageSlots[p] as number);
    const spans = Math.max(1, (num.sentenceOffsets[p + 1] as number) - (num.sentenceOffsets[p] as number));
    if (slots !== 0 && slots !== spans + 1)
      throw bad(`passage ${p} has ${slots} slots for ${spans} sentences`);
  }
  for (let k = 0; k + 1 < slotStarts.length; k++)
    if ((slotStarts[k + 1] as number) < (slotStarts[k] as number)) throw bad("slots out of order");
  // Indexed loops: `for…of` over tens of millions of ids was eight times slower.
  for (let i = 0; i < ids.length; i++)
    if ((ids[i] as number) >= termCount) throw bad("a term id out of range");
  return { passageSlots, slotStarts, ids };
}

/** One field's postings: offsets cover the lists, ids are passages, each list in passage order. */
function checkField(
  offsets: Uint32Array,
  docs: Int32Array,
  tfs: Uint16Array,
  lengths: Uint16Array,
  termCount: number,
  n: number,
  f: number,
): void {
  const bad = (what: string) => new TableFileError(`field ${f}: ${what}`);
  if (offsets.length !== termCount + 1 || offsets[0] !== 0 || offsets[termCount] !== docs.length)
    throw bad("offsets do not cover the postings");
  if (tfs.length !== docs.length || lengths.length !== n) throw bad("postings or lengths of the wrong size");
  for (let t = 0; t < termCount; t++) {
    const start = offsets[t] as number;
    const end = offsets[t + 1] as number;
    if (end < start || end > docs.length) throw bad("offsets decrease or exceed the postings");
    let last = -1;
    for (let i = start; i < end; i++) {
      const doc = docs[i] as number;
      if (doc <= last || doc >= n) throw bad("a posting list is out of order or out of range");
      if ((tfs[i] as number) === 0) throw bad("a posting with frequency 0");
      last = doc;
    }
  }
}
