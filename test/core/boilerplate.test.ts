import { describe, expect, it } from "vitest";
import { splitPassages } from "../../src/core/passages.ts";

// Made-up pages with the furniture news sites wrap around articles.
const page = (lines: string[]) => lines.join("\n");
const texts = (body: string, title = "A Story About Rivers") =>
  splitPassages("x.md", body, { title, language: "en" }).map((p) => p.text);

describe("removeBoilerplate (through splitPassages)", () => {
  it("drops navigation, share bars, promotions and comment forms", () => {
    const body = page([
      "example-news.co.uk",
      "Table of Contents",
      "Share to:",
      "The river rose by two metres overnight, flooding the old town.",
      "Also Read: Ten Gadgets You Need This Summer",
      "To read more such news, download Example News apps",
      "Residents were moved to the school gym before dawn.",
      "Previous Article Next Article",
      "Leave a Reply",
      "Your email address will not be published. Required fields are marked *",
      "Nice article, thanks for sharing it with us all!",
    ]);
    expect(texts(body)).toEqual([
      "The river rose by two metres overnight, flooding the old town.",
      "Residents were moved to the school gym before dawn.",
    ]);
  });

  it("cuts an inline 'Also read' promotion out of a paragraph", () => {
    const body =
      "The council met on Monday and approved the dam repairs. Also read: Best phones of 2024 ranked";
    expect(texts(body)).toEqual(["The council met on Monday and approved the dam repairs."]);
  });

  it("drops bylines, photo captions, author bios and related-headline lists", () => {
    const body = page([
      "By Jane Doe - Reporter 3 Min Read",
      "Flood barriers were installed along the northern bank this spring.",
      "River at dawn | Photo- Reuters",
      "Engineers say the barriers held back most of the water during the storm.",
      "Officials promised a full review of the response within a month.",
      "About Jane Doe",
      "Jane Doe is an award-winning journalist who loves hiking and writing about rivers.",
      "Related News",
      "Celebrity wedding shocks fans across the country",
      "Stock markets close higher after a volatile week of trading",
    ]);
    expect(texts(body)).toEqual([
      "Flood barriers were installed along the northern bank this spring.",
      "Engineers say the barriers held back most of the water during the storm.",
      "Officials promised a full review of the response within a month.",
    ]);
  });

  it("keeps only the first of duplicated paragraphs, ignoring quote-mark style", () => {
    const body = page([
      "Here's what the mayor said about the flood.",
      "Here’s what the mayor said about the flood.",
    ]);
    expect(texts(body)).toEqual(["Here's what the mayor said about the flood."]);
  });

  it("keeps only the first of paragraphs differing in case, punctuation or spacing, accented or not", () => {
    const body = page([
      "Set the FLAG -- twice, then restart.",
      "set the flag twice;  then  restart",
      "Café Zoë opens at 9.",
      "café zoë — opens at 9",
      "Cafe Zoe opens at 9.",
    ]);
    expect(texts(body)).toEqual([
      "Set the FLAG -- twice, then restart.",
      "Café Zoë opens at 9.",
      "Cafe Zoe opens at 9.",
    ]);
  });

  it("handles Hindi promotions and related lists", () => {
    const body = page([
      "नदी का जलस्तर रात भर में दो मीटर बढ़ गया और पुराना शहर डूब गया. यह भी पढ़ें : गर्मियों के दस गैजेट",
      "लोगों को सुबह से पहले स्कूल में पहुंचाया गया और उन्हें खाना दिया गया.",
      "संबंधित खबरें",
      "फिल्मी सितारे की शादी से फैंस हैरान",
    ]);
    expect(texts(body, "नदी")).toEqual([
      "नदी का जलस्तर रात भर में दो मीटर बढ़ गया और पुराना शहर डूब गया.",
      "लोगों को सुबह से पहले स्कूल में पहुंचाया गया और उन्हें खाना दिया गया.",
    ]);
  });
});

describe("splitPassages", () => {
  it("records the section heading and paragraph number", () => {
    const body = page([
      "Intro paragraph about the river and the town.",
      "Damage Report",
      "Two bridges were closed by the water.",
    ]);
    const passages = splitPassages("x.md", body, { title: "T", language: "en" });
    expect(passages.map((p) => [p.paragraph, p.section])).toEqual([
      [1, undefined],
      [2, "Damage Report"],
    ]);
  });

  it("gives a paragraph in another script its own language", () => {
    const body = [
      "नदी का जलस्तर रात भर में दो मीटर बढ़ गया और पुराना शहर डूब गया.",
      "The mayor said on Monday that the flood barriers along the northern bank had held back most of the water.",
      "लोगों को सुबह से पहले स्कूल में पहुंचाया गया और उन्हें खाना दिया गया.",
    ].join("\n");
    const passages = splitPassages("x.md", body, { title: "T", language: "hi" });
    expect(passages.map((p) => p.language)).toEqual(["hi", "en", "hi"]);
  });

  it("joins hard-wrapped lines and cuts long paragraphs at sentence boundaries", () => {
    const sentence =
      "The water kept rising through the night while volunteers filled sandbags by the bridge.";
    const body = `${Array.from({ length: 12 }, () => sentence).join(" ")}\nand so it went on`;
    const passages = splitPassages("x.md", body.replace(/ volunteers/, "\nvolunteers"), {
      title: "T",
      language: "en",
    });
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) {
      expect(p.text.split(/\s+/).length).toBeLessThanOrEqual(100);
      for (const s of p.sentences) expect(p.text.slice(s.start, s.end)).toMatch(/^\S.*\S$/);
    }
  });

  it("reads Markdown links, images and bold as their words", () => {
    const body =
      'See [the bakery](https://example.org/Bakery_(Brill) "Home") and ![a loaf](loaf.png) for **rye** bread.';
    expect(splitPassages("x.md", body, { title: "T", language: "en" })[0]?.text).toBe(
      "See the bakery and a loaf for rye bread.",
    );
  });

  // A document can hold a million openings of markup with nothing to close them; the patterns
  // that scanned on to the end from each took minutes over a megabyte. Now a fraction of a second;
  // the timeout is a guard with a wide margin, not a speed claim.
  it("splits a paragraph of unclosed markup", () => {
    for (const unit of ["[a](", "[", "![a](", "**a "]) {
      const body = `The mill grinds rye. ${unit.repeat(200_000 / unit.length)} The end.`;
      expect(splitPassages("x.md", body, { title: "T", language: "en" }).length).toBeGreaterThan(0);
    }
  }, 10_000);
});
