import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_SIGNALS, type Concept } from "../../src/core/analyze.ts";
import { Library, type LibraryOptions } from "../../src/core/library.ts";
import { type Evidence, isAnswered, knownShare, REFUSAL } from "../../src/core/refusal.ts";
import type { Embedder } from "../../src/core/semantic/embedder.ts";

// A made-up town: a bakery, a mill and a baking tool. No document mentions safety, payments,
// ovens by number, bassoons or anyone called Zorblax.
const TOWN = {
  "bakery.md":
    "---\ntitle: Crumbwell Bakery\n---\n# Crumbwell Bakery\n\nThe Crumbwell bakery on Mill Lane sells rye bread, sourdough and honey cake.\n\nThe bakery opens at seven every morning and closes at two in the afternoon.\n\nHealth inspectors check the bakery kitchen every month, and its ovens passed the last inspection.\n",
  "mill.md":
    "---\ntitle: The Old Mill\n---\n# The Old Mill\n\nAlice Varga owns the old water mill on the river Brill.\n\nThe mill grinds rye and wheat for the Crumbwell bakery.\n\nThe mill wheel was rebuilt by volunteers after the great flood.\n",
  "loafctl.md":
    "---\ntitle: Loafctl manual\n---\n# Loafctl\n\nLoafctl is a command-line tool that schedules baking batches for small bakeries.\n\nRun loafctl plan to print tomorrow's baking schedule.\n",
};

const dirs: string[] = [];
async function openCorpus(
  files: Record<string, string>,
  options: Omit<LibraryOptions, "dataDir"> = {},
): Promise<Library> {
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-refusal-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return Library.open({ ...options, dataDir: dir });
}

let town: Library;
beforeAll(async () => {
  town = await openCorpus(TOWN);
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("Library.ask: the refusal rule", () => {
  it("answers a covered question whose unmatched words are everyday ones", async () => {
    // "safe" and "clean" appear in no document; the kitchen inspection is still the answer.
    const answer = await town.ask("Is the bakery kitchen safe and clean?");
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toBe(
      "Health inspectors check the bakery kitchen every month, and its ovens passed the last inspection.",
    );
    expect(answer.sources[0]?.file).toBe("bakery.md");
  });

  it.each(["Doez the bakery sell rye bread?", "Shoudl I buy the bakery's honey cake?"])(
    "answers %j: a mistyped first word is no name, though capitalised and unknown",
    async (question) => {
      expect((await town.ask(question)).answered).toBe(true);
    },
  );

  it.each([
    "Is the bakery kitchen safe and clean?",
    // The only unmatched word is "safe"; no document says "secure" or any synonym of it.
    "Is the bakery safe?",
  ])(
    "weighting absent words by everyday frequency is what decides %j: without it, it is refused",
    async (question) => {
      expect((await town.ask(question)).answered).toBe(true);
      const answer = await town.ask(question, { signals: { frequency: false } });
      expect(answer).toMatchObject({ answered: false, kind: "not_covered", quotes: [], sources: [] });
    },
  );

  it.each([
    // Names match (Alice, the mill), the payment is nowhere.
    "How much did Alice pay for the mill?",
    // A name the documents never use, about a topic they do cover.
    "What does Zorblax say about the bakery?",
    // A person they name, doing something rare they never mention.
    "Does Alice Varga play the bassoon?",
    // A tool they describe, and a product they don't.
    "Does loafctl support kubernetes?",
    // A tool they never name, opening the sentence: its capital still marks a name.
    "Ovenbot won't schedule the rye batches",
    // The same typed all in lower case: no capital tells the name, but it is no English word.
    "why won't ovenbot schedule the rye batches?",
    // Or all in capitals, where every word has one.
    "WHY WON'T OVENBOT SCHEDULE THE RYE BATCHES?",
    // A name the documents write once ("the river Brill"), typed in lower case, and what they lack.
    "does brill have trout?",
  ])("refuses %j though some of its words match", async (question) => {
    const answer = await town.ask(question);
    expect(answer).toMatchObject({ answered: false, kind: "not_covered", quotes: [], sources: [] });
  });

  it("padding a question does not change whether it is answered", async () => {
    const pairs: [string, string][] = [
      [
        "Is the bakery kitchen safe and clean?",
        "hey bot, quick question: is the bakery kitchen safe and clean? asking for my grandma",
      ],
      ["Who owns the mill?", "<b>Who owns the mill? thanks"],
      ["What does Zorblax say about the bakery?", "<b>hi, what does Zorblax say about the bakery? thanks"],
      ["Does Alice Varga play the bassoon?", "ok so does Alice Varga play the bassoon? just curious"],
      // Padding no phrase list holds: a sentence about asking, a lament of everyday words.
      ["Who owns the mill?", "my neighbour asked me who owns the mill? I've been wondering for weeks"],
      ["Is the bakery kitchen safe and clean?", "really worried here: is the bakery kitchen safe and clean?"],
      // A greeting or an apology no phrase list holds, before the question.
      ["Who owns the mill?", "hello folks, who owns the mill?"],
      [
        "Is the bakery kitchen safe and clean?",
        "forgive the newbie question, but is the bakery kitchen safe and clean?",
      ],
      // Typed all in capitals.
      ["Is the bakery kitchen safe and clean?", "IS THE BAKERY KITCHEN SAFE AND CLEAN?"],
      // A hedge before the question.
      ["Who owns the mill?", "sorry if this is a dumb question, but who owns the mill?"],
      [
        "Is the bakery kitchen safe and clean?",
        "probably a silly question but is the bakery kitchen safe and clean?",
      ],
    ];
    for (const [plain, padded] of pairs) {
      const a = await town.ask(plain);
      const b = await town.ask(padded);
      expect(b.answered, padded).toBe(a.answered);
      expect(b.quotes[0]?.text, padded).toBe(a.quotes[0]?.text);
    }
    expect((await town.ask("Who owns the mill?")).quotes[0]?.text).toBe(
      "Alice Varga owns the old water mill on the river Brill.",
    );
  });

  it("without the filler signal, the padding sinks a covered question (so removing it matters)", async () => {
    const padded = "hey bot, quick question: is the bakery kitchen safe and clean? asking for my grandma";
    expect((await town.ask(padded, { signals: { filler: false } })).answered).toBe(false);
  });

  it("refuses a how-many question when no passage that covers it holds a number", async () => {
    const question = "How many ovens does the bakery have?";
    expect((await town.ask(question)).answered).toBe(false);
    // It is the missing number that refuses it: the ovens sentence covers every word.
    const lenient = await town.ask(question, { signals: { intent: false } });
    expect(lenient.quotes[0]?.text).toMatch(/its ovens passed the last inspection/);
  });

  it("answers the same how-many question once a passage holds the number", async () => {
    const library = await openCorpus({
      ...TOWN,
      "ovens.md":
        "---\ntitle: The Ovens\n---\nThe Crumbwell bakery has three brick ovens, all fired with beech wood.\n",
    });
    const answer = await library.ask("How many ovens does the bakery have?");
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toBe(
      "The Crumbwell bakery has three brick ovens, all fired with beech wood.",
    );
    expect(answer.sources[0]?.file).toBe("ovens.md");
  });

  // "pay" is an everyday word the documents lack, so it is not what the question asks; what
  // refuses it is that "how much" needs an amount, and a year is not one.
  it("refuses 'How much did Alice pay for the mill?' when the only number near her is a year", async () => {
    const library = await openCorpus({
      ...TOWN,
      "mill.md": TOWN["mill.md"].replace(
        "Alice Varga owns the old water mill on the river Brill.",
        "Alice Varga has owned the old water mill on the river Brill since 1990.",
      ),
    });
    expect((await library.ask("How much did Alice pay for the mill?")).answered).toBe(false);
  });

  it("a 'what is it called' question needs a name the question doesn't hold", async () => {
    // The wheel sentence covers every word, but names nothing: the wheel has no name here.
    const question = "What is the mill wheel called?";
    expect((await town.ask(question)).answered).toBe(false);
    expect((await town.ask(question, { signals: { intent: false } })).quotes[0]?.text).toBe(
      "The mill wheel was rebuilt by volunteers after the great flood.",
    );
    const named = await town.ask("What is the name of the person who owns the mill?");
    expect(named.answered).toBe(true);
    expect(named.quotes[0]?.text).toBe("Alice Varga owns the old water mill on the river Brill.");
  });

  // A price question wants a sum of money: "for thirty years" is a number, not what she paid.
  it("refuses a price question whose only figure is a duration, and answers it once a sum is there", async () => {
    const withYears = await openCorpus({
      ...TOWN,
      "mill.md": TOWN["mill.md"].replace(
        "Alice Varga owns the old water mill on the river Brill.",
        "Alice Varga bought the old water mill on the river Brill and has run it for thirty years.",
      ),
    });
    const question = "How much did Alice pay when she bought the mill?";
    expect((await withYears.ask(question)).answered).toBe(false);
    const withPrice = await openCorpus({
      ...TOWN,
      "mill.md": TOWN["mill.md"].replace(
        "Alice Varga owns the old water mill on the river Brill.",
        "Alice Varga bought the old water mill on the river Brill for $40,000 and has run it for thirty years.",
      ),
    });
    const answer = await withPrice.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/for \$40,000/);
  });

  // The documents write the flags in capitals; the asker types them lower-case, so they count as
  // names, and the only other word, "find", is how "where" asks, not what is asked about them.
  it("answers 'where can I find' a name the documents hold, though the passage never says find", async () => {
    const library = await openCorpus({
      ...TOWN,
      "loafctl.md": `${TOWN["loafctl.md"]}\nThe FLOURCAP setting limits each batch; see also CRUSTLOG for the oven log.\n\nYou can find loafctl in the bakery's tool shed.\n`,
    });
    for (const question of [
      "where can i find flourcap and crustlog?",
      "Where do I get the flourcap setting?",
    ]) {
      const answer = await library.ask(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.quotes[0]?.text).toBe(
        "The FLOURCAP setting limits each batch; see also CRUSTLOG for the oven log.",
      );
    }
  });
});

const concept = (word: string, idf: number, present: boolean, ask = true): Concept => ({
  word,
  idf,
  present,
  ask,
  alternatives: [{ terms: [word], weight: 1 }],
});

describe("knownShare", () => {
  it("is the share of the question's weight that the documents use", () => {
    expect(knownShare([concept("mill", 3, true), concept("bassoon", 1, false)])).toBeCloseTo(0.75);
    expect(knownShare([concept("zorblax", 6, false)])).toBe(0);
    expect(knownShare([concept("mill", 2, true)])).toBe(1);
  });

  it("is 1 for a question with no concepts", () => {
    expect(knownShare([])).toBe(1);
  });
});

describe("isAnswered", () => {
  const known = [concept("bakery", 1, true), concept("kitchen", 1, true)];
  const evidence = (all: number, asks = 1, holdsAnswer = true): Evidence => ({
    coverage: { all, asks },
    quoteCoverage: { all, asks },
    holdsAnswer,
  });
  const rule = (intent: "other" | "quantity", concepts: Concept[] = known, signals = ALL_SIGNALS) => ({
    intent,
    concepts,
    signals,
  });

  it("answers when the best passage covers enough of a question the documents know", () => {
    expect(isAnswered([evidence(0.1), evidence(REFUSAL.minCoverage)], rule("other"))).toBe(true);
    expect(isAnswered([evidence(REFUSAL.minCoverage - 0.01)], rule("other"))).toBe(false);
  });

  it("refuses without any evidence", () => {
    expect(isAnswered([], rule("other"))).toBe(false);
  });

  it("scales coverage down by how much of the question the documents know at all", () => {
    // A quarter of the weight is known: coverage counts 0.25 ** knownPower of itself.
    const mostlyUnknown = [concept("bakery", 1, true), concept("zorblax", 3, false)];
    const scale = 0.25 ** REFUSAL.knownPower;
    expect(isAnswered([evidence(REFUSAL.minCoverage / scale + 0.01)], rule("other", mostlyUnknown))).toBe(
      true,
    );
    expect(isAnswered([evidence(REFUSAL.minCoverage / scale - 0.01)], rule("other", mostlyUnknown))).toBe(
      false,
    );
    expect(isAnswered([evidence(0.5)], rule("other", mostlyUnknown))).toBe(false);
    expect(isAnswered([evidence(0.5)], rule("other"))).toBe(true);
  });

  it("refuses a passage that covers the names but not what is asked about them", () => {
    expect(isAnswered([evidence(0.9, REFUSAL.minAsks / 2)], rule("other"))).toBe(false);
    expect(isAnswered([evidence(0.9, REFUSAL.minAsks)], rule("other"))).toBe(true);
  });

  it("a how-many question needs a passage holding a number, unless the intent signal is off", () => {
    expect(isAnswered([evidence(1, 1, false)], rule("quantity"))).toBe(false);
    expect(isAnswered([evidence(1, 1, true)], rule("quantity"))).toBe(true);
    expect(
      isAnswered([evidence(1, 1, false)], rule("quantity", known, { ...ALL_SIGNALS, intent: false })),
    ).toBe(true);
    // Other intents take a passage without their kind of answer.
    expect(isAnswered([evidence(1, 1, false)], rule("other"))).toBe(true);
  });
});

describe("Library.ask: the semantic signal never decides a refusal", () => {
  // The documents never name the gardener. Keywords quote the sentence about the gardener (no
  // name in it: refused); a similarity that prefers the sentence naming two villages must not
  // turn that into an answer, since the rule is lexical (refusal.ts).
  const GARDEN = {
    "garden.md":
      "---\ntitle: Town garden\n---\nThe greenhouse gardener waters the seedlings every morning. Visitors from Brindle and Corley admire the greenhouse.\n",
    "pool.md": "---\ntitle: Pool\n---\nThe swimming pool reopened after the roof was repaired.\n",
  };
  const QUESTION = "What is the name of the greenhouse gardener?";
  // Made-up vectors: the question and the villages sentence point one way, everything else another.
  const toward = (text: string) => (text === QUESTION || text.includes("Brindle") ? 0 : 1);
  const fake: Embedder = {
    id: "fake-2d",
    dimensions: 2,
    embed: async (texts) => texts.map((t) => Float32Array.from(toward(t) ? [0, 1] : [1, 0])),
    close: async () => {},
  };

  it("refuses with and without vectors", async () => {
    const library = await openCorpus(GARDEN, { embedder: fake });
    await library.vectorsReady();
    const answer = await library.ask(QUESTION);
    expect(answer.answered, JSON.stringify(answer.quotes)).toBe(false);
    expect((await library.ask(QUESTION, { signals: { semantic: false } })).answered).toBe(false);
    // The similarity still chooses what is quoted when a question is answered.
    const covered = await library.ask("Who admires the greenhouse?");
    expect(covered.quotes[0]?.text).toContain("Visitors from Brindle and Corley");
  });
});
