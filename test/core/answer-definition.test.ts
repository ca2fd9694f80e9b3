import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// A tool named in several sentences; only one says what it is, and it is not the first.
const MANUAL = `---
title: Loafctl manual
---
# Scheduling

Run loafctl plan every evening; loafctl prints the batches for the next morning and loafctl
keeps a log of each batch in the loafctl folder.

# About

Loafctl is a small command-line tool that schedules baking for bakeries.
`;

const library = fixtureLibrary({ "loafctl.md": MANUAL });

describe("Library.ask: 'what is X?'", () => {
  it("quotes the sentence that says what X is before those that only use it", async () => {
    const answer = await library().ask("What is loafctl?");
    expect(answer.quotes[0]?.text).toBe(
      "Loafctl is a small command-line tool that schedules baking for bakeries.",
    );
    const blind = await library().ask("What is loafctl?", { signals: { intent: false } });
    expect(blind.quotes[0]?.text).toMatch(/^Run loafctl plan/);
  });

  it("reads a question word typed with two letters swapped as that word", async () => {
    const answer = await library().ask("Whta is loafctl");
    expect(answer.quotes[0]?.text).toBe(
      "Loafctl is a small command-line tool that schedules baking for bakeries.",
    );
  });
});
