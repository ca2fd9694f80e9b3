/**
 * @module
 * Web page → Markdown: Readability (on a linkedom document, no scripts run, nothing fetched)
 * finds the article, turndown writes it as Markdown with its headings, so sections survive; the
 * title, site name, author and published date the page states become front matter.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { FormatError } from "./format-error.ts";
import { frontMatter } from "./front-matter-text.ts";

/** Elements that are never article text: turndown drops them with their content. */
const NOT_TEXT = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "svg",
  "form",
  "button",
] as const;

/**
 * Converts an HTML page to Markdown with front matter. `whole` skips finding the article: for
 * HTML that is all document (a converted Word file), where Readability could drop short parts.
 *
 * @throws {FormatError} when the page has no readable text.
 * @example
 * ```ts
 * htmlToMarkdown("<html><head><title>Rivers</title></head><body><article><h2>Floods</h2><p>The river rose.</p></article></body></html>");
 * // '---\ntitle: "Rivers"\n---\n## Floods\n\nThe river rose.\n'
 * ```
 */
export function htmlToMarkdown(html: string, options: { whole?: boolean } = {}): string {
  const { document } = parseHTML(html);
  const published = metaContent(document, [
    'meta[property="article:published_time"]',
    'meta[name="date"]',
    'meta[itemprop="datePublished"]',
  ]);
  // Readability changes the document it reads, so the title fallbacks are taken first.
  const pageTitle = document.querySelector("title")?.textContent ?? undefined;
  const article = options.whole
    ? null
    : new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
        keepClasses: false,
      }).parse();
  const content = article?.content ?? document.body?.innerHTML ?? "";
  const markdown = turndown().turndown(content).trim();
  if (!/[\p{L}\p{N}]/u.test(markdown)) {
    throw new FormatError(
      "the page has no readable text (it may be built by JavaScript): save it as text and add that",
    );
  }
  const date = isoDay(article?.publishedTime ?? published);
  return `${frontMatter({
    title: article?.title || pageTitle,
    publisher: article?.siteName ?? undefined,
    author: article?.byline ?? undefined,
    date,
  })}${markdown}\n`;
}

function turndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    emDelimiter: "*",
  });
  service.remove([...NOT_TEXT]);
  // Turndown backslash-escapes Markdown characters (5\*3, \[note\]); the text is quoted
  // verbatim, never rendered as Markdown, so the page's own characters are kept as they are.
  service.escape = (text) => text;
  // Links and images keep their words only: a quote is the text a reader sees, not the markup.
  service.addRule("link-text", { filter: "a", replacement: (text) => text });
  service.addRule("image-alt", { filter: "img", replacement: () => "" });
  return service;
}

interface Queryable {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

function metaContent(document: Queryable, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute("content")?.trim();
    if (value) return value;
  }
  return undefined;
}

/** `2024-03-05T10:00:00Z` → `2024-03-05`; a date that is not ISO-like is left out, not guessed. */
function isoDay(value: string | null | undefined): string | undefined {
  const day = value?.trim().match(/^(\d{4}-\d{2}-\d{2})(?:$|[T ])/)?.[1];
  return day && !Number.isNaN(Date.parse(day)) ? day : undefined;
}
