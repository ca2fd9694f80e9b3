import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// Two sections say the mill grinds rye; only one of them goes on about the bakery, in another paragraph.
const library = fixtureLibrary({
  "mill.md": [
    "---\ntitle: The Old Mill\n---",
    "## Deliveries to town",
    "The mill grinds rye at dawn on every weekday of the year, before the carts arrive.",
    "By noon the flour is at the Crumbwell bakery, which bakes it into bread for the town.",
    "## The mill's history",
    "The mill still grinds rye with stones.",
    "Its wheel was rebuilt in 1850 after a flood took the old one.",
    "",
  ].join("\n\n"),
});

describe("a passage counts with its section", () => {
  const question = "Does the mill grind rye for the bakery?";

  it("quotes first the section whose paragraphs hold the rest of the question", async () => {
    const answer = await library().ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.section).toBe("Deliveries to town");
  });

  it("without the sections signal the shorter sentence of the other section comes first (the test can fail)", async () => {
    const answer = await library().ask(question, { signals: { sections: false } });
    expect(answer.quotes[0]?.section).toBe("The mill's history");
  });
});

// A long section is a chapter, not a topic: its passages count by themselves.
const notes = fixtureLibrary({
  "log.md": [
    "---\ntitle: The Mill Log\n---",
    "## Notes of the miller",
    "The mill grinds rye.",
    ...Array.from(
      { length: 24 },
      (_, i) => `On day ${i + 1} the mill pond was calm and the miller fed the ducks.`,
    ),
    "## Deliveries to town",
    "The mill still grinds rye with its old stones every single day.",
    "By noon the flour is at the Crumbwell bakery, which bakes it into bread for the town.",
    "",
  ].join("\n\n"),
});

describe("a section longer than MAX_SECTION_PASSAGES", () => {
  it("does not hold its passages back: the sentence that says it best comes first", async () => {
    const answer = await notes().ask("Does the mill grind rye for the bakery?");
    expect(answer.quotes[0]?.text).toBe("The mill grinds rye.");
  });
});

// A plain-text manual: its headings are bare lines, and so are its commands and error messages.
const manual = fixtureLibrary({
  "loafctl.txt": [
    "Loafctl troubleshooting",
    "If the build stops with a message like the one below, the library is too old.",
    "oven.o(.text+0x2a): undefined reference to `proof_timer'",
    "remove the old libloaf files from /usr/local/lib and run the installer again.",
    "To print tomorrow's plan, type this command.",
    "loafctl plan --day=tomorrow | lpr",
    "The schedule then goes to the bakery printer.",
    "",
  ].join("\n\n"),
});

describe("a line of code between paragraphs", () => {
  it("is text the question can match, not a heading of what follows", async () => {
    const answer = await manual().ask('Why do I get "undefined reference to proof_timer"?');
    expect(answer.answered).toBe(true);
    expect(answer.quotes.map((q) => q.text)).toContain(
      "oven.o(.text+0x2a): undefined reference to `proof_timer'",
    );
    expect(
      answer.quotes.every((q) => q.section !== "oven.o(.text+0x2a): undefined reference to `proof_timer'"),
    ).toBe(true);
  });

  it("a command line stays a passage of its own", async () => {
    const answer = await manual().ask("how do I send the loafctl plan to lpr?");
    expect(answer.quotes[0]?.text).toContain("loafctl plan --day=tomorrow | lpr");
    // The paragraph after it is still in the document's own section.
    const after = await manual().ask("where does the schedule go, which printer?");
    expect(after.quotes[0]?.text).toBe("The schedule then goes to the bakery printer.");
    expect(after.quotes[0]?.section).toBe("Loafctl troubleshooting");
  });
});
