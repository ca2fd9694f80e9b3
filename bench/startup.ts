/**
 * @module
 * `--startup`: how long a process takes to be ready, the way a replica or a shard starts:
 * `Library.open` over a data folder with no snapshot (read, split and index every document, then
 * write the snapshot) and again with the snapshot that `npm run reindex` would have left.
 */

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Corpus } from "./corpus.ts";

const run = promisify(execFile);

/** Start-up times for one corpus, each `Library.open` in a fresh process. */
export interface StartupResult {
  passages: number;
  documents: number;
  /** `Library.open` without a snapshot: documents read, split (languages detected) and indexed; snapshot written. */
  coldMs: number;
  /** Peak RSS of the process that did the cold start. */
  coldRssMb: number;
  /** `Library.open` with the snapshot in place (load, then the check that no file changed). */
  warmMs: number;
  /** Peak RSS of the process that started from the snapshot. */
  warmRssMb: number;
  /** The first question after starting from the snapshot. */
  firstAskMs: number;
}

interface ChildReport {
  openMs: number;
  firstAskMs: number;
  peakRssMb: number;
  passages: number;
  documents: number;
}

/** Runs `startup-child.ts` in a fresh Node process (tsx as its loader) and reads its report. */
async function openInChild(dataDir: string, snapshotPath: string): Promise<ChildReport> {
  const child = fileURLToPath(new URL("./startup-child.ts", import.meta.url));
  const { stdout } = await run(process.execPath, ["--import", "tsx", child, dataDir, snapshotPath], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) as string) as ChildReport;
}

/** Writes the corpus as Markdown documents (title in front matter, sections as headings). */
export async function writeDocuments(corpus: Corpus, dir: string): Promise<void> {
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
    // No language in the front matter: a cold start detects it, as it must for most folders.
    await writeFile(target, `---\ntitle: ${title}\n---\n\n${parts.join("\n\n")}\n`);
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
    const cold = await openInChild(dataDir, snapshotPath);
    const warm = await openInChild(dataDir, snapshotPath);
    return {
      passages: cold.passages,
      documents: cold.documents,
      coldMs: Math.round(cold.openMs),
      coldRssMb: Math.round(cold.peakRssMb),
      warmMs: Math.round(warm.openMs),
      warmRssMb: Math.round(warm.peakRssMb),
      firstAskMs: Math.round(warm.firstAskMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
