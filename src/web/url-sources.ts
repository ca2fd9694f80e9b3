/**
 * @module
 * Web pages as documents: add one by its address, and refresh them all. Each page is stored in
 * `DATA_DIR/web/` as Markdown (see `web-document.ts`); refresh sends a conditional request with
 * the stored validators and rewrites only pages whose text changed, so the reindex that follows
 * re-reads only those. A page that vanished or fails keeps its last good copy and is reported.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeDocument } from "../moderation/document-files.ts";
import { DEFAULT_FETCH_LIMITS, type FetchLimits, fetchPage } from "./fetch-page.ts";
import { readWebSource, sameContent, storedMarkdown, WEB_FOLDER, webFileName } from "./web-document.ts";
import { WebSourceError } from "./web-error.ts";

/** What {@link refreshWebSources} did; files are relative to DATA_DIR. */
export interface RefreshReport {
  checked: number;
  changed: string[];
  unchanged: string[];
  /** Pages that could not be fetched or read; their last good copy stays indexed. */
  failed: { file: string; url: string; reason: string }[];
}

/** Where pages are stored and how they are fetched. */
export interface WebSourceOptions {
  dataDir: string;
  limits?: Partial<FetchLimits>;
  /** The clock, for the fetch date; tests pass a fixed one. */
  now?: () => Date;
}

const limitsOf = (options: WebSourceOptions): FetchLimits => ({ ...DEFAULT_FETCH_LIMITS, ...options.limits });

/**
 * Fetches a page and stores it in `DATA_DIR/web/`, replacing the copy of the same address.
 *
 * @throws {WebSourceError} when the page is refused, cannot be fetched, or cannot be read.
 * @example
 * ```ts
 * const { file } = await addWebSource({ dataDir: "data" }, "https://example.org/faq");
 * await library.reindex();
 * ```
 */
export async function addWebSource(
  options: WebSourceOptions,
  url: string,
): Promise<{ file: string; url: string; replaced: boolean }> {
  const page = await fetchPage(url.trim(), limitsOf(options));
  if (page.status !== 200)
    throw new WebSourceError("status", `${url} answered 304 to a plain request; try again`);
  const markdown = await storedMarkdown(page, (options.now ?? (() => new Date()))());
  const written = await writeDocument(
    path.join(options.dataDir, WEB_FOLDER),
    webFileName(page.url),
    new TextEncoder().encode(markdown),
    { overwrite: true },
  );
  return { file: `${WEB_FOLDER}/${written.file}`, url: page.url, replaced: written.replaced };
}

/**
 * Re-fetches every stored page with a conditional request and rewrites the ones whose text
 * changed. Never throws for one page: its failure goes into the report.
 *
 * @example
 * ```ts
 * const refresh = await refreshWebSources({ dataDir: "data" });
 * if (refresh.changed.length) await library.reindex();
 * ```
 */
export async function refreshWebSources(options: WebSourceOptions): Promise<RefreshReport> {
  const folder = path.join(options.dataDir, WEB_FOLDER);
  const report: RefreshReport = { checked: 0, changed: [], unchanged: [], failed: [] };
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(".md") && !n.startsWith(".")).sort()) {
    const file = `${WEB_FOLDER}/${name}`;
    const stored = await readFile(path.join(folder, name), "utf8").catch(() => undefined);
    const source = stored && readWebSource(stored);
    if (!stored || !source) continue;
    report.checked++;
    try {
      const page = await fetchPage(source.url, limitsOf(options), source);
      if (page.status === 304) {
        report.unchanged.push(file);
        continue;
      }
      const markdown = await storedMarkdown(page, (options.now ?? (() => new Date()))());
      // Same text (a server without validators, or one that rebuilt an identical page): no rewrite,
      // so the reindex does not read it again.
      if (sameContent(markdown, stored) && page.url === source.url) {
        report.unchanged.push(file);
        continue;
      }
      await writeDocument(folder, name, new TextEncoder().encode(markdown), { overwrite: true });
      report.changed.push(file);
    } catch (err) {
      // One page's trouble (even a disk error writing it) must not stop the others' refresh.
      report.failed.push({
        file,
        url: source.url,
        reason: `${(err as Error).message} (the last good copy stays indexed)`,
      });
    }
  }
  return report;
}
