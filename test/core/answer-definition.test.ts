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

  it.each([
    "What is loafctl???",
    "what is loafctl :)",
    "What is loafctl?! 🙏",
    "What is loafctl!!",
    "tell me about loafctl",
    "explain loafctl",
    "define loafctl",
    "What about loafctl?",
  ])("reads %j as the same question", async (question) => {
    expect((await library().ask(question)).quotes[0]?.text).toBe(
      "Loafctl is a small command-line tool that schedules baking for bakeries.",
    );
  });
});

// The definition in a long paragraph of a section that names the tool once, while short ones
// name it in every clause: the search ranks passages by how often they name it, and a sentence
// that only uses the name ("Make sure loafctl is on your path") is no definition.
const HANDBOOK = `---
title: Bakery handbook
---
# Setup

Make sure loafctl is on your path. Loafctl reads loafctl.conf, and loafctl writes loafctl.log.

# Scheduling

Run loafctl plan every evening; loafctl prints the batches and loafctl keeps a loafctl log.

# History

The bakery opened in 1962 with one wood-fired oven and a ledger for every batch of rye, spelt
and wheat. For forty years the head baker planned each morning by hand, counting flour sacks
and proving times on the back of the ledger. Loafctl is a small command-line tool that
schedules baking for bakeries. It replaced the ledger in 2004, when the second oven was built
and the night shift began.
`;

const handbook = fixtureLibrary({ "handbook.md": HANDBOOK });

describe("Library.ask: 'what is X?' where every passage names X", () => {
  it("finds the sentence saying what X is, however seldom its passage names X", async () => {
    const answer = await handbook().ask("What is loafctl?");
    expect(answer.quotes[0]?.text).toMatch(/^Loafctl is a small command-line tool/);
  });
});

// Two sentences open with the term and a copula; only one says what kind of thing it is. The
// licence sentence names the tool twice and comes first, so keywords alone prefer it.
const LEAFLET = `---
title: Loafctl leaflet
---
# Licence

Loafctl is under the Bakers' Licence, so loafctl may be copied freely.

# About

Loafctl is a tool that plans bakes.
`;

const leaflet = fixtureLibrary({ "leaflet.md": LEAFLET });

describe("Library.ask: 'what is X?' where two sentences open with 'X is'", () => {
  it("quotes the one that says what kind of thing X is first", async () => {
    const answer = await leaflet().ask("What is loafctl?");
    expect(answer.quotes.map((q) => q.text)).toEqual([
      "Loafctl is a tool that plans bakes.",
      "Loafctl is under the Bakers' Licence, so loafctl may be copied freely.",
    ]);
  });
});
