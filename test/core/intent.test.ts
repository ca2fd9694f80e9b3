import { describe, expect, it } from "vitest";
import {
  definitionKind,
  holdsAnswerType,
  introducesNext,
  isNonAnswer,
  leansOnPrevious,
  questionIntent,
  voicesDoubt,
  withoutCitedTitle,
} from "../../src/core/intent.ts";

describe("questionIntent", () => {
  it.each([
    ["When does the bakery open?", "time"],
    // A question word typed with two neighbouring letters swapped.
    ["Whta is sourdough?", "definition"],
    // ... or with a letter left out.
    ["Wht is sourdough?", "definition"],
    ["WWhat is sourdough?", "definition"],
    // Opening the question before its verb, one letter short of a question word that a word
    // list knows as a word ("wha", "were"), or of none ("hw").
    ["Wha is sourdough?", "definition"],
    ["Were is the mill?", "place"],
    ["Wen did the mill close?", "time"],
    ["Hw many loaves does the bakery bake?", "quantity"],
    // But "ho" is short of "who" and of "how", and "were" before no verb is the verb.
    ["Ho is the miller?", "other"],
    ["Were you at the mill?", "yesno"],
    ["Whyy did the mill close?", "reason"],
    ["Wehre is the mill?", "place"],
    ["hwy did the mill close?", "reason"],
    ["Hwo many loaves does the bakery bake?", "quantity"],
    ["so when did the mill close?", "time"],
    ["When's the market?", "time"],
    // "When" as a clause, or asking in which case to act, asks for no time.
    ["Why does the mill stop when the river runs low?", "reason"],
    ["When baking rye, the dough sticks. How do I stop it?", "other"],
    ["When should I order a wedding cake?", "other"],
    ["In what year was the mill built?", "time"],
    ["Why did the mill close?", "reason"],
    ["What set off the row over the bridge?", "reason"],
    ["How many loaves does the bakery bake a day?", "quantity"],
    ["How much did the new oven cost?", "money"],
    ["How much did the town pay for the bridge?", "money"],
    ["What price does the bakery charge for rye bread?", "money"],
    ["How much flour does the mill grind?", "quantity"],
    ["What is the name of the bakery's dog?", "name"],
    ["What's the mill's new wheel called?", "name"],
    ["Who founded the bakery?", "person"],
    ["Which company built the bridge?", "person"],
    ["Where is the mill?", "place"],
    ["Does the bakery sell rye bread?", "yesno"],
    ["Is the pond safe for swimming?", "yesno"],
    ["What is sourdough?", "definition"],
    ["What are rye and spelt?", "definition"],
    ["what does DPMI stand for?", "definition"],
    ["Loafctl -- what is it?", "definition"],
    ["sourdough: what is it?", "definition"],
    ["tell me about sourdough", "definition"],
    ["What about sourdough?", "definition"],
    ["explain the sourdough starter", "definition"],
    ["describe loafctl", "definition"],
    ["What is the aim of the Greenbelt project?", "reason"],
    ["What's the point of the footbridge?", "reason"],
    ["बेकरी कब खुलती है?", "time"],
    ["मिल क्यों बंद हुई?", "reason"],
    ["बेकरी में कितने लोग काम करते हैं?", "quantity"],
    ["क्या बेकरी रविवार को खुलती है?", "yesno"],
    // "what" inside a word is no question word, nor is "how" inside "showcase".
    ["Does WhatsApp read my messages?", "yesno"],
    ["WhatsApp showcase somehow", "other"],
    ["WHAT IS SOURDOUGH?", "definition"],
  ])("%j asks for %s", (question, intent) => {
    expect(questionIntent(question)).toBe(intent);
  });
});

describe("holdsAnswerType", () => {
  it("a definition question wants a sentence saying what the term is", () => {
    expect(
      holdsAnswerType("definition", "Sourdough is bread leavened by wild yeast.", "What is sourdough?"),
    ).toBe(true);
    expect(
      holdsAnswerType(
        "definition",
        '"DPMI" stands for DOS Protected Mode Interface.',
        "what does DPMI stand for?",
      ),
    ).toBe(true);
    expect(holdsAnswerType("definition", "Loafctl is a tool for ovens.", "Loafctl -- what is it?")).toBe(
      true,
    );
    expect(holdsAnswerType("definition", "Spelt (an old wheat) is sweet.", "What are rye and spelt?")).toBe(
      true,
    );
    expect(
      holdsAnswerType("definition", "The bakery sells sourdough on Fridays.", "What is sourdough?"),
    ).toBe(false);
    expect(holdsAnswerType("definition", "Sourdoughs are sold out.", "What is sourdough?")).toBe(false);
    // A definition opens with the term; one that only uses it further on says something else.
    expect(holdsAnswerType("definition", "A loafctl is a baking planner.", "What is a loafctl?")).toBe(true);
    expect(holdsAnswerType("definition", "GNU Loafctl is a baking planner.", "What is Loafctl?")).toBe(true);
    expect(holdsAnswerType("definition", "Make sure loafctl is on your path.", "What is loafctl?")).toBe(
      false,
    );
    expect(
      holdsAnswerType("definition", "Since sourdough is a slow bread, order ahead.", "What is sourdough?"),
    ).toBe(false);
  });

  it("tells a sentence classifying the term from one that only says something of it", () => {
    const kind = (sentence: string, question = "What is loafctl?") => definitionKind(sentence, question);
    expect(kind("Loafctl is a tool for ovens.")).toBe("classifying");
    expect(kind("Loafctl is simply the planner bakers use.")).toBe("classifying");
    expect(kind("A loafctl is where the batches are kept.", "What is a loafctl?")).toBe("classifying");
    expect(kind('"Loafctl" stands for loaf control.')).toBe("classifying");
    expect(kind("GNU Loafctl is a baking planner.")).toBe("classifying");
    expect(kind("Loafctl is under the Bakers' Licence.")).toBe("loose");
    expect(kind("Loafctl is bread software.")).toBe("loose");
    expect(kind("Make sure loafctl is on your path.")).toBe("none");
  });

  it("a time question wants a date, a month, a weekday or a year", () => {
    for (const s of [
      "The bakery opened in March.",
      "The mill was built in 1887.",
      "The market is held every Saturday.",
      "The bridge reopened on 2021-05-04.",
      "बेकरी मार्च में खुली।",
    ])
      expect(holdsAnswerType("time", s), s).toBe(true);
    expect(holdsAnswerType("time", "The bakery sells rye bread.")).toBe(false);
  });

  it("a why question wants a reason or a purpose", () => {
    expect(holdsAnswerType("reason", "The mill closed because the river silted up.")).toBe(true);
    expect(holdsAnswerType("reason", "The town raised the dam in order to stop the floods.")).toBe(true);
    expect(holdsAnswerType("reason", "The mill stands on the river.")).toBe(false);
  });

  it("a price question wants a sum of money, not just any number", () => {
    expect(holdsAnswerType("money", "The oven cost $12,000.")).toBe(true);
    expect(holdsAnswerType("money", "A loaf sells for three euros.")).toBe(true);
    expect(holdsAnswerType("money", "मिल 50 लाख रुपये में बिकी।")).toBe(true);
    expect(holdsAnswerType("money", "The oven has run for twelve years.")).toBe(false);
  });

  it("a name question wants a name the question does not already hold", () => {
    const question = "What is the name of the bakery's dog?";
    expect(holdsAnswerType("name", "The bakery's dog is called Biscuit.", question)).toBe(true);
    expect(holdsAnswerType("name", "Its dog is known as “the baker's shadow”.", question)).toBe(true);
    expect(holdsAnswerType("name", "The bakery has a dog.", question)).toBe(false);
    expect(
      holdsAnswerType(
        "name",
        "The Crumbwell bakery has a dog.",
        "What is the name of the Crumbwell bakery's dog?",
      ),
    ).toBe(false);
  });

  it("a how-many question wants digits or number words", () => {
    expect(holdsAnswerType("quantity", "The bakery bakes 300 loaves a day.")).toBe(true);
    expect(holdsAnswerType("quantity", "Seven bakers work there.")).toBe(true);
    expect(holdsAnswerType("quantity", "The bakery bakes rye bread.")).toBe(false);
  });

  it("a who question wants a person or an organisation; a which-city question a named place", () => {
    expect(holdsAnswerType("person", "The bakery was founded by Martha Klee.")).toBe(true);
    expect(holdsAnswerType("person", "the bread is good.")).toBe(false);
    const city = "In which city is the mill?";
    expect(holdsAnswerType("place", "The mill stands in Brindleford.", city)).toBe(true);
    expect(holdsAnswerType("place", "the mill stands by the river.", city)).toBe(false);
    // "Where" is answered by the river, on a web site, under a folder as often as in a town.
    for (const s of [
      "the mill stands by the river.",
      "Download the planner from https://loafctl.example.org/.",
      "The recipes are under /usr/share/doc/loafctl.",
    ])
      expect(holdsAnswerType("place", s, "Where is it?"), s).toBe(true);
  });

  it("a yes/no question wants a sentence that opens with the reply", () => {
    expect(holdsAnswerType("yesno", "No. The stones are set for rye.")).toBe(true);
    expect(holdsAnswerType("yesno", "Yes, the bakery opens on Sunday.")).toBe(true);
    expect(holdsAnswerType("yesno", '"Yes — but only in summer."')).toBe(true);
    expect(holdsAnswerType("yesno", "The bakery sells rye bread.")).toBe(false);
    // "No one", "Nothing", "Yesterday" are no reply.
    expect(holdsAnswerType("yesno", "No one bakes on Sunday.")).toBe(false);
    expect(holdsAnswerType("yesno", "Yesterday the mill was closed.")).toBe(false);
  });

  it("other questions take any sentence", () => {
    expect(holdsAnswerType("other", "The bakery sells rye bread.")).toBe(true);
  });
});

describe("holdsAnswerType over hostile text", () => {
  // A run of white space that normalising leaves (line separators) had made the name test read
  // back over the run from every position in it: 0.8 s at 20k, minutes at 200k. The timeout is a
  // guard with a wide margin, not a speed claim.
  it("tests a sentence with a long run of line separators at once", () => {
    const sentence = `The wheel is called${"\u2028".repeat(200_000)}Brindle.`;
    const question = "What is the wheel called?";
    expect(holdsAnswerType("name", sentence, question)).toBe(false);
    expect(holdsAnswerType("name", "The new wheel is called Brindle.", question)).toBe(true);
  }, 10_000);
});

describe("isNonAnswer", () => {
  it.each([
    "Here's what the mayor said about the new bridge.",
    "See section 4.2 for the opening hours.",
    "More details in the appendix.",
    "Does the bakery open on Sunday?",
    "Opening hours",
    // Words spread over several kinds of white space still count as words.
    "Opening\u00a0hours\tand\u2003prices",
    // "ſ" is an old way to write "s": matched case-insensitively, "ſee" is "see".
    "ſee section 4.2 for the opening hours.",
    // Pointers to another answer, however long the title they quote.
    'See the answer to the "Why does the bakery close early on Saturdays and on the days before the town\'s two yearly fairs?" question.',
    'Also see the answers to the questions "Why is the rye sold out?" and "Who bakes on Sundays?"',
    "Follow the answer to the next question.",
    'Customers should consult "How do I order a cake?" for that.',
    // Pointers by where the entry stands, or to "the answer to" a title without a "see".
    'See the preceding "Who bakes on Sundays?" section for the baker\'s name.',
    'More on the oven may be found in the answer to the "Why is the rye sold out?" question.',
    // A question that ends in a closing quote is still a question.
    'Is this the "rye bread?"',
  ])("%j answers nothing on its own", (sentence) => {
    expect(isNonAnswer(sentence)).toBe(true);
  });

  it.each([
    "The bakery opens at seven every morning.",
    "See the baker early: the rye sells out by nine, and the bakery closes at noon on Saturdays.",
    "It closed.",
    "Follow the river path to reach the mill.",
  ])("%j can answer", (sentence) => {
    expect(isNonAnswer(sentence)).toBe(false);
  });
});

describe("withoutCitedTitle", () => {
  it.each([
    [
      'See the answer to the "Why does the bakery close early on Saturdays?" question.',
      "See the answer to the  question.",
    ],
    // A title that quotes something itself goes whole, up to its last closing quote.
    [
      "See the answer to the question 'What does \"(sold out)\" mean on the bread board?' for more.",
      "See the answer to the question  for more.",
    ],
    ['Customers should consult "How do I order a cake?" for that.', "Customers should consult  for that."],
    // A run of closing marks ends the title after its last mark.
    [`See the "Why is the rye sold out?"'' entry.`, "See the  entry."],
    // An apostrophe is no quote: the title starts at the quote after the pointer.
    [`The baker's note says: see "Who bakes on Sundays?"`, "The baker's note says: see "],
    [
      'More on the oven is in the answer to the "Why is the rye sold out?" question.',
      "More on the oven is in the answer to the  question.",
    ],
    ['See the preceding "Who bakes on Sundays?" section.', "See the preceding  section."],
  ])("%j keeps only the pointer's own words", (sentence, rest) => {
    expect(withoutCitedTitle(sentence)).toBe(rest);
  });

  it.each([
    "The bakery's rye sells out by nine.",
    // Quoted words that are no pointer's title are the sentence's own.
    'The baker calls the walnut loaf "the Sunday bread".',
    "See section 4.2 for the opening hours.",
  ])("%j is left as it is", (sentence) => {
    expect(withoutCitedTitle(sentence)).toBeUndefined();
  });
});

describe("introducesNext", () => {
  it("a sentence ending in ':' or 'as follows' introduces what follows", () => {
    expect(introducesNext("The bakery sells three breads:")).toBe(true);
    expect(introducesNext("The rules are as follows.")).toBe(true);
    expect(introducesNext("The bakery sells rye: it is popular.")).toBe(false);
    expect(introducesNext("The bakery sells rye.")).toBe(false);
  });
});

describe("leansOnPrevious", () => {
  it.each([
    "Its aim is to feed the town.",
    "This made the mill famous.",
    "They bake at night.",
    "However, it closed.",
  ])("%j leans on the sentence before it", (sentence) => {
    expect(leansOnPrevious(sentence)).toBe(true);
  });

  it.each([
    "The baker works at night.",
    "Thistle grows by the mill.",
    "Italy sends the flour.",
    "Theo runs the mill.",
  ])("%j stands alone", (sentence) => {
    expect(leansOnPrevious(sentence)).toBe(false);
  });

  it("knows Hindi pronouns and connectives", () => {
    expect(leansOnPrevious("यह बेकरी पुरानी है।")).toBe(true);
    expect(leansOnPrevious("बेकरी पुरानी है।")).toBe(false);
  });
});

describe("voicesDoubt", () => {
  it.each([
    "The mayor denied that the mill was sold.",
    "There is no evidence that the pond water is unsafe.",
    "Critics questioned the inspection report.",
    "The bakery insists its flour is local.",
    "मेयर ने आरोप से इनकार किया।",
    "The mayor diſmissed the report.",
  ])("%j voices doubt or denial", (sentence) => {
    expect(voicesDoubt(sentence)).toBe(true);
  });

  it.each(["The mill was sold in 1990.", "The pond water was tested and found clean."])(
    "%j is an assertion",
    (sentence) => {
      expect(voicesDoubt(sentence)).toBe(false);
    },
  );
});
