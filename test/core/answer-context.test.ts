import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { voicesDoubt } from "../../src/core/intent.ts";
import { Library } from "../../src/core/library.ts";
import { normalizeText } from "../../src/core/text.ts";
import type { Answer } from "../../src/core/types.ts";

const front = (title: string) => `---\ntitle: ${title}\n---\n`;
const FILES: Record<string, string> = {
  "bakery.md": `${front("Crumbwell Bakery")}# Saturday breads

Every Saturday the Crumbwell bakery bakes three special breads:

- dark rye bread with caraway seeds
- spelt bread sweetened with honey
- a walnut loaf with dried figs
`,
  "council.md": `${front("Council news")}# Projects

In May, the town council announced the Greenbelt project. Its aim is to plant a thousand oak trees along the river Brill.

The council also repaired the road to the station.
`,
  "bridge.md": `${front("The Footbridge")}# The footbridge

Here's what the mayor said about the footbridge over the Brill.

See section 4 for what the mayor said about the footbridge.

The mayor said the footbridge over the Brill will carry walkers and cyclists only.

The footbridge over the Brill opened with a brass band and speeches.
`,
  "history.md": `${front("Town history")}# Bridges

The footbridge over the Brill opened in June 2019.
`,
  "claims.md": `${front("River report")}# Flour dust

Anglers say the old mill pollutes the river Brill with flour dust every week.

A river report found that flour dust from the old mill pollutes the Brill near the weir.

Residents complain that the mill pollutes the river and kills the trout.

The river warden wrote that the old mill pollutes the Brill after each grinding day.

A school project showed the mill pollutes the river downstream of the wheel.

Photos posted online appear to show the mill polluting the river Brill.
`,
  "reply.md": `${front("The miller replies")}Alice Varga, who owns the old mill, denied that the mill pollutes the river and said tests found no flour dust in the water.
`,
};

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-context-"));
  for (const [file, text] of Object.entries(FILES)) await writeFile(path.join(dir, file), text);
  library = await Library.open({ dataDir: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const texts = (answer: Answer) => answer.quotes.map((q) => q.text);

/** Every quote is copied from the document it cites (a lead-in and its list are joined by " … "). */
async function expectVerbatim(answer: Answer) {
  for (const q of answer.quotes) {
    const source = answer.sources.find((s) => s.n === q.source);
    expect(source, `quote cites source ${q.source}`).toBeDefined();
    const body = normalizeText(await readFile(path.join(dir, source?.file as string), "utf8"));
    for (const piece of q.text.split(" … ")) expect(body).toContain(piece);
  }
}

describe("Library.ask: quotes that answer", () => {
  it("quotes a lead-in ending in ':' together with the list it introduces", async () => {
    const answer = await library.ask("What special breads does the bakery bake on Saturday?");
    expect(answer.quotes[0]?.text).toBe(
      "Every Saturday the Crumbwell bakery bakes three special breads: … dark rye bread with caraway seeds … spelt bread sweetened with honey … a walnut loaf with dried figs",
    );
    await expectVerbatim(answer);
    // Without the context signal the reader gets the bare lead-in.
    const bare = await library.ask("What special breads does the bakery bake on Saturday?", {
      signals: { context: false },
    });
    expect(bare.quotes[0]?.text).toBe("Every Saturday the Crumbwell bakery bakes three special breads:");
  });

  it("quotes a sentence starting 'Its aim' with the sentence it leans on", async () => {
    const question = "What is the aim of planting oak trees along the river?";
    const answer = await library.ask(question);
    expect(answer.quotes[0]?.text).toBe(
      "In May, the town council announced the Greenbelt project. Its aim is to plant a thousand oak trees along the river Brill.",
    );
    const alone = await library.ask(question, { signals: { context: false } });
    expect(alone.quotes[0]?.text).toBe("Its aim is to plant a thousand oak trees along the river Brill.");
  });

  it("brings the next sentence when it goes on about the matched one and holds what is asked", async () => {
    // "why / what's the point": the announcement matches the words, the aim that follows answers.
    const answer = await library.ask("What's the point of the Greenbelt project?");
    expect(answer.quotes[0]?.text).toBe(
      "In May, the town council announced the Greenbelt project. Its aim is to plant a thousand oak trees along the river Brill.",
    );
  });

  it("ranks a caption and a cross-reference below the sentence that answers", async () => {
    const answer = await library.ask("What did the mayor say about the footbridge?", { limit: 12 });
    const shown = texts(answer);
    const real = shown.indexOf(
      "The mayor said the footbridge over the Brill will carry walkers and cyclists only.",
    );
    expect(real).toBe(0);
    for (const pointer of [
      "Here's what the mayor said about the footbridge over the Brill.",
      "See section 4 for what the mayor said about the footbridge.",
    ]) {
      const at = shown.indexOf(pointer);
      if (at >= 0) expect(at, pointer).toBeGreaterThan(real);
    }
    // Without the roles signal the caption, which repeats the question's words, comes first.
    const blind = await library.ask("What did the mayor say about the footbridge?", {
      signals: { roles: false },
    });
    expect(blind.quotes[0]?.text).toBe("Here's what the mayor said about the footbridge over the Brill.");
  });

  it("answers a 'when' question with the sentence that holds a date", async () => {
    const question = "When did the footbridge over the Brill open?";
    const answer = await library.ask(question);
    expect(answer.quotes[0]?.text).toBe("The footbridge over the Brill opened in June 2019.");
    expect(answer.sources[0]?.file).toBe("history.md");
    const blind = await library.ask(question, { signals: { intent: false } });
    expect(blind.quotes[0]?.text).toBe(
      "The footbridge over the Brill opened with a brass band and speeches.",
    );
  });

  it("shows both sides of a contested claim within the first five quotes, each cited", async () => {
    const answer = await library.ask("Does the old mill pollute the river?", { limit: 5 });
    expect(answer.answered).toBe(true);
    const head = texts(answer);
    expect(head.some(voicesDoubt)).toBe(true);
    expect(head.some((t) => !voicesDoubt(t))).toBe(true);
    expect(head).toContain(
      "Alice Varga, who owns the old mill, denied that the mill pollutes the river and said tests found no flour dust in the water.",
    );
    expect(new Set(answer.quotes.map((q) => answer.sources[q.source - 1]?.file))).toEqual(
      new Set(["claims.md", "reply.md"]),
    );
    await expectVerbatim(answer);
  });

  it.each([
    "What special breads does the bakery bake on Saturday?",
    "What did the mayor say about the footbridge?",
    "When did the footbridge over the Brill open?",
    "Does the old mill pollute the river?",
    "What is the aim of planting oak trees along the river?",
  ])("quotes %j verbatim from the documents it cites", async (question) => {
    const answer = await library.ask(question, { limit: 12 });
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(answer.sources.map((s) => s.n)).toEqual(answer.sources.map((_, i) => i + 1));
    await expectVerbatim(answer);
  });
});

describe("Library.ask: small talk", () => {
  it.each(["hi", "thanks!", "hello bot, who are you?"])(
    "replies to %j as small talk, with two examples the documents answer",
    async (message) => {
      const answer = await library.ask(message);
      expect(answer).toMatchObject({ answered: false, kind: "smalltalk", quotes: [], sources: [] });
      expect(answer.examples).toHaveLength(2);
      const cited = new Set<string>();
      for (const example of answer.examples ?? []) {
        const reply = await library.ask(example, { limit: 1 });
        expect(reply.answered, example).toBe(true);
        cited.add(reply.sources[0]?.file as string);
      }
      expect(cited.size).toBe(2);
    },
  );

  it("treats a greeting followed by a question as the question", async () => {
    const answer = await library.ask("Hi! when did the footbridge over the Brill open?");
    expect(answer.kind).toBe("answer");
    expect(answer.quotes[0]?.text).toBe("The footbridge over the Brill opened in June 2019.");
  });
});

describe("Library.explain", () => {
  it("lists the question's concepts and the candidate quotes with their files", async () => {
    const explanation = await library.explain("hey bot, when did the footbridge over the Brill open?");
    expect(explanation.question).toBe("when did the footbridge over the Brill open?");
    expect(explanation.intent).toBe("time");
    const words = explanation.concepts.map((c) => c.word);
    expect(words).toEqual(expect.arrayContaining(["footbridge", "brill"]));
    expect(explanation.concepts.every((c) => c.present)).toBe(true);
    expect(explanation.candidates[0]).toMatchObject({
      quote: "The footbridge over the Brill opened in June 2019.",
      file: "history.md",
    });
    expect(explanation.candidates.length).toBeGreaterThan(1);
  });

  it("shows the word that is missing when a question is refused", async () => {
    const explanation = await library.explain("What does Zorblax say about the footbridge?");
    expect(explanation.concepts).toContainEqual(expect.objectContaining({ word: "zorblax", present: false }));
    expect((await library.ask("What does Zorblax say about the footbridge?")).answered).toBe(false);
  });
});
