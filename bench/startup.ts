/**
 * @module
 * `--startup`: how long a process takes to be ready, the way a replica or a shard starts:
 * `Library.open` over a data folder with no snapshot (read, split and index every document, then
 * write the snapshot) and again with the snapshot that `npm run reindex` would have left.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Library } from "../src/core/library.ts";
import type { Corpus } from "./corpus.ts";

/** Start-up times for one corpus. */
export interface StartupResult {
  passages: number;
  documents: number;
  /** `Library.open` without a snapshot: documents read, split and indexed; snapshot written. */
  coldMs: number;
  /** `Library.open` with the snapshot in place. */
  warmMs: number;
}

/** Writes the corpus as Markdown documents (title in front matter, sections as headings). */
async function writeDocuments(corpus: Corpus, dir: string): Promise<void> {
  const bodies = new Map<string, string[]>();
  for (const p of corpus.passages) {
    const parts = bodies.get(p.file) ?? [];
    if (p.section && !parts.includes(`## ${p.section}`)) parts.push(`## ${p.section}`);
    parts.push(p.text);
    bodies.set(p.file, parts);
  }
  for (const [file, parts] of bodies) {
    const target = path.join(dir, `${file.replace(/[^\w/.-]/g, "_")}.md`);
    await mkdir(path.dirname(target), { recursive: true });
    const title = JSON.stringify(corpus.documents.get(file)?.title ?? file);
    await writeFile(target, `---\ntitle: ${title}\nlanguage: en\n---\n\n${parts.join("\n\n")}\n`);
  }
}

/**
 * Measures a cold and a warm `Library.open` over the corpus written to a temporary folder.
 *
 * @example
 * ```ts
 * const { coldMs, warmMs } = await measureStartup(corpus);
 * ```
 */
export async function measureStartup(corpus: Corpus): Promise<StartupResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-startup-"));
  try {
    const dataDir = path.join(dir, "data");
    const snapshotPath = path.join(dir, "state", "index.json");
    await writeDocuments(corpus, dataDir);
    let started = performance.now();
    const cold = await Library.open({ dataDir, snapshotPath });
    const coldMs = performance.now() - started;
    const size = cold.size;
    started = performance.now();
    await Library.open({ dataDir, snapshotPath });
    const warmMs = performance.now() - started;
    return { ...size, coldMs: Math.round(coldMs), warmMs: Math.round(warmMs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
