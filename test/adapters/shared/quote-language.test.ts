import { describe, expect, it } from "vitest";
import { renderAnswer as renderDiscord } from "../../../src/adapters/discord/render.ts";
import { quoteLanguage } from "../../../src/adapters/shared/quote-language.ts";
import { renderAnswer as renderTelegram } from "../../../src/adapters/telegram/render.ts";
import { renderAnswer as renderTerminal } from "../../../src/adapters/terminal/render.ts";
import type { Answer } from "../../../src/core/types.ts";

/** An English question answered from an English article and a Hindi one (a PDF, cited by page). */
const answer: Answer = {
  question: "does whatsapp export data?",
  answered: true,
  kind: "answer",
  quotes: [
    { text: "WhatsApp exports your user data every night.", source: 1, paragraph: 4 },
    { text: "व्हाट्सएप हर रात डेटा निर्यात करता है।", source: 2, paragraph: 3, page: 12, language: "hi" },
  ],
  sources: [
    { n: 1, title: "Musk on WhatsApp", file: "a.md", language: "en", url: "https://example.org/a" },
    { n: 2, title: "मस्क के आरोप", file: "b.pdf", language: "hi", url: "https://example.org/b.pdf" },
  ],
};

describe("quoteLanguage", () => {
  it("names a quote's language in the bot's locale, and nothing for the question's own", () => {
    expect(quoteLanguage({ language: "hi" }, "en")).toBe("Hindi");
    expect(quoteLanguage({ language: "en" }, "hi")).toBe("अंग्रेज़ी");
    expect(quoteLanguage({}, "en")).toBeUndefined();
    expect(quoteLanguage({ language: "und" }, "en")).toBeUndefined();
  });
});

describe("every adapter labels a quote in another language, and only that one", () => {
  it("terminal, with the page and the link on its own line", () => {
    const text = renderTerminal(answer, { width: 200 });
    expect(text).toContain(
      "“व्हाट्सएप हर रात डेटा निर्यात करता है।” [2] (p. 12) (Hindi)\n    https://example.org/b.pdf#page=12",
    );
    expect(text).toContain(
      "“WhatsApp exports your user data every night.” [1] (¶4)\n    https://example.org/a#:~:text=",
    );
    expect(text.match(/\(Hindi\)/g)).toHaveLength(1);
  });

  it("telegram, beside the citation and its location", () => {
    const message = renderTelegram(answer).messages[0];
    expect(message?.text).toContain("व्हाट्सएप हर रात डेटा निर्यात करता है। [2] p. 12 (Hindi)");
    expect(message?.text.match(/\(Hindi\)/g)).toHaveLength(1);
    const links = (message?.entities ?? []).filter((e) => e.type === "text_link");
    expect(links.map((l) => l.url)).toContain("https://example.org/b.pdf#page=12");
  });

  it("telegram and terminal in Hindi name the language in Hindi", () => {
    const english = { ...answer, quotes: [{ text: "Exports every night.", source: 1, language: "en" }] };
    expect(renderTelegram(english, { locale: "hi" }).messages[0]?.text).toContain("(अंग्रेज़ी)");
    expect(renderTerminal(english, { locale: "hi" })).toContain("(अंग्रेज़ी)");
  });

  it("discord", () => {
    const description = renderDiscord(answer).embeds[0]?.description ?? "";
    expect(description).toContain("[**[2]**](https://example.org/b.pdf#page=12) _p. 12_ (Hindi)");
    expect(description.match(/\(Hindi\)/g)).toHaveLength(1);
  });
});
