import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/core/language.ts";
import {
  countWords,
  isTypingSlip,
  neighbouringKeys,
  normalizeText,
  splitSentences,
  termSet,
  tokenize,
  toTerm,
  toTerms,
} from "../../src/core/text.ts";

const sentences = (p: string) => splitSentences(p).map((s) => p.slice(s.start, s.end));

describe("splitSentences", () => {
  it("keeps abbreviations such as U.S. and Dr. inside a sentence", () => {
    expect(
      sentences("The U.S. Department of Homeland Security says so. Dr. Smith agreed. Then he left."),
    ).toEqual(["The U.S. Department of Homeland Security says so.", "Dr. Smith agreed.", "Then he left."]);
  });

  it("splits Hindi at the danda", () => {
    expect(sentences("लोग सोचते हैं। ये एक सुरक्षित माध्यम है।")).toEqual(["लोग सोचते हैं।", "ये एक सुरक्षित माध्यम है।"]);
  });

  it("keeps closing quotes with their sentence", () => {
    expect(sentences("He said, “It exports data every night.” Nobody replied.")).toEqual([
      "He said, “It exports data every night.”",
      "Nobody replied.",
    ]);
  });

  // The Unicode rules end a sentence at every "?" and "!"; inside one, a lower-case word follows.
  it("keeps a quoted question, a marker or code with a ! inside its sentence", () => {
    expect(
      sentences(
        "See the \"Why is the rye sour?\" question for more. Press '?' for help. It adds a trailing \"(?)\" to the name. Run sed '/rye/! d' on it.",
      ),
    ).toEqual([
      'See the "Why is the rye sour?" question for more.',
      "Press '?' for help.",
      'It adds a trailing "(?)" to the name.',
      "Run sed '/rye/! d' on it.",
    ]);
  });

  it("keeps a mark with no space after it inside its sentence: file names, versions, code", () => {
    expect(
      sentences("Add it to your .Xdefaults file. Then run ./Configure on Solaris 2.[456] or SEDMOD10.ZIP."),
    ).toEqual([
      "Add it to your .Xdefaults file.",
      "Then run ./Configure on Solaris 2.[456] or SEDMOD10.ZIP.",
    ]);
  });

  it("joins no sentence past the longest window, however its marks run", () => {
    const paragraph = "is it? ".repeat(4000) + "Mr. ".repeat(4000) + "a.B".repeat(4000);
    const spans = splitSentences(paragraph);
    expect(Math.max(...spans.map((s) => s.end - s.start))).toBeLessThanOrEqual(8000);
    // in order, none overlapping, from the first character to the last
    expect(spans.every((s, i) => i === 0 || s.start >= (spans[i - 1] as { end: number }).end)).toBe(true);
    expect([spans[0]?.start, spans.at(-1)?.end]).toEqual([0, paragraph.trim().length]);
  });

  it("still ends a sentence at a question or exclamation mark before a capital or a digit", () => {
    expect(sentences('Is it baked? Yes. "Is it sour?" He did not say. Hot! 3 loaves left.')).toEqual([
      "Is it baked?",
      "Yes.",
      '"Is it sour?"',
      "He did not say.",
      "Hot!",
      "3 loaves left.",
    ]);
  });

  // The segmenter is read a window at a time over long paragraphs; the windows must not change
  // a single span. The reference is the segmenter over the whole paragraph, joined the same way.
  const MIXED = [
    "Mr. Smith bakes rye at the U.S. Embassy. ",
    "The oven is lit at four. (it cools by noon) and then the bread rests. ",
    "Is it ready? “Yes,” he said. ",
    "e.g. the spelt loaf. ",
    "लोग सोचते हैं। ये एक सुरक्षित माध्यम है। ",
    "Dr. Jones agreed! 3 loaves were sold. ",
    "It costs 3.50 euros. '^t' marks a tab. ",
    'See the "Is it baked?" question for more. ',
  ].join("");
  it("splits a long paragraph as it splits the same text whole", () => {
    const paragraph = MIXED.repeat(60).trim();
    const whole = [...new Intl.Segmenter("en", { granularity: "sentence" }).segment(paragraph)]
      .map((s) => s.segment.trim())
      .filter(Boolean);
    const joined: string[] = [];
    for (const s of whole) {
      const prev = joined.at(-1);
      if (
        prev &&
        (/(?:^|[\s(“"])(?:(?:[A-Za-z]\.){2,}|Mr\.|Dr\.)$/.test(prev) ||
          (/[?!]["'”’)\]]*$/.test(prev) && /^\p{Ll}/u.test(s)))
      )
        joined[joined.length - 1] = `${prev} ${s}`;
      else joined.push(s);
    }
    expect(paragraph.length).toBeGreaterThan(5 * 2000);
    expect(sentences(paragraph)).toEqual(joined);
  });

  // A 10 MB one-line text file is one paragraph: the segmenter over it whole took time quadratic
  // in its length (11 s at 320k characters). Windowed it takes milliseconds; the timeout is a
  // guard with a wide margin, not a speed claim.
  it("splits a paragraph of 400k characters, however it is punctuated", () => {
    const paragraph = "The mill grinds rye. ".repeat(20_000).trim();
    expect(splitSentences(paragraph)).toHaveLength(20_000);
    // Line separators (a break after each, and no other sentence end) and a stretch where the
    // segmenter itself looks ahead for a letter at every full stop.
    expect(splitSentences(`Rye${"\u2028".repeat(400_000)}bread.`).length).toBeGreaterThan(0);
    expect(splitSentences(`${"1. ".repeat(130_000)}and rye.`).length).toBeGreaterThan(0);
  }, 10_000);
});

describe("countWords", () => {
  it("counts the words tokenize finds, apostrophes, digits and other scripts included", () => {
    const texts = [
      "",
      "Don't set it twice.",
      "rock'n'roll isn't 'quoted' o'",
      "x11 2nd don't5 a''b it's’ -- v1.2.3",
      "   leading and trailing   ",
      "café naïve résumé",
      "WhatsApp’s users aren’t",
      "व्हाट्सएप डेटा",
      "zero\u200Dwidth joiner\u200Cs",
      "emoji 😀 and 𝒳 letters",
    ];
    for (const text of texts) expect(countWords(text), text).toBe(tokenize(text).length);
  });
});

describe("termSet", () => {
  it("holds a text's terms, the same each time it is asked", () => {
    const heading = "Reading my messages — Privacy";
    expect([...termSet(heading)]).toEqual([...new Set(toTerms(heading))]);
    expect([...termSet(heading)]).toEqual(["read", "messag", "privaci"]);
  });
});

describe("toTerms", () => {
  it("drops stop words and stems English", () => {
    expect(toTerms("Does WhatsApp read my messages?")).toEqual(["whatsapp", "read", "messag"]);
  });

  it("folds possessives and curly apostrophes", () => {
    expect(toTerms("Musk’s users' data")).toEqual(["musk", "user", "data"]);
  });

  it("keeps Devanagari vowel signs and normalises nukta", () => {
    expect(tokenize("व्हाट्सएप डेटा")).toEqual(["व्हाट्सएप", "डेटा"]);
    expect(toTerm("ज़्यादा")).toBe(toTerm("ज्यादा"));
  });

  it("drops contractions of stop words and the pronouns the general list lacks", () => {
    expect(toTerms("The traces aren't helpful, and she can't read them; they're short")).toEqual([
      "trace",
      "help",
      "read",
      "short",
    ]);
    // Not every apostrophe is a contraction.
    expect(toTerms("o'clock rock'n'roll")).toEqual(["oclock", "rocknroll"]);
  });

  it("keeps one-letter names that are not stop words", () => {
    expect(toTerms("Will X collect it?")).toContain("x");
  });

  it("treats words that are also JavaScript property names as words", () => {
    expect(toTerms("the constructor is called")).toEqual(["constructor", "call"]);
  });
});

describe("normalizeText", () => {
  it("removes control characters and invisible joiners but keeps paragraphs", () => {
    expect(normalizeText("a\u0000b\u001B[31m c\u200B\r\n\r\nd\u00A0 e")).toBe("ab[31m c\n\nd e");
  });

  it("composes Unicode (NFC)", () => {
    expect(normalizeText("e\u0301")).toBe("\u00e9");
  });
});

describe("detectLanguage", () => {
  it("tells English from Hindi and says nothing for tiny text", () => {
    expect(detectLanguage("The company has said it will use the data for machine learning and AI.")).toBe(
      "en",
    );
    expect(detectLanguage("मस्क ने कहा कि व्हाट्सएप हर रात अपने यूजर्स का डेटा एक्सपोर्ट करता है")).toBe("hi");
    expect(detectLanguage("ok")).toBeUndefined();
  });
});

describe("isTypingSlip", () => {
  it("knows the keys beside a letter on a QWERTY keyboard", () => {
    expect([..."abcdefghijklmnopqrstuvwxyz"].filter((k) => neighbouringKeys("d", k)).join("")).toBe("cefrsx");
    expect(neighbouringKeys("a", "p")).toBe(false);
  });

  it("takes a letter left out, struck for its neighbour, doubled or struck beside it for a slip", () => {
    expect(isTypingSlip("dffer", "differ")).toBe(true);
    expect(isTypingSlip("diffwr", "differ")).toBe(true);
    expect(isTypingSlip("differr", "differ")).toBe(true);
    expect(isTypingSlip("diffeer", "differ")).toBe(true);
    expect(isTypingSlip("differt", "differ")).toBe(true);
  });

  it("does not take a far key, a letter struck far from its neighbours or two slips for one", () => {
    expect(isTypingSlip("dffer", "offer")).toBe(false);
    expect(isTypingSlip("differp", "differ")).toBe(false);
    expect(isTypingSlip("dffr", "differ")).toBe(false);
    expect(isTypingSlip("differ", "differ")).toBe(false);
  });
});
