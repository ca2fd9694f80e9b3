/**
 * @module
 * Document body → quotable passages. A passage is a paragraph (long ones cut at sentence
 * boundaries) with its sentence spans, so an answer can quote one or two exact sentences.
 */
import { type Block, duplicateKey, removeBoilerplate } from "./boilerplate.ts";
import { readPageMarker } from "./formats/page-marker.ts";
import { detectLanguage, dominantScript } from "./language.ts";
import { type Span, splitSentences, tokenize } from "./text.ts";

/** A quotable piece of a document, the unit the index searches. */
export interface Passage {
  file: string;
  /** The heading this passage sits under, if any. */
  section?: string;
  /** 1-based paragraph number among the document's kept paragraphs ("where in the document"). */
  paragraph: number;
  /** The page it starts on, for documents converted from PDF. */
  page?: number;
  /** An item of a bulleted or numbered list: a lead-in ending in ":" quotes the items after it. */
  listItem?: boolean;
  text: string;
  sentences: Span[];
  language: string;
}

/**
 * The sentences a passage is quoted by: its sentence spans, or the whole text as one sentence
 * when it has none (a passage from a hand-made index, a line without sentence punctuation).
 */
export function quotableSpans(passage: Passage): readonly Span[] {
  return passage.sentences.length ? passage.sentences : [{ start: 0, end: passage.text.length }];
}

/** Paragraphs longer than this many words are cut into passages at sentence boundaries. */
export const MAX_PASSAGE_WORDS = 100;
/** Target size of the pieces a long paragraph is cut into. */
const TARGET_PASSAGE_WORDS = 70;
/** Blocks shorter than this are not worth quoting on their own (names, labels, "Conclusion"). */
const MIN_PASSAGE_WORDS = 4;

const TERMINAL = /[.!?।…:;"”’)\]]$/u;
/**
 * A line of code or a command, not a heading, though short and unpunctuated like one: it holds an
 * operator, a call, a backtick or starts at a shell prompt ("sed 's/a/b/g' old >new", "$ make",
 * "example.o(.text+0x154): undefined reference to `gzputc'"). Its words are what a reader
 * searches for ("undefined reference to gzputc"), and it is not the topic of what follows.
 */
const CODE = /[=+{}<>;|$\\`]|\w\(|\(\)|^[$#%>]\s/u;
const LIST_MARKER = /^(?:[-*+•·▪◦●]|\d{1,3}[.)])\s+/u;

/** Splits a body into blocks: Markdown paragraphs, one block per line for line-per-paragraph text. */
export function toBlocks(body: string, title?: string): Block[] {
  const blocks: Block[] = [];
  const titleKey = title ? duplicateKey(title) : undefined;
  let prev: Block | undefined;
  let page: number | undefined;
  body.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    const marker = readPageMarker(line);
    if (!line || marker !== undefined) {
      page = marker ?? page;
      prev = undefined;
      return;
    }
    const markdownHeading = /^#{1,6}\s+/.test(line);
    const listItem = LIST_MARKER.test(line);
    const text = stripMarkdown(
      line
        .replace(/^#{1,6}\s+/, "")
        .replace(LIST_MARKER, "")
        .replace(/^>\s?/, ""),
    );
    // Hard-wrapped prose: a line that does not end a sentence, followed by one starting in lower case.
    if (prev && !prev.heading && !listItem && !TERMINAL.test(prev.text) && /^\p{Ll}/u.test(text)) {
      prev.text = `${prev.text} ${text}`;
      return;
    }
    const heading =
      markdownHeading ||
      (titleKey !== undefined && duplicateKey(text) === titleKey) ||
      (!listItem &&
        !CODE.test(text) &&
        (!TERMINAL.test(text) || (text.endsWith("?") && isTitleCase(text))) &&
        tokenize(text).length <= 12);
    prev = { text, line: index + 1, heading };
    if (page !== undefined) prev.page = page;
    if (listItem) prev.listItem = true;
    blocks.push(prev);
  });
  return blocks;
}

/** "What Can Meta Do to Avert a Mass Exodus?": most words capitalised, as headlines are in English. */
function isTitleCase(text: string): boolean {
  const words = tokenize(text).filter((w) => /^\p{Script=Latin}/u.test(w) && w.length > 3);
  return words.length >= 2 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.75;
}

// A link's target: no spaces, parentheses one level deep ("Foo_(bar)"), an optional "title".
const LINK_TARGET = String.raw`\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)`;
// Each part stops at the first character that cannot belong to it, and emphasis spans at most
// 300 characters: a document can hold a million "[a](" or "**a " with nothing to close them, and
// patterns that scanned on to the end from each made that quadratic (minutes for a megabyte).
const IMAGE_MARKUP = new RegExp(String.raw`!\[([^\][]*)\]${LINK_TARGET}`, "g");
const LINK_MARKUP = new RegExp(String.raw`\[([^\][]+)\]${LINK_TARGET}`, "g");
const EMPHASIS_MARKUP = /(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1/g;

/** Removes inline Markdown markup that is not part of the words: emphasis, links, code ticks. */
function stripMarkdown(text: string): string {
  return text
    .replace(IMAGE_MARKUP, "$1")
    .replace(LINK_MARKUP, "$1")
    .replace(EMPHASIS_MARKUP, "$2")
    .replace(/`([^`]+)`/g, "$1");
}

/**
 * Splits a normalised document body into passages, dropping boilerplate.
 *
 * @example
 * ```ts
 * const passages = splitPassages("news/a.md", body, { title: "A", language: "en" });
 * ```
 */
export function splitPassages(
  file: string,
  body: string,
  meta: { title?: string; language: string },
): Passage[] {
  const { kept } = removeBoilerplate(toBlocks(body, meta.title));
  const passages: Passage[] = [];
  let section: string | undefined;
  let paragraph = 0;
  const documentScript = dominantScript(
    kept
      .filter((b) => !b.heading)
      .map((b) => b.text)
      .join(" ")
      .slice(0, 2000),
  );
  const titleKey = meta.title === undefined ? undefined : duplicateKey(meta.title);
  for (const block of kept) {
    if (block.heading) {
      // One-word labels ("Ronik", "Menu") are page furniture, not sections; Markdown headings always count.
      const isTitle = titleKey !== undefined && duplicateKey(block.text) === titleKey;
      if (!isTitle && (tokenize(block.text).length >= 2 || /^#/.test(block.text))) section = block.text;
      continue;
    }
    const words = tokenize(block.text).length;
    if (words < MIN_PASSAGE_WORDS) continue;
    paragraph++;
    // A paragraph in another script than the document (an English headline in a Hindi article)
    // gets its own language; the statistical detector is too slow to run on every paragraph.
    const language =
      dominantScript(block.text) !== documentScript
        ? (detectLanguage(block.text) ?? meta.language)
        : meta.language;
    for (const piece of cutParagraph(block.text, words)) {
      const passage: Passage = { file, section, paragraph, language, ...piece };
      if (block.page !== undefined) passage.page = block.page;
      if (block.listItem) passage.listItem = true;
      passages.push(passage);
    }
  }
  return passages;
}

/**
 * Cuts a long paragraph (of `wordCount` words, as `tokenize` counts them) into pieces of whole
 * sentences; spans are re-based to each piece.
 */
function cutParagraph(text: string, wordCount: number): { text: string; sentences: Span[] }[] {
  const spans = splitSentences(text);
  if (wordCount <= MAX_PASSAGE_WORDS || spans.length < 2) return [{ text, sentences: spans }];
  const pieces: { text: string; sentences: Span[] }[] = [];
  let group: Span[] = [];
  let words = 0;
  const flush = () => {
    const first = group[0];
    const last = group.at(-1);
    if (!first || !last) return;
    pieces.push({
      text: text.slice(first.start, last.end),
      sentences: group.map((s) => ({ start: s.start - first.start, end: s.end - first.start })),
    });
    group = [];
    words = 0;
  };
  for (const span of spans) {
    const n = tokenize(text.slice(span.start, span.end)).length;
    if (group.length > 0 && words + n > TARGET_PASSAGE_WORDS) flush();
    group.push(span);
    words += n;
  }
  flush();
  return pieces;
}
