import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { tempDir } from "../temp-dir.ts";

/** A library of one page holding `passages` under one heading, in a folder removed after the test. */
async function pageLibrary(heading: string, passages: string[]): Promise<Library> {
  const folder = await tempDir("citebot-analyze-");
  await writeFile(path.join(folder, "page.md"), `# ${heading}\n\n${passages.join("\n\n")}\n`);
  return Library.open({ dataDir: folder });
}

// analyzeQuestion needs an index, so it is observed through Library.explain on made-up documents.
const FILES = {
  "bakery.md":
    "---\ntitle: Crumbwell Bakery\n---\nThe Crumbwell bakery on Mill Lane sells rye bread, sourdough and honey cake.\n\nThe bakery opens at seven every morning.\n",
  "mill.md":
    "---\ntitle: The Old Mill\n---\nAlice Varga owns the old water mill on the river Brill.\n\nThe mill grinds rye and wheat for the Crumbwell bakery.\n",
  "loafctl.md":
    "---\ntitle: Loafctl manual\n---\nLoafctl can turn off the ovens when the last batch is baked.\n\nRun loafctl plan to print tomorrow's baking schedule.\n",
};

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-analyze-"));
  for (const [file, text] of Object.entries(FILES)) await writeFile(path.join(dir, file), text);
  library = await Library.open({ dataDir: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function concepts(question: string, signals = {}) {
  const { concepts } = await library.explain(question, { signals });
  return new Map(concepts.map((c) => [c.word, c]));
}

describe("analyzeQuestion (through Library.explain)", () => {
  it("reads a mistyped everyday word as the word it misspells when the documents use its stem", async () => {
    // "compannies" is four edits from the documents' "company", one from the English "companies".
    const own = await mkdtemp(path.join(tmpdir(), "citebot-analyze-typo-"));
    await writeFile(
      path.join(own, "mill.md"),
      "---\ntitle: Mill\n---\nThe old mill is run by a family company.\n\nThe council handles complaints.\n",
    );
    const mill = await Library.open({ dataDir: own });
    const concept = async (signals = {}) =>
      (await mill.explain("Which compannies run the mill?", { signals })).concepts.find(
        (c) => c.word === "compannies",
      );
    expect(await concept()).toMatchObject({ present: true, alternatives: ["compani@0.80"] });
    expect(await concept({ frequency: false })).toMatchObject({ present: false });
    // A prefix makes another word, not a typo: "unhandled" is not a misspelt "handled".
    const { concepts } = await mill.explain("Who deals with unhandled complaints?");
    expect(concepts.find((c) => c.word === "unhandled")).toMatchObject({ present: false });
    await rm(own, { recursive: true, force: true });
  });

  it("reads a word with two letters swapped as the word meant, function words included", async () => {
    // "Whta" and "teh" were an absent rare word each, the heaviest kind: the question was refused.
    const typed = await library.ask("Whta time does teh bakery open?");
    const clean = await library.ask("What time does the bakery open?");
    expect(typed.answered).toBe(true);
    expect(typed.quotes[0]?.text).toBe(clean.quotes[0]?.text);
    expect([...(await concepts("Hwo does the mill grind wheat?")).keys()]).toEqual([
      "mill",
      "grind",
      "wheat",
    ]);
    // A swap in a short word of the documents that is no English word ("Varga"): one-edit typo
    // correction does not reach it, nor do everyday words.
    expect((await concepts("What does Alice Vagra own?")).get("varga")).toMatchObject({ present: true });
    // Not for a word the documents use, nor a three-letter word that would become a content word.
    expect((await concepts("What does loafctl print?")).get("loafctl")).toMatchObject({ present: true });
    expect((await concepts("Is the abd bread sold?")).get("abd")).toMatchObject({ present: false });
    expect(
      (await concepts("Whta time does teh bakery open?", { frequency: false })).get("whta"),
    ).toMatchObject({
      present: false,
    });
  });

  it("puts a swapped pair back when that makes another form of a word the documents use", async () => {
    // "bakeires": "bakeries" is not written in the documents and too rare to be taken on its own,
    // but its stem is the documents' "bakery"; three edits away, no typo correction reaches it.
    const words = await concepts("Which bakeires sell rye bread?");
    expect(words.get("bakeries")).toMatchObject({ present: true, alternatives: ["bakeri@1.00"] });
  });

  it("reads a word with two letters swapped and one left out as the documents' word", async () => {
    // "sorudouh": "ur" swapped and the "g" left out, three edits as letters are counted, two slips.
    const words = await concepts("Does the bakery sell sorudouh?");
    expect(words.get("sorudouh")).toMatchObject({ present: true, alternatives: ["sourdough@0.80"] });
    expect((await library.ask("Does the bakery sell sorudouh?")).quotes[0]?.text).toContain("sourdough");
  });

  it("reads a word written as one that the documents write as two as those two", async () => {
    // The bakery sells "honey cake"; "honeycake" was an absent rare word that sank the question.
    const c = await concepts("Does the bakery sell honeycake?");
    expect(c.get("honey")).toMatchObject({ present: true });
    expect(c.get("cake")).toMatchObject({ present: true });
    expect((await library.ask("Does the bakery sell honeycake?")).answered).toBe(true);
    expect(
      (await concepts("Does the bakery sell honeycake?", { frequency: false })).get("honeycake"),
    ).toMatchObject({
      present: false,
    });
  });

  it("reads two words joined by a letter struck for the space between them as those two", async () => {
    // "honeybcake": the "b" beside the space bar hit instead of it.
    const c = await concepts("Does the bakery sell honeybcake?");
    expect(c.get("honey")).toMatchObject({ present: true });
    expect(c.get("cake")).toMatchObject({ present: true });
    expect((await library.ask("Does the bakery sell honeybcake?")).answered).toBe(true);
  });

  it("reads a word one slip from a document word as that word, not as two words that fill it", async () => {
    // "commadds" is "commands" mistyped; "comm" and "adds" are both words of the documents too.
    const own = await mkdtemp(path.join(tmpdir(), "citebot-analyze-split-"));
    await writeFile(
      path.join(own, "till.md"),
      "---\ntitle: Till\n---\nRun the till commands from the back office.\n\nThe comm port adds a second screen.\n",
    );
    try {
      const till = await Library.open({ dataDir: own });
      const { concepts: found } = await till.explain("Which till commadds can I run?");
      expect(found.map((c) => c.word)).not.toContain("comm");
      expect(found.find((c) => c.word === "commadds")?.alternatives.join(" ")).toMatch(/^command@/);
      expect((await till.ask("Which till commadds can I run?")).quotes[0]?.text).toContain("till commands");
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it("an absent everyday word weighs little and is not what is asked; an absent rare word weighs more", async () => {
    const c = await concepts("Is the bakery safe for valgrind users?");
    const safe = c.get("safe");
    const valgrind = c.get("valgrind");
    expect(safe).toMatchObject({ present: false, ask: false });
    expect(valgrind).toMatchObject({ present: false, ask: true });
    expect(valgrind?.weight).toBeGreaterThan(3 * (safe?.weight ?? 0));
    expect(c.get("bakery")).toMatchObject({ present: true, ask: true });
  });

  it("takes no letters of 'e.g.', 'i.e.' or 'etc.' for words of the question", async () => {
    const words = await concepts("Does the bakery sell cakes (e.g. honey cake, i.e. sweet ones), buns etc.?");
    expect([...words.keys()]).toEqual(expect.arrayContaining(["bakery", "cakes", "sweet", "buns"]));
    for (const letter of ["e", "g", "i", "etc"]) expect(words.has(letter), letter).toBe(false);
  });

  it("without the frequency signal every absent word weighs the same", async () => {
    const c = await concepts("Is the bakery safe for valgrind users?", { frequency: false });
    expect(c.get("safe")?.weight).toBe(c.get("valgrind")?.weight);
    expect(c.get("safe")?.ask).toBe(true);
  });

  it("names weigh double and are not what is asked about them, present or absent", async () => {
    const c = await concepts("What does Zorblax say about Alice and the valgrind mill?");
    expect(c.get("zorblax")).toMatchObject({ present: false, ask: false });
    expect(c.get("zorblax")?.weight).toBeCloseTo(2 * (c.get("valgrind")?.weight ?? 0), 3);
    expect(c.get("alice")).toMatchObject({ present: true, ask: false });
    expect(c.get("mill")).toMatchObject({ present: true, ask: true });
  });

  it("takes a rare word the documents lack for a name in a question typed in lower case, but not an inflected English word", async () => {
    const c = await concepts("does the bakery sell zorblax and overruns?");
    expect(c.get("zorblax")).toMatchObject({ present: false, ask: false });
    expect(c.get("overruns")).toMatchObject({ present: false, ask: true });
    // As it is in the same question typed with capitals.
    const typed = await concepts("Does the bakery sell Zorblax and overruns?");
    expect(typed.get("overruns")?.weight).toBe(c.get("overruns")?.weight);
  });

  it("reads a function word with a letter left out ('wht', 'frm') as that word, not a missing topic", async () => {
    const c = await concepts("Wht does the bakery sell frm its oven?");
    expect([...c.keys()].filter((w) => w === "wht" || w === "frm")).toEqual([]);
    expect((await library.ask("Wht does the bakery sell?")).answered).toBe(true);
  });

  it("reads a function word with a letter struck wrong or added ('Wheoe', 'whenn') as that word", async () => {
    const c = await concepts("Wheoe does the bakery sell its cake, and whenn?");
    expect([...c.keys()].filter((w) => w === "wheoe" || w === "whenn")).toEqual([]);
    const answer = await library.ask("Wheoe is the Crumbwell bakery?");
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toContain("Mill Lane");
    // One edit from a word of the documents, a slip is that word mistyped: "fike" could be "like".
    const own = await pageLibrary("Files", ["Every file is kept for a week.", "Old logs are deleted."]);
    const { concepts: typed } = await own.explain("How long is a fike kept?");
    expect(typed.find((w) => w.word === "fike")).toMatchObject({
      present: true,
      alternatives: ["file@0.80"],
    });
  });

  it("reads the first word as the question word it is a slip of, before a word of the documents", async () => {
    // "xhat" is one edit from "what", "that" and the documents' "hat".
    const own = await pageLibrary("Hats", [
      "A cloche is a hat shaped like a bell.",
      "Felt hats shrink in rain.",
    ]);
    const { concepts: typed, intent } = await own.explain("Xhat is a cloche?");
    expect(typed.map((c) => c.word)).toEqual(["cloche"]);
    expect(intent).toBe("definition");
    // Later in the question it is the documents' word mistyped.
    const { concepts: later } = await own.explain("Is a cloche a xhat?");
    expect(later.find((c) => c.word === "xhat")).toMatchObject({ present: true, alternatives: ["hat@0.80"] });
  });

  it("puts back a letter left out of a three-letter word when one word of the documents fits", async () => {
    const own = await pageLibrary("Compression", [
      "The zlib library compresses data in memory.",
      "The gzip and zip tools compress whole files.",
    ]);
    const { concepts: c } = await own.explain("Does zlb compress in memory?");
    expect(c.find((w) => w.word === "zlb")).toMatchObject({ present: true, alternatives: ["zlib@0.80"] });
    expect((await own.ask("Does zlb compress in memory?")).quotes[0]?.text).toBe(
      "The zlib library compresses data in memory.",
    );
    // "gzp" is "gzip" with a letter left out and no other word of the documents.
    const { concepts: other } = await own.explain("What does gzp do to files?");
    expect(other.find((w) => w.word === "gzp")).toMatchObject({ present: true, alternatives: ["gzip@0.80"] });
    // An English word is never a slip: "zap" stays itself, absent.
    const { concepts: real } = await own.explain("Does zlib zap files?");
    expect(real.find((w) => w.word === "zap")).toMatchObject({ present: false });
  });

  it("corrects a non-word to the documents' word ('sourdouh'), never a real word ('breed')", async () => {
    const typo = await concepts("Does the bakery sell sourdouh?");
    expect(typo.get("sourdouh")?.present).toBe(true);
    expect((await library.ask("Does the bakery sell sourdouh?")).quotes[0]?.text).toBe(
      "The Crumbwell bakery on Mill Lane sells rye bread, sourdough and honey cake.",
    );
    const word = await concepts("Does the bakery sell breed?");
    expect(word.get("breed")?.present).toBe(false);
    // Without word frequencies, a real word one letter from a document's word is taken for a typo.
    expect((await concepts("Does the bakery sell breed?", { frequency: false })).get("breed")?.present).toBe(
      true,
    );
  });

  it("takes a phrasal verb as one concept with WordNet's synonyms: 'switch off' finds 'turn off'", async () => {
    const c = await concepts("Can loafctl switch off the ovens?");
    expect(c.get("switch off")).toMatchObject({ present: true });
    const answer = await library.ask("Can loafctl switch off the ovens?");
    expect(answer.quotes[0]?.text).toBe("Loafctl can turn off the ovens when the last batch is baked.");
    expect((await concepts("Can loafctl switch off the ovens?", { wordnet: false })).has("switch off")).toBe(
      false,
    );
  });

  it("a WordNet synonym widens what a word matches but does not make a word the documents use weigh less", async () => {
    // "heap" is in every passage; "stack", one of its WordNet synonyms, in one.
    const heapLibrary = await pageLibrary("Memory", [
      "The heap grows as the program allocates memory.",
      "A heap block is freed by the allocator.",
      "The heap checker reports leaks at exit.",
      "Each thread has a stack of its own, apart from the heap.",
    ]);
    const weight = async (signals: object) =>
      (await heapLibrary.explain("Where does each thread keep its stack?", { signals })).concepts.find(
        (c) => c.word === "stack",
      );
    const withWordnet = await weight({});
    expect(withWordnet?.alternatives.some((a) => a.startsWith("heap@"))).toBe(true);
    expect(withWordnet?.weight).toBe((await weight({ wordnet: false }))?.weight);
  });

  it("of the documents' words one edit from a typo, takes the one a typist's slip explains", async () => {
    const shells = await pageLibrary("Shells", [
      "The two shells differ in how they expand globs.",
      "Each release we offer a new prompt theme.",
    ]);
    const { concepts: typed } = await shells.explain("How do the shells dffer?");
    expect(typed.find((c) => c.word === "dffer")?.alternatives).toEqual(["differ@0.80"]);
  });

  it("widens a mistyped word with the synonyms of the word it was taken for", async () => {
    const mill = await pageLibrary("Prices", [
      "The miller decides the price of rye.",
      "The council will determine the price of flour each spring.",
    ]);
    const typed = await mill.explain("Who deccides the price of flour?");
    expect(typed.concepts.find((c) => c.word === "deccides")?.alternatives).toEqual([
      "decid@0.80",
      "determin@0.60",
    ]);
    expect((await mill.ask("Who deccides the price of flour?")).quotes[0]?.text).toBe(
      "The council will determine the price of flour each spring.",
    );
  });

  it("widens a word with WordNet's one-word synonyms, not the phrases of its narrower senses", async () => {
    // WordNet's "completion" is also the football "pass completion": the documents have both
    // words, so the phrase matched any sentence saying "pass".
    const oven = await pageLibrary("Oven", [
      "Completion of the rye loaf takes an hour in the oven.",
      "Pass the dough through the roller twice.",
      "The closing of the oven door keeps the heat in.",
    ]);
    const completion = (await oven.explain("How long is the loaf's completion?")).concepts.find(
      (c) => c.word === "completion",
    );
    expect(completion?.alternatives.some((a) => a.startsWith("closing@") || a.startsWith("close@"))).toBe(
      true,
    );
    expect(completion?.alternatives.some((a) => a.includes(" "))).toBe(false);
  });

  it("widens a word with WordNet synonyms only while the documents use it in few passages", async () => {
    const market = "---\ntitle: Market\n---\nYou can purchase rye flour at the Saturday market.\n";
    const shop = (n: number) =>
      `---\ntitle: Shop\n---\n${Array.from({ length: n }, (_, i) => `Customers buy basket ${i} of apples here.`).join("\n\n")}\n`;
    const open = async (n: number) => {
      const folder = await mkdtemp(path.join(tmpdir(), "citebot-expand-"));
      await writeFile(path.join(folder, "market.md"), market);
      await writeFile(path.join(folder, "shop.md"), shop(n));
      const lib = await Library.open({ dataDir: folder });
      const { concepts } = await lib.explain("Where can I buy rye?");
      await rm(folder, { recursive: true, force: true });
      return concepts.find((c) => c.word === "buy")?.alternatives ?? [];
    };
    expect((await open(3)).some((a) => a.startsWith("purchas@"))).toBe(true);
    expect((await open(100)).some((a) => a.startsWith("purchas@"))).toBe(false);
  });
});
