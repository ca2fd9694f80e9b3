import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanDataDir } from "../../src/core/documents.ts";
import { Library } from "../../src/core/library.ts";
import { splitDocuments, WORKER_MIN_FILES } from "../../src/core/split-documents.ts";

let dataDir: string;
let articles: string[];
const FILES = WORKER_MIN_FILES + 40;

// A folder big enough to be split in worker threads: the bundled articles (English and Hindi,
// page furniture, headings, long paragraphs) and documents made of their paragraphs, cut and
// headed differently, some with lists and hard-wrapped lines.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "citebot-split-"));
  const paragraphs: string[] = [];
  articles = (await readdir("data")).filter((name) => name.endsWith(".md"));
  for (const name of articles) {
    const text = await readFile(path.join("data", name), "utf8");
    await writeFile(path.join(dataDir, name), text);
    paragraphs.push(...text.split(/\n\s*\n/).filter((p) => !p.startsWith("---") && p.trim()));
  }
  for (let i = 0; i < FILES; i++) {
    const pick = (k: number) => paragraphs[(i * 7 + k * 13) % paragraphs.length] as string;
    const body = [
      `## Part ${i}`,
      `Part ${i} records that the survey counted ${i * 3 + 1} boats moored along the river this week.`,
      pick(0),
      `- ${pick(1).slice(0, 80)}\n- ${pick(2).slice(0, 60)}`,
      pick(3).replace(/\. /g, ".\n"),
      pick(4),
    ].join("\n\n");
    await writeFile(path.join(dataDir, `doc-${i}.md`), `---\ntitle: Document ${i}\n---\n\n${body}\n`);
  }
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const settle = async (workers: number, onWorkerError?: (e: Error) => void) => {
  const { files } = await scanDataDir(dataDir);
  const splits = splitDocuments(
    dataDir,
    files.map((entry) => ({ entry })),
    { workers, onWorkerError, mainThreadToo: false },
  );
  return Promise.all(
    splits.map((s) =>
      s.then(
        (r) => JSON.stringify(r),
        (e: Error) => `error: ${e.message}`,
      ),
    ),
  );
};

describe("splitting documents in worker threads", () => {
  it("gives the passages the main thread gives, in the folder's order", async () => {
    const failures: Error[] = [];
    const inWorkers = await settle(2, (e) => failures.push(e));
    expect(failures).toEqual([]);
    expect(inWorkers).toEqual(await settle(1));
    expect(inWorkers.length).toBeGreaterThan(FILES);
    expect(inWorkers.filter((r) => r.startsWith("error"))).toEqual([]);
  });

  it("reports a bad file among hundreds with its clear error and indexes the rest", async () => {
    await writeFile(path.join(dataDir, "photo.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(dataDir, "empty.txt"), "");
    try {
      const warnings: string[] = [];
      const library = await Library.open({
        dataDir,
        reindexOnOpen: false,
        logger: { debug() {}, info() {}, error() {}, warn: (_o, msg) => warnings.push(msg ?? "") },
      });
      const report = await library.reindex();
      expect(Object.fromEntries(report.errors.map((e) => [e.file, e.reason]))).toEqual({
        "empty.txt": "empty document: it has no text to index",
        "photo.md": "binary file (it contains NUL bytes): save it as UTF-8 text",
      });
      expect(report.documents).toBe(FILES + articles.length);
      expect(warnings).toEqual([]);
      const answer = await library.ask("What is in part 17?");
      expect(answer.sources.some((s) => s.file === "doc-17.md")).toBe(true);
    } finally {
      await rm(path.join(dataDir, "photo.md"));
      await rm(path.join(dataDir, "empty.txt"));
    }
  });
});
