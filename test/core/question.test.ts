import { describe, expect, it } from "vitest";
import {
  askingPart,
  cleanQuestion,
  dropLead,
  expandShorthand,
  isSmallTalk,
  stripFiller,
  stripMarkup,
} from "../../src/core/question.ts";

/** What retrieval sees of a chat message (the order `answer.ts` applies them in). */
const asSearched = (message: string) => stripFiller(expandShorthand(stripMarkup(cleanQuestion(message))));

describe("stripFiller", () => {
  it.each([
    ["hey bot, quick question: does the bakery open on Sunday?", "does the bakery open on Sunday?"],
    ["does the mill grind rye? asking for my grandma", "does the mill grind rye?"],
    ["Hi! does the bakery open on Sunday?", "does the bakery open on Sunday?"],
    ["well, is the pond safe for swimming?", "is the pond safe for swimming?"],
    ["so how many loaves are baked a day? thanks", "how many loaves are baked a day?"],
    ["i was wondering, who runs the mill? just curious", "who runs the mill?"],
  ])("drops the padding of %j", (message, question) => {
    expect(stripFiller(message)).toBe(question);
  });

  it.each([
    ["sorry if this is a dumb question, but does the mill grind rye?", "does the mill grind rye?"],
    ["probably a silly question but the oven won't heat up.", "the oven won't heat up."],
    ["Not sure if this is the right place. Who runs the mill?", "Who runs the mill?"],
    [
      "apologies if this was asked before, but how do I bake rye but not wheat?",
      "how do I bake rye but not wheat?",
    ],
    ["newbie here - what is sourdough?", "what is sourdough?"],
  ])("drops a hedge before the question: %j", (message, question) => {
    expect(stripFiller(message)).toBe(question);
  });

  it.each([
    ["does the mill grind rye??", "does the mill grind rye?"],
    ["does the mill grind rye?! :)", "does the mill grind rye?"],
    ["who owns the mill :-(", "who owns the mill"],
    ["is the bakery open today 🙏🙏", "is the bakery open today"],
    ["the oven is broken!!!", "the oven is broken!"],
    ["does the mill grind rye? any tips?", "does the mill grind rye?"],
    ["my starter won't rise. any pointers?", "my starter won't rise."],
    ["hello folks, my starter won't rise. thanks in advance", "my starter won't rise."],
    ["morning all - who owns the mill?", "who owns the mill?"],
  ])("ends %j with one mark and no smiley", (message, question) => {
    expect(stripFiller(message)).toBe(question);
  });

  it("puts back the first letter of a question word before its verb ('hat is…', 'ow do I…')", () => {
    expect(stripFiller("hat is sourdough?")).toBe("what is sourdough?");
    expect(stripFiller("Ow do I feed a starter?")).toBe("How do I feed a starter?");
    expect(stripFiller("hy does the mill close early?")).toBe("why does the mill close early?");
    // English as it stands.
    expect(stripFiller("here is the mill?")).toBe("here is the mill?");
    expect(stripFiller("hats are sold at the mill?")).toBe("hats are sold at the mill?");
  });

  it("keeps what only looks like a smiley or a run of marks: code, an abbreviation", () => {
    expect(stripFiller("what does f(x) mean?")).toBe("what does f(x) mean?");
    expect(stripFiller("how do I print x;D")).toBe("how do I print x;D");
    expect(stripFiller("does it run on MVS, CICS, etc.?")).toBe("does it run on MVS, CICS, etc.?");
  });

  it("keeps a hedge that says what is asked about: 'maybe loafctl is broken, but…'", () => {
    expect(stripFiller("maybe loafctl is broken but how do I restart it?")).toBe(
      "maybe loafctl is broken but how do I restart it?",
    );
    expect(stripFiller("sorry if this is dumb")).toBe("sorry if this is dumb");
  });

  it("drops the verb of 'where can I find / where do I get', which only says where", () => {
    expect(stripFiller("where can I find the mill's opening hours?")).toBe("where the mill's opening hours?");
    expect(stripFiller("Where do we get rye flour?")).toBe("Where rye flour?");
    // Not when it is what is asked: "how do I find…", "where does the mill find its grain".
    expect(stripFiller("how do I find the mill?")).toBe("how do I find the mill?");
    expect(stripFiller("where does the mill find its grain?")).toBe("where does the mill find its grain?");
  });

  it("keeps a greeting's words when they say what is asked about", () => {
    expect(stripFiller("hello world programs: why do they print twice?")).toBe(
      "hello world programs: why do they print twice?",
    );
  });

  it("keeps an opener word that is part of the question: 'well water?' keeps 'well'", () => {
    expect(stripFiller("well water?")).toBe("well water?");
    expect(stripFiller("so-called sourdough?")).toBe("so-called sourdough?");
    expect(stripFiller("so - is the bakery open?")).toBe("is the bakery open?");
    expect(stripFiller("sonic boom at the mill?")).toBe("sonic boom at the mill?");
  });

  it.each([
    ["can someone tell me how the mill grinds rye?", "how the mill grinds rye?"],
    ["my teacher asked me why the bakery closes early?", "why the bakery closes early?"],
    ["does anybody know whether the pond is safe?", "the pond is safe?"],
    ["I'd like to know, who runs the mill?", "who runs the mill?"],
  ])("drops a sentence about asking around the question it holds: %j", (message, question) => {
    expect(stripFiller(message)).toBe(question);
  });

  it("keeps a subject that is not a person: 'does loafctl know how to…' is about loafctl", () => {
    expect(stripFiller("does loafctl know how to bake rye?")).toBe("does loafctl know how to bake rye?");
  });

  it("never strips everything: a message that is only padding stays as it was", () => {
    for (const message of ["hey bot, thanks", "please", "quick question:"]) {
      expect(stripFiller(message)).toBe(message);
    }
  });
});

describe("dropLead", () => {
  // As the answer calls it: a topic word is one the documents use that is not everyday English
  // (before "but", that is no English word at all: "newbie" is one, if not an everyday one).
  const topics = new Set(["loafctl", "sourdough", "newbie"]);
  const english = new Set(["sourdough", "newbie"]);
  const isTopic = (word: string, rare: boolean) =>
    topics.has(word.toLowerCase()) && !(rare && english.has(word.toLowerCase()));

  it.each([
    ["hello folks, why is the mill closed?", "why is the mill closed?"],
    ["forgive the newbie question, but what is sourdough?", "what is sourdough?"],
    ["question for the bot: how do I feed a starter?", "how do I feed a starter?"],
    ["morning all - where is the mill?", "where is the mill?"],
  ])("drops a clause before the question that names no topic: %j", (message, question) => {
    expect(dropLead(message, isTopic)).toBe(question);
  });

  it.each([
    // A topic of the documents.
    "with loafctl, how do I plan a batch?",
    "I know loafctl, but how do I plan a batch?",
    "a newbie: how do I plan a batch?",
    "my sourdough: why won't it rise?",
    // A condition or setting, however everyday its words.
    "If I leave the oven on, will it burn?",
    "when the mill is closed, where do I buy flour?",
    // No question after it.
    "hello folks, the mill is closed",
  ])("keeps %j whole", (message) => {
    expect(dropLead(message, isTopic)).toBe(message);
  });
});

describe("askingPart", () => {
  it("sets aside sentences of everyday words that do not ask", () => {
    expect(askingPart("help! can I save a burnt loaf? I've been stuck on this for hours")).toBe(
      "can I save a burnt loaf?",
    );
    expect(askingPart("really confused here: how do I feed a sourdough starter?")).toBe(
      "how do I feed a sourdough starter?",
    );
  });

  it("sets aside a plea that opens like a question but has no subject ('would appreciate any help')", () => {
    expect(askingPart("what is sourdough? would appreciate any help")).toBe("what is sourdough?");
    // With a subject after the auxiliary it asks.
    expect(askingPart("how do I bake rye? would it burn?")).toBeUndefined();
    expect(askingPart("how do I bake rye? is there a faster way")).toBeUndefined();
  });

  it("keeps a sentence that says what the question is about, and a message that only asks", () => {
    // "sourdough" is no everyday word: the statement is the question's subject.
    expect(askingPart("My sourdough won't rise. What should I do?")).toBeUndefined();
    expect(askingPart("Is the bakery open? Does it sell rye?")).toBeUndefined();
    expect(askingPart("I have been stuck for hours.")).toBeUndefined();
    // What would be left is only question words: the statement is what is asked about.
    expect(askingPart("I have some time and I'd like to help. What can I do for you?")).toBeUndefined();
  });
});

describe("stripMarkup", () => {
  it("removes tags and emphasis a user pasted around the question", () => {
    expect(stripMarkup("<b>does the bakery sell rye bread?")).toBe("does the bakery sell rye bread?");
    expect(stripMarkup("is the **mill** open</b>?")).toBe("is the mill open ?");
    expect(stripMarkup("bread &amp; butter")).toBe("bread & butter");
  });

  it("leaves a comparison that is not a tag alone", () => {
    expect(stripMarkup("is 3 < 5 loaves?")).toBe("is 3 < 5 loaves?");
  });
});

describe("expandShorthand", () => {
  it("spells out chat shorthand", () => {
    expect(expandShorthand("wat time does the bakery open")).toBe("what time does the bakery open");
    expect(expandShorthand("tell me abt the mill")).toBe("tell me about the mill");
    expect(expandShorthand("r u open on sunday")).toBe("are you open on sunday");
    // A contraction typed without its apostrophe, negations among them.
    expect(expandShorthand("wheres the mill? it didnt open")).toBe("where's the mill? it didn't open");
  });

  it("leaves command-line options and code alone: 'lsof -r' is not 'lsof -are'", () => {
    expect(expandShorthand("why do loafctl -r reports differ?")).toBe("why do loafctl -r reports differ?");
    expect(expandShorthand("is $u set in x_u?")).toBe("is $u set in x_u?");
  });

  it("leaves capitals and abbreviations alone: 'U.S.' is not 'you'", () => {
    expect(expandShorthand("Is the U.S. branch open?")).toBe("Is the U.S. branch open?");
    expect(expandShorthand("Does R run on it?")).toBe("Does R run on it?");
  });

  it("spells out a capitalised shorthand where a sentence starts, as phones write it", () => {
    expect(expandShorthand("Plz tell me who runs the mill")).toBe("please tell me who runs the mill");
    expect(expandShorthand("Thanks. Wat time does it open?")).toBe("Thanks. what time does it open?");
    // Single letters and shorthand inside a sentence keep their capitals: "R" may be a name.
    expect(expandShorthand("R is a language")).toBe("R is a language");
    expect(expandShorthand("Ask Abt about it")).toBe("Ask Abt about it");
  });

  it("does not touch words that merely contain shorthand", () => {
    expect(expandShorthand("what about the utensils")).toBe("what about the utensils");
  });
});

describe("cleanQuestion", () => {
  it("puts a question on one bounded line", () => {
    expect(cleanQuestion("  does the\n bakery\topen?  ")).toBe("does the bakery open?");
    expect(cleanQuestion("bread ".repeat(200)).length).toBeLessThanOrEqual(501);
  });

  it("padding plus markup plus shorthand: retrieval sees the question proper", () => {
    expect(asSearched("<b>hey bot, quick question: wat does the mill grind? asking for my grandma")).toBe(
      "what does the mill grind?",
    );
  });
});

describe("isSmallTalk", () => {
  it.each([
    "hi",
    "Hello",
    "thanks!",
    "Thank you so much",
    "what can you do?",
    "hello bot, who are you?",
    "hi, thanks!",
    "नमस्ते",
    "धन्यवाद",
  ])("recognises %j as small talk", (message) => {
    expect(isSmallTalk(message)).toBe(true);
  });

  it.each([
    "Hi! does the bakery open on Sunday?",
    "thanks! and who runs the mill?",
    "what can the mill grind?",
    "hello bot, how many loaves are baked a day?",
    "",
  ])("does not take the question %j for small talk", (message) => {
    expect(isSmallTalk(message)).toBe(false);
  });
});
