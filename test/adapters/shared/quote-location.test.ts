import { describe, expect, it } from "vitest";
import { renderAnswer as renderDiscord } from "../../../src/adapters/discord/render.ts";
import { quoteLocation } from "../../../src/adapters/shared/quote-location.ts";
import { renderAnswer as renderTelegram } from "../../../src/adapters/telegram/render.ts";
import { renderAnswer as renderTerminal } from "../../../src/adapters/terminal/render.ts";
import type { Answer } from "../../../src/core/types.ts";

const answer: Answer = {
  question: "q",
  answered: true,
  quotes: [
    { text: "The lamp is polished on Tuesdays.", source: 1, paragraph: 9, section: "Duties <b>& care</b>" },
  ],
  sources: [{ n: 1, title: "Handbook", file: "h.md", language: "en" }],
};

describe("quoteLocation", () => {
  it("gives the paragraph and the section, shortening long headings", () => {
    expect(quoteLocation({ paragraph: 9, section: "Duties" })).toBe("¶9 · Duties");
    expect(quoteLocation({ paragraph: 2 })).toBe("¶2");
    expect(quoteLocation({})).toBe("");
    expect(quoteLocation({ paragraph: 1, section: "x".repeat(200) }).length).toBeLessThanOrEqual(65);
  });
});

describe("every adapter shows where in the document a quote is", () => {
  it("terminal", () => {
    expect(renderTerminal(answer)).toContain(
      "“The lamp is polished on Tuesdays.” [1] (¶9 · Duties <b>& care</b>)",
    );
  });

  it("telegram, escaped", () => {
    const message = renderTelegram(answer).messages[0];
    expect(message?.text).toContain("[1] ¶9 · Duties <b>& care</b>");
    const italic = message?.entities.find((e) => e.type === "italic");
    expect(message?.text.slice(italic?.offset, (italic?.offset ?? 0) + (italic?.length ?? 0))).toBe(
      "¶9 · Duties <b>& care</b>",
    );
  });

  it("discord", () => {
    const json = JSON.stringify(renderDiscord(answer));
    expect(json).toContain("**[1]** _¶9 · Duties");
  });
});

describe("quoteLocation for PDF quotes", () => {
  it("cites the page instead of the paragraph, then the section", () => {
    expect(quoteLocation({ paragraph: 9, page: 12 })).toBe("p. 12");
    expect(quoteLocation({ paragraph: 9, page: 12, section: "Costs" })).toBe("p. 12 · Costs");
  });
});
