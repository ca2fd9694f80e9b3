import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  loadSynonyms,
  parseSynonyms,
  RELATED_WEIGHT,
  SYNONYM_FILE,
  SYNONYM_WEIGHT,
} from "../../src/core/concepts.ts";
import { Library } from "../../src/core/library.ts";
import { toTerms } from "../../src/core/text.ts";
import type { Logger } from "../../src/core/types.ts";

const DELIVERIES =
  "---\ntitle: Deliveries\n---\nThe Crumbwell bakery delivers bread to the villages by truck every morning.\n";
const MILL = "---\ntitle: Mill\n---\nThe old mill on the river Brill grinds rye and wheat for the bakery.\n";
const QUESTION = "Does the bakery deliver by lorry?";

let dataDir: string;
const warnings: string[] = [];
const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_o, msg) => warnings.push(msg ?? "") };

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "citebot-synonyms-"));
  await writeFile(path.join(dataDir, "deliveries.md"), DELIVERIES);
  await writeFile(path.join(dataDir, "mill.md"), MILL);
  warnings.length = 0;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const synonymFile = (text: string) => writeFile(path.join(dataDir, SYNONYM_FILE), text);

describe("DATA_DIR/.synonyms.txt", () => {
  it("changes what is found after a reindex: 'lorry' finds the sentence about the truck", async () => {
    const library = await Library.open({ dataDir, logger });
    expect((await library.ask(QUESTION)).answered).toBe(false);

    await synonymFile("# British and American words\nlorry, truck\n");
    await library.reindex();
    const answer = await library.ask(QUESTION);
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toBe(
      "The Crumbwell bakery delivers bread to the villages by truck every morning.",
    );
    expect(answer.sources[0]?.file).toBe("deliveries.md");
  });

  it("is read when the library opens, and the concepts signal turns it off", async () => {
    await synonymFile("lorry, truck\n");
    const library = await Library.open({ dataDir, logger });
    expect((await library.ask(QUESTION)).answered).toBe(true);
    expect((await library.ask(QUESTION, { signals: { concepts: false } })).answered).toBe(false);
  });

  it("is never indexed as a document", async () => {
    await synonymFile("lorry, truck\nzeppelin, dirigible, airship\n");
    const library = await Library.open({ dataDir, logger });
    expect(library.documents().map((d) => d.file)).toEqual(["deliveries.md", "mill.md"]);
    expect(library.size.documents).toBe(2);
    // Its words are in no passage: a question about them alone is not covered.
    expect((await library.ask("zeppelin dirigible airship?")).answered).toBe(false);
  });

  it("a broken one does not stop the reindex: documents are indexed, the moderator is told", async () => {
    // A folder where the file should be cannot be read as text.
    await mkdir(path.join(dataDir, SYNONYM_FILE));
    const library = await Library.open({ dataDir, logger });
    expect(library.size.documents).toBe(2);
    expect(warnings.join("\n")).toContain(SYNONYM_FILE);
    await writeFile(
      path.join(dataDir, "bridge.md"),
      "---\ntitle: Bridge\n---\nThe footbridge over the Brill opened in June 2019.\n",
    );
    const report = await library.reindex();
    expect(report.applied).toBe(true);
    expect(report.added).toEqual(["bridge.md"]);
    expect((await library.ask("When did the footbridge open?")).quotes[0]?.text).toBe(
      "The footbridge over the Brill opened in June 2019.",
    );
  });

  it("garbage in the file is ignored, not fatal", async () => {
    await synonymFile("\u0000\u0001,,,\n~\n#only a comment\nlorry\n,truck,\n\uFFFD\uFFFD, \u0007\n");
    const library = await Library.open({ dataDir, logger });
    expect(library.size.documents).toBe(2);
    expect((await library.ask("Does the bakery deliver bread by truck?")).answered).toBe(true);
  });
});

describe("parseSynonyms", () => {
  it("reads one group per line, '~' for related ideas, '#' for comments", () => {
    const concepts = parseSynonyms("# comment\nlorry, truck  # trailing comment\n~ deliver, bring\n");
    // Keys are index terms (stemmed like the documents).
    expect(concepts.get(toTerms("lorry").join(" "))).toContainEqual({
      terms: toTerms("truck"),
      weight: SYNONYM_WEIGHT,
    });
    const related = [...concepts.values()].flat().filter((a) => a.weight === RELATED_WEIGHT);
    expect(related.length).toBeGreaterThan(0);
    expect([...concepts.keys()].some((k) => k.includes("comment"))).toBe(false);
  });

  it("skips lines with fewer than two words", () => {
    expect(parseSynonyms("lorry\n\n   \n# none\n").size).toBe(0);
  });
});

describe("loadSynonyms", () => {
  it("a corpus without the file has no synonyms and no error", async () => {
    const { concepts, error } = await loadSynonyms(dataDir);
    expect(concepts.size).toBe(0);
    expect(error).toBeUndefined();
  });

  it("an unreadable file is reported, with its name", async () => {
    await mkdir(path.join(dataDir, SYNONYM_FILE));
    const { concepts, error } = await loadSynonyms(dataDir);
    expect(concepts.size).toBe(0);
    expect(error).toContain(SYNONYM_FILE);
  });
});
