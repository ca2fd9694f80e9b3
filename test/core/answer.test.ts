import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { normalizeText } from "../../src/core/text.ts";
import type { Answer } from "../../src/core/types.ts";

let library: Library;
const dataDir = path.resolve("data");
beforeAll(async () => {
  library = await Library.open({ dataDir });
});

const bodies = new Map<string, string>();
async function documentText(file: string): Promise<string> {
  if (!bodies.has(file)) bodies.set(file, normalizeText(await readFile(path.join(dataDir, file), "utf8")));
  return bodies.get(file) as string;
}

/** Every quote must be copied from the document it cites. */
async function expectVerbatim(answer: Answer) {
  for (const q of answer.quotes) {
    const source = answer.sources.find((s) => s.n === q.source);
    expect(source, `quote cites source ${q.source}`).toBeDefined();
    expect(await documentText(source?.file as string)).toContain(q.text);
  }
}

describe("Library.ask", () => {
  it("answers 'does WhatsApp read my messages?' with verbatim quotes from both sides, cited", async () => {
    const answer = await library.ask("does WhatsApp read my messages?", { limit: 5 });
    expect(answer.answered).toBe(true);
    expect(answer.quotes.length).toBeGreaterThanOrEqual(3);
    await expectVerbatim(answer);
    const all = answer.quotes.map((q) => q.text).join("\n");
    expect(all).toMatch(/no one else can read them|message contents are secure by default/);
    expect(all).toMatch(/content of messages was being scanned/);
    // …and the claim it answers, within the default number of quotes.
    for (const typed of ["does WhatsApp read my messages?", "does whatsapp read my messages?"]) {
      // Names come from the documents too, so typing "whatsapp" in lower case changes nothing.
      const shown = (await library.ask(typed)).quotes.map((q) => q.text).join("\n");
      expect(shown).toMatch(/exports (your )?user data (every night|nightly)/);
    }
    expect(new Set(answer.quotes.map((q) => q.source)).size).toBeGreaterThanOrEqual(2);
    expect(answer.sources.map((s) => s.n)).toEqual(answer.sources.map((_, i) => i + 1));
  });

  it("cites title, publisher and date as the document states them, and where the quote is", async () => {
    const answer = await library.ask("Will X suggest jobs to me?");
    expect(answer.quotes[0]?.text).toBe("X will use this data to suggest job opportunities to users.");
    expect(answer.quotes[0]?.paragraph).toBeGreaterThan(0);
    expect(answer.sources[0]).toMatchObject({
      n: 1,
      title: "Elon Musk’s X Gathers More User Data for AI Use",
      publisher: "Weam",
      date: "2023-09-02",
      file: "x-gathers-more-user-data-for-ai.md",
      language: "en",
    });
    expect(answer.sources[0]).not.toHaveProperty("url");
  });

  it.each(["How do I bake sourdough bread?", "What is the capital of France?", "Who is the CEO of Apple?"])(
    "says plainly that the documents don't cover %s",
    async (question) => {
      const answer = await library.ask(question);
      expect(answer).toMatchObject({ answered: false, quotes: [], sources: [] });
    },
  );

  it("corrects typos in longer words", async () => {
    const answer = await library.ask("whatsap encripton");
    expect(answer.answered).toBe(true);
    expect(answer.quotes.map((q) => q.text).join(" ")).toMatch(/encrypt/i);
  });

  it("answers Hindi questions with Hindi passages", async () => {
    const answer = await library.ask("एलन मस्क ने व्हाट्सएप पर क्या आरोप लगाया?");
    expect(answer.answered).toBe(true);
    expect(answer.sources.every((s) => s.language === "hi")).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/डेटा एक्सपोर्ट/);
    await expectVerbatim(answer);
  });

  it("pages through quotes with offset, without repeating them", async () => {
    const first = await library.ask("What data does WhatsApp share with Facebook?", { limit: 3 });
    const next = await library.ask("What data does WhatsApp share with Facebook?", { offset: 3, limit: 3 });
    expect(next.quotes.length).toBeGreaterThan(0);
    const firstTexts = new Set(first.quotes.map((q) => q.text));
    for (const q of next.quotes) expect(firstTexts.has(q.text)).toBe(false);
    expect(next.sources[0]?.n).toBe(1);
  });

  it.each([
    ["empty", ""],
    ["only spaces and punctuation", "   ?!… "],
    ["control characters", "\u0000\u0007\u001b[2J"],
    ["binary junk", String.fromCharCode(...Array.from({ length: 200 }, (_, i) => (i * 37) % 256))],
    ["a huge question", "whatsapp ".repeat(50_000)],
    ["markup", "<script>alert(1)</script> @everyone"],
  ])("never throws on %s input", async (_name, question) => {
    const answer = await library.ask(question);
    expect(typeof answer.answered).toBe("boolean");
    expect(answer.question.length).toBeLessThanOrEqual(501);
  });

  it("returns a copy: callers cannot corrupt cached answers", async () => {
    const a = await library.ask("Who owns WhatsApp?");
    a.quotes.length = 0;
    expect((await library.ask("Who owns WhatsApp?")).quotes.length).toBeGreaterThan(0);
  });
});

describe("Library.documents and suggest", () => {
  it("lists the five bundled documents", () => {
    const docs = library.documents();
    expect(docs).toHaveLength(5);
    expect(docs.map((d) => d.language).sort()).toEqual(["en", "en", "en", "en", "hi"]);
  });

  it("suggests questions and headings that match what was typed", () => {
    expect(library.suggest("whatsapp exo")).toContain("Meta's AI Tool Backlash: WhatsApp Exodus?");
    expect(library.suggest("").length).toBeGreaterThan(0);
    expect(library.suggest("zzzz")).toEqual([]);
  });
});
