import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "./fixture-library.ts";

// "Where" is answered by an address here; the other sentence names a town but says where bakers
// were, not where the planner is.
const LEAFLET = `---
title: Loafctl leaflet
---
# Getting it

Download the planner from https://loafctl.example.org/.

# News

Bakers in Brindleford downloaded the planner before the autumn fair.
`;

const library = fixtureLibrary({ "leaflet.md": LEAFLET });

describe("Library.ask: 'where' questions", () => {
  it("quotes the address the planner is downloaded from before a sentence that only names a town", async () => {
    const answer = await library().ask("Where can I download the planner?");
    expect(answer.quotes.map((q) => q.text)).toEqual([
      "Download the planner from https://loafctl.example.org/.",
      "Bakers in Brindleford downloaded the planner before the autumn fair.",
    ]);
  });

  it("still wants a named place when the question asks for a city", async () => {
    const question = "In which city can I download the planner?";
    const answer = await library().ask(question);
    expect(answer.quotes[0]?.text).toBe(
      "Bakers in Brindleford downloaded the planner before the autumn fair.",
    );
    const blind = await library().ask(question, { signals: { intent: false } });
    expect(blind.quotes[0]?.text).toBe("Download the planner from https://loafctl.example.org/.");
  });
});
