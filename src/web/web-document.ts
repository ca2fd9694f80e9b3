/**
 * @module
 * A fetched page → the Markdown document stored in `DATA_DIR/web/`. The page is converted once,
 * at fetch time (HTML, PDF, DOCX or text, by the same converters the indexer uses), and its
 * front matter keeps what refresh needs: the address, when it was fetched, and the validators
 * (ETag, Last-Modified) for a conditional request. The stored copy is an ordinary document:
 * a moderator can read it, and the indexer needs nothing special for it.
 */
import { createHash } from "node:crypto";
import { convertDocument } from "../core/formats/convert.ts";
import { frontMatter } from "../core/formats/front-matter-text.ts";
import { parseFrontMatter } from "../core/front-matter.ts";
import { ALLOWED_CONTENT_TYPES, type FetchResult, type Validators } from "./fetch-page.ts";
import { WebSourceError } from "./web-error.ts";

/** The folder inside DATA_DIR that holds fetched pages. */
export const WEB_FOLDER = "web";

/** What a stored page says about where it came from. */
export interface WebSourceFields extends Validators {
  url: string;
  /** ISO time of the fetch that produced the stored text. */
  fetched: string;
}

/** Converter output → front matter fields and body, for any of the formats. */
async function toMarkdown(page: Extract<FetchResult, { status: 200 }>): Promise<string> {
  const extension = ALLOWED_CONTENT_TYPES[page.contentType] ?? ".txt";
  if (extension === ".html") {
    // A page in another charset than UTF-8 says so in its header; the converter reads text.
    // The server said HTML (XHTML may open with `<?xml`), so it is read as HTML without sniffing.
    const { htmlToMarkdown } = await import("../core/formats/html.ts");
    return htmlToMarkdown(decode(page.bytes, page.charset ?? metaCharset(page.bytes)));
  }
  const converted = await convertDocument(extension, page.bytes);
  return converted ?? decode(page.bytes, page.charset);
}

/**
 * The stored Markdown for a fetched page: the page's own facts (title, site name, author,
 * date), then the source fields, then the converted text.
 *
 * @throws {WebSourceError} `unreadable` when the page's content cannot be converted.
 * @example
 * ```ts
 * const markdown = await storedMarkdown(page, new Date());
 * // '---\ntitle: "Harbour Guide"\nurl: "https://…"\nfetched: "2026-12-01T10:00:00.000Z"\n---\n…'
 * ```
 */
export async function storedMarkdown(
  page: Extract<FetchResult, { status: 200 }>,
  fetched: Date,
): Promise<string> {
  let markdown: string;
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    markdown = await toMarkdown(page);
    parsed = parseFrontMatter(markdown);
  } catch (cause) {
    throw new WebSourceError("unreadable", `${page.url} cannot be read: ${(cause as Error).message}`, {
      cause,
    });
  }
  const { title, publisher, author, date } = parsed.data;
  const source: Record<string, unknown> = {
    url: page.url,
    fetched: fetched.toISOString(),
    etag: page.etag,
    last_modified: page.lastModified,
  };
  return `${frontMatter({ title, publisher, author, date, ...source })}${parsed.content.replace(/^\n+/, "")}`;
}

/**
 * The source fields of a stored page, or undefined for a document that was not fetched.
 *
 * @example
 * ```ts
 * readWebSource(await readFile("data/web/example-org-faq-1a2b3c.md", "utf8"))?.etag; // '"abc"'
 * ```
 */
export function readWebSource(text: string): WebSourceFields | undefined {
  let data: Record<string, unknown>;
  try {
    data = parseFrontMatter(text).data;
  } catch {
    return undefined;
  }
  const string = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const url = string(data.url);
  const fetched = string(data.fetched);
  if (!url || !fetched) return undefined;
  const etag = string(data.etag);
  const lastModified = string(data.last_modified);
  return { url, fetched, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** Whether two stored copies say the same thing, ignoring when they were fetched. */
export function sameContent(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(/^(?:fetched|etag|last_modified): .*\n/gm, "");
  return strip(a) === strip(b);
}

/**
 * The stored file name for an address: readable (host and path), unique (a hash of the address).
 *
 * @example
 * ```ts
 * webFileName("https://example.org/news/floods?id=2"); // "example-org-news-floods-3f9a1c.md"
 * ```
 */
export function webFileName(url: string): string {
  const { hostname, pathname } = new URL(url);
  const words = `${hostname.replace(/^www\./, "")} ${pathname}`
    .toLowerCase()
    .replace(/\.(?:html?|php|aspx?|pdf|docx)$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  const hash = createHash("sha256").update(url).digest("hex").slice(0, 6);
  return `${words || "page"}-${hash}.md`;
}

function decode(bytes: Uint8Array, charset = "utf-8"): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** `<meta charset="…">` in the first kilobytes, for a server that does not send one. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}
