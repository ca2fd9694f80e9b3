/**
 * @module
 * Deterministic benchmark corpora. Real English prose from the machine's man pages where there
 * are enough of them, else Zipf-distributed generated text. A corpus of N passages is the first N
 * passages of the documents in seeded order, so smaller corpora are prefixes of larger ones.
 */
import { type Passage, splitPassages } from "../src/core/passages.ts";
import { normalizeText, splitSentences } from "../src/core/text.ts";
import type { DocumentMeta } from "../src/core/types.ts";
import { listManPages, MAN_ROOT, readManPage } from "./man-pages.ts";
import { seededRandom, shuffled } from "./rng.ts";
import { createZipfText } from "./zipf-text.ts";

/** Where a corpus's text came from. */
export type CorpusSource = "man-pages" | "zipf";

/** Passages ready for `buildIndex`, with the document metadata answers cite. */
export interface Corpus {
  source: CorpusSource;
  passages: Passage[];
  documents: Map<string, DocumentMeta>;
  titles: Map<string, string>;
  /** Words in all passages, to check the ~60 words per passage the issue measured with. */
  words: number;
}

export interface CorpusOptions {
  size: number;
  seed: number;
  /** `auto` uses man pages when the machine has them. */
  source?: CorpusSource | "auto";
  manRoot?: string;
}

/**
 * Builds a corpus of exactly `size` passages (fewer only if the source runs dry).
 *
 * @example
 * ```ts
 * const corpus = buildCorpus({ size: 1000, seed: 42 });
 * corpus.passages.length; // 1000
 * ```
 */
export function buildCorpus({ size, seed, source = "auto", manRoot = MAN_ROOT }: CorpusOptions): Corpus {
  const corpus: Corpus = { source: "zipf", passages: [], documents: new Map(), titles: new Map(), words: 0 };
  const random = seededRandom(seed);
  const manPages = source === "zipf" ? [] : listManPages(manRoot);
  if (source === "man-pages" && manPages.length === 0) throw new Error(`no man pages under ${manRoot}`);
  if (manPages.length > 0) {
    corpus.source = "man-pages";
    for (const file of shuffled(manPages, random)) {
      if (corpus.passages.length >= size) break;
      const page = readManPage(file);
      if (!page) continue;
      const name = `man/${file.split("/").slice(-2).join("/")}`;
      const meta: DocumentMeta = { title: page.title, language: "en" };
      addDocument(corpus, name, meta, splitPassages(name, normalizeText(page.body), meta), size);
    }
  }
  // Too few man pages: the rest is generated, so every size can still be measured.
  const text = createZipfText(random);
  for (let doc = 0; corpus.passages.length < size; doc++) {
    const name = `zipf/doc-${doc}.md`;
    const meta: DocumentMeta = { title: text.title(), language: "en" };
    const passages: Passage[] = [];
    for (let paragraph = 1; paragraph <= 20; paragraph++) {
      const body = text.paragraph(55);
      passages.push({ file: name, paragraph, text: body, sentences: splitSentences(body), language: "en" });
    }
    addDocument(corpus, name, meta, passages, size);
  }
  return corpus;
}

function addDocument(
  corpus: Corpus,
  file: string,
  meta: DocumentMeta,
  passages: Passage[],
  size: number,
): void {
  const room = size - corpus.passages.length;
  if (passages.length === 0 || room <= 0) return;
  corpus.documents.set(file, meta);
  corpus.titles.set(file, meta.title);
  for (const p of passages.slice(0, room)) {
    corpus.passages.push(p);
    corpus.words += p.text.split(/\s+/).length;
  }
}

/**
 * {@link buildCorpus}, cached as JSON in `cacheDir`: converting 100k passages of man pages takes
 * most of a minute, and the corpus only changes with the seed, the size or the machine's pages.
 */
export async function cachedCorpus(options: CorpusOptions, cacheDir: string): Promise<Corpus> {
  const { readFile, writeFile, mkdir } = await import("node:fs/promises");
  // A million passages as one JSON string would pass V8's string limit: those are rebuilt each run.
  if (options.size > 200_000) return buildCorpus(options);
  const file = `${cacheDir}/corpus-${options.source ?? "auto"}-${options.seed}-${options.size}.json`;
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Omit<Corpus, "documents" | "titles"> & {
      documents: [string, DocumentMeta][];
    };
    const documents = new Map(data.documents);
    return { ...data, documents, titles: new Map([...documents].map(([f, m]) => [f, m.title])) };
  } catch {
    const corpus = buildCorpus(options);
    await mkdir(cacheDir, { recursive: true });
    await writeFile(file, JSON.stringify({ ...corpus, documents: [...corpus.documents], titles: undefined }));
    return corpus;
  }
}
