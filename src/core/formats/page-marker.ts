/**
 * @module
 * How a converted document says where a page starts. The PDF converter writes one marker line
 * before each page's text; `toBlocks` reads it and gives the blocks after it that page number.
 * An HTML comment, so a stored Markdown copy still reads cleanly in any Markdown viewer.
 */

const MARKER = /^<!-- page (\d{1,5}) -->$/;

/**
 * The marker line for page `n` (1-based).
 *
 * @example
 * ```ts
 * pageMarker(12); // "<!-- page 12 -->"
 * ```
 */
export const pageMarker = (n: number): string => `<!-- page ${n} -->`;

/**
 * The page number a marker line names, or undefined for any other line.
 *
 * @example
 * ```ts
 * readPageMarker("<!-- page 12 -->"); // 12
 * ```
 */
export function readPageMarker(line: string): number | undefined {
  const match = MARKER.exec(line);
  return match ? Number(match[1]) : undefined;
}
