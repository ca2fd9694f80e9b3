/**
 * @module
 * PDF text runs → paragraphs, per page. Pure, so the layout rules are tested without a PDF:
 * runs are grouped into lines by their baseline, lines into paragraphs by the gap between them,
 * a word hyphenated at a line end is joined, and a line that repeats at the top or bottom of
 * most pages (a running header, a footer, "Page 3 of 9") is dropped.
 */

/** A run of text as pdf.js reports it: its string, baseline position and font height. */
export interface TextRun {
  str: string;
  x: number;
  y: number;
  height: number;
  /** pdf.js marks the run that ends a line. */
  hasEOL?: boolean;
}

/** One line of a page: its text, baseline and height. */
export interface PageLine {
  text: string;
  y: number;
  height: number;
}

/** A gap above this many line heights starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;
/** Lines this far from a page's first or last line can be running headers or footers. */
const EDGE_LINES = 2;

/**
 * Groups runs into lines, in the order the page draws them (pdf.js yields content order, which is
 * reading order for the text layers word processors write; sorting by position would interleave
 * the columns of a two-column page).
 */
export function toLines(runs: TextRun[]): PageLine[] {
  const lines: PageLine[] = [];
  let current: PageLine | undefined;
  for (const run of runs) {
    const sameLine = current && Math.abs(current.y - run.y) <= Math.max(current.height, run.height) / 2;
    if (run.str !== "") {
      if (current && sameLine) current.text += run.str;
      else {
        current = { text: run.str, y: run.y, height: run.height };
        lines.push(current);
      }
    }
    if (run.hasEOL) current = undefined;
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, " ").trim() })).filter((l) => l.text !== "");
}

/** What a line is when its numbers are ignored: page 3's footer matches page 4's. */
const edgeKey = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ");

/**
 * Drops running headers and footers: a line among the first or last {@link EDGE_LINES} of a
 * page whose text (numbers aside) is also at an edge of at least half the pages, and of two at
 * least. A line that is only a page number is dropped at any edge of a document with more than
 * one page.
 */
export function dropRunningLines(pages: PageLine[][]): PageLine[][] {
  const edges = (lines: PageLine[]) => [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)];
  const seen = new Map<string, number>();
  for (const lines of pages) {
    for (const key of new Set(edges(lines).map((l) => edgeKey(l.text))))
      seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const running = (text: string) =>
    (seen.get(edgeKey(text)) ?? 0) >= needed ||
    (pages.length > 1 &&
      /^(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$/i.test(text));
  return pages.map((lines) =>
    lines.filter((line, i) => {
      const atEdge = i < EDGE_LINES || i >= lines.length - EDGE_LINES;
      return !(atEdge && running(line.text));
    }),
  );
}

/**
 * Joins a page's lines into paragraphs: a gap larger than {@link PARAGRAPH_GAP} line heights,
 * or a change of font size, starts a new one. "impor-" at a line end followed by "tant" becomes
 * "important"; a hyphen before a capital or a digit is kept ("Jean-" / "Paul" is "Jean-Paul",
 * "COVID-" / "19" is "COVID-19").
 *
 * @example
 * ```ts
 * toParagraphs([{ text: "It was impor-", y: 500, height: 11 }, { text: "tant.", y: 486, height: 11 }]);
 * // ["It was important."]
 * ```
 */
export function toParagraphs(lines: PageLine[]): string[] {
  const paragraphs: string[] = [];
  let text = "";
  let prev: PageLine | undefined;
  for (const line of lines) {
    const gap = prev ? prev.y - line.y : 0;
    const newParagraph =
      !prev ||
      gap > PARAGRAPH_GAP * Math.max(prev.height, line.height) ||
      gap < 0 ||
      Math.abs(prev.height - line.height) > 0.15 * prev.height;
    if (newParagraph) {
      if (text) paragraphs.push(text);
      text = line.text;
    } else if (/\p{L}-$/u.test(text)) {
      // A hyphen before a lower-case letter split a word; before anything else it is the word's own.
      text = /^\p{Ll}/u.test(line.text) ? text.slice(0, -1) + line.text : text + line.text;
    } else text = `${text} ${line.text}`;
    prev = line;
  }
  if (text) paragraphs.push(text);
  return paragraphs;
}
