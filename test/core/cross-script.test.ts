import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import SearchableMap from "minisearch/SearchableMap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossScriptTerms, phoneticKey } from "../../src/core/lexicon/cross-script.ts";
import { Library } from "../../src/core/library.ts";

describe("phoneticKey", () => {
  it.each([
    ["Musk", "मस्क"],
    ["data", "डेटा"],
    ["WhatsApp", "व्हाट्सएप"],
    ["server", "सर्वर"],
    ["Varga", "वर्गा"],
  ])("%s and %s are the same word in two scripts", (latin, devanagari) => {
    expect(phoneticKey(latin)).toBeDefined();
    expect(phoneticKey(latin)).toBe(phoneticKey(devanagari));
  });

  it("tells different words apart", () => {
    expect(phoneticKey("Musk")).not.toBe(phoneticKey("डेटा"));
    expect(phoneticKey("server")).not.toBe(phoneticKey("सेब"));
  });

  it("gives no key to Latin words too short to compare safely", () => {
    expect(phoneticKey("the")).toBeUndefined();
    expect(phoneticKey("X")).toBeUndefined();
  });
});

describe("crossScriptTerms", () => {
  const vocabulary = new SearchableMap<string>();
  for (const word of ["मस्क", "डेटा", "मिल", "musk", "bakery"]) vocabulary.set(word, word);

  it("finds the other script's spelling of a word, never the same script's", () => {
    expect(crossScriptTerms(vocabulary, "Musk")).toEqual(["मस्क"]);
    expect(crossScriptTerms(vocabulary, "मस्क")).toEqual(["musk"]);
    expect(crossScriptTerms(vocabulary, "data")).toEqual(["डेटा"]);
  });

  it("finds nothing for a word the other script lacks", () => {
    expect(crossScriptTerms(vocabulary, "sourdough")).toEqual([]);
    expect(crossScriptTerms(vocabulary, "the")).toEqual([]);
  });
});

// A made-up bilingual town: the only word about the mill's data is in the Hindi document.
const MILL_HI = `---
title: पुरानी मिल
language: hi
---
एलिस वर्गा ने बताया कि मिल का डेटा हर रात एक सर्वर पर भेजा जाता है।

नदी के किनारे की यह मिल गेहूं और राई पीसती है।
`;
const BAKERY_EN = `---
title: Crumbwell Bakery
---
The Crumbwell bakery on Mill Lane sells rye bread, sourdough and honey cake.

The bakery opens at seven every morning and closes at two in the afternoon.
`;
const HINDI_QUOTE = "एलिस वर्गा ने बताया कि मिल का डेटा हर रात एक सर्वर पर भेजा जाता है।";

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "citebot-cross-script-"));
  await writeFile(path.join(dir, "mill-hi.md"), MILL_HI);
  await writeFile(path.join(dir, "bakery.md"), BAKERY_EN);
  library = await Library.open({ dataDir: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Library.ask across scripts", () => {
  it("answers an English question whose only evidence is Hindi with the Hindi quote, labelled 'hi'", async () => {
    const answer = await library.ask("Does Alice Varga send data to a server?");
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]).toMatchObject({ text: HINDI_QUOTE, language: "hi" });
    const cited = answer.sources.find((s) => s.n === answer.quotes[0]?.source);
    expect(cited).toMatchObject({ file: "mill-hi.md", language: "hi" });
  });

  it("is refused without matching across scripts (so that is what answers it)", async () => {
    const answer = await library.ask("Does Alice Varga send data to a server?", {
      signals: { crossScript: false },
    });
    expect(answer.answered).toBe(false);
  });

  it("keeps English answers for English questions, without a language label", async () => {
    const answer = await library.ask("What does the bakery sell?");
    expect(answer.quotes[0]?.text).toBe(
      "The Crumbwell bakery on Mill Lane sells rye bread, sourdough and honey cake.",
    );
    expect(answer.quotes[0]).not.toHaveProperty("language");
    expect(answer.sources.every((s) => s.language === "en")).toBe(true);
  });

  it("reads Hindi pronouns as the function words they are, not as topics the documents lack", async () => {
    // "हमारा" (our) and "मेरा" (my) are in no document; weighed as rare words, they sank the question.
    for (const question of ["क्या मिल हमारा डेटा सर्वर पर भेजती है?", "मेरा डेटा हर रात कहाँ भेजा जाता है?"]) {
      const { concepts } = await library.explain(question);
      expect(concepts.map((c) => c.word)).not.toEqual(expect.arrayContaining(["हमारा"]));
      expect(concepts.map((c) => c.word)).not.toEqual(expect.arrayContaining(["मेरा"]));
      expect(concepts.map((c) => c.word)).toEqual(expect.arrayContaining(["डेटा"]));
      const answer = await library.ask(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.quotes[0]?.text).toBe(HINDI_QUOTE);
    }
  });

  it("answers across scripts the same when opened from its snapshot, which stores the Hindi words' sounds", async () => {
    const snapshotPath = path.join(dir, "state", "index.json");
    const question = "Does Alice Varga send data to a server?";
    await Library.open({ dataDir: dir, snapshotPath });
    const reopened = await Library.open({ dataDir: dir, snapshotPath, reindexOnOpen: false });
    expect(await reopened.ask(question)).toEqual(await library.ask(question));
    expect(await reopened.ask("What does the bakery sell?")).toEqual(
      await library.ask("What does the bakery sell?"),
    );
  });

  it("keeps Hindi answers for Hindi questions", async () => {
    const answer = await library.ask("मिल क्या पीसती है?");
    expect(answer.quotes[0]?.text).toBe("नदी के किनारे की यह मिल गेहूं और राई पीसती है।");
    expect(answer.quotes[0]).not.toHaveProperty("language");
    expect(answer.sources.every((s) => s.language === "hi")).toBe(true);
  });
});
