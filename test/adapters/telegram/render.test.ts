import { describe, expect, it } from "vitest";
import { NOT_COVERED, renderAnswer } from "../../../src/adapters/telegram/render.ts";
import { renderInlineResults } from "../../../src/adapters/telegram/render-inline.ts";
import { renderHelp, renderReindex, renderSources } from "../../../src/adapters/telegram/render-lists.ts";
import type { Answer, DocumentInfo } from "../../../src/core/types.ts";
import { visibleText } from "../../fakes/telegram-bot-api.ts";

const source = (n: number, extra: Partial<Answer["sources"][number]> = {}) => ({
  n,
  title: `Article ${n}`,
  file: `a${n}.md`,
  publisher: "The Paper",
  date: "2024-05-01",
  url: `https://example.org/${n}?a=1&b=2`,
  language: "en",
  ...extra,
});

const answer = (quotes: Answer["quotes"], sources = [source(1)], answered = true): Answer => ({
  question: "does whatsapp read my messages?",
  answered,
  quotes,
  sources,
});

type Entity = { type: string; offset: number; length: number; url?: string };
type Message = { text: string; entities: Entity[] };

/** Checks every message like Telegram and returns the visible texts. */
const visible = (messages: { text: string; entities?: unknown[] }[]) => messages.map(visibleText);

/** The text each entity of `type` covers. */
const covered = (m: Message | undefined, type: string) =>
  (m?.entities ?? []).filter((e) => e.type === type).map((e) => m?.text.slice(e.offset, e.offset + e.length));

describe("renderAnswer", () => {
  it("shows <script>, & and <b> from a document as text, never as markup", () => {
    const text = 'Use <script>alert("x")</script> & <b>bold</b> wisely.';
    const { messages } = renderAnswer(
      answer([{ text, source: 1 }], [source(1, { title: "<b>Tom & Jerry</b>", publisher: "A&B <i>" })]),
    );
    const [shown] = visible(messages);
    expect(shown).toContain(text);
    expect(shown).toContain("<b>Tom & Jerry</b>");
    expect(shown).toContain("A&B <i>");
    // the only formatting is the bot's own: the heading, and the title as a link to the source
    expect(covered(messages[0], "bold")).toEqual(["Sources"]);
    expect(covered(messages[0], "text_link")).toEqual(["[1]", "<b>Tom & Jerry</b>"]);
  });

  it("puts quotes in blockquotes with a citation linking to the quoted words, and lists the source", () => {
    const { messages } = renderAnswer(
      answer([{ text: "The message contents are secure by default.", source: 1 }]),
    );
    expect(covered(messages[0], "blockquote")).toEqual(["The message contents are secure by default. [1]"]);
    // the citation is a text_link entity to the quoted words (a text fragment)
    const links = messages[0]?.entities.filter((e) => e.type === "text_link") ?? [];
    expect(covered(messages[0], "text_link")[0]).toBe("[1]");
    expect(links[0]).toMatchObject({
      url: "https://example.org/1?a=1&b=2#:~:text=The%20message%20contents%20are%20secure%20by%20default.",
    });
    expect(covered(messages[0], "bold")).toContain("Sources");
    expect(visible(messages)[0]).toContain("[1] Article 1 — The Paper, 2024-05-01");
  });

  it("makes long quotes expandable and leaves links off unsafe URLs", () => {
    const long = "A sentence that goes on. ".repeat(30);
    const { messages } = renderAnswer(
      answer([{ text: long, source: 1 }], [source(1, { url: "javascript:alert(1)" })]),
    );
    expect(covered(messages[0], "expandable_blockquote")).toHaveLength(1);
    expect(messages[0]?.entities.some((e) => e.type === "text_link")).toBe(false);
    visible(messages);
  });

  it("says plainly when the documents don't cover the question", () => {
    const { messages } = renderAnswer(answer([], [], false));
    expect(visible(messages)[0]).toBe(NOT_COVERED);
  });

  it("labels the closest passages as not an answer when the core abstains but has some", () => {
    const { messages } = renderAnswer(answer([{ text: "Loosely related.", source: 1 }], [source(1)], false));
    const [text] = visible(messages);
    expect(text?.startsWith(NOT_COVERED)).toBe(true);
    expect(text).toContain("Closest passages (they may not answer it):");
    expect(text).toContain("Loosely related. [1]");
  });

  it("splits many long quotes over messages without cutting a quote, and leaves the rest for later", () => {
    const quotes = Array.from({ length: 10 }, (_, i) => ({
      text: `Quote ${i} & <more>. `.repeat(100),
      source: (i % 3) + 1,
    }));
    const { messages, quotesShown } = renderAnswer(answer(quotes, [source(1), source(2), source(3)]));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(3);
    expect(quotesShown).toBeGreaterThan(0);
    expect(quotesShown).toBeLessThan(10);
    const all = visible(messages).join("\n");
    for (const q of quotes.slice(0, quotesShown)) expect(all).toContain(q.text.trim());
    expect(all).not.toContain("Quote 9 &");
  });

  it("trims a single enormous quote to whole sentences within the limit", () => {
    const text = "Ampersands && angle <brackets> everywhere. ".repeat(400);
    const { messages } = renderAnswer(answer([{ text, source: 1 }]));
    expect(messages).toHaveLength(1);
    const [shown] = visible(messages);
    expect(shown).toMatch(/everywhere\.… \[1\]/);
  });

  it("cites beside a quote the other documents that say the same, and lists them among the sources", () => {
    const { messages } = renderAnswer(
      answer(
        [{ text: "Drains the nodes.", source: 1, also: [{ source: 2, paragraph: 5 }] }],
        [source(1), source(2)],
      ),
    );
    const [shown] = visible(messages);
    expect(shown).toContain("Drains the nodes. [1] (also in [2] ¶5)");
    expect(shown).toContain("[2] Article 2");
  });

  it("keeps a quote in Hindi intact and counts length as Telegram does", () => {
    const text = "व्हाट्सऐप आपके संदेश नहीं पढ़ सकता। ".repeat(200);
    const { messages } = renderAnswer(answer([{ text, source: 1 }]));
    const [shown] = visible(messages);
    expect(shown).toContain("पढ़ सकता।…");
  });
});

describe("renderSources and renderHelp", () => {
  const docs: DocumentInfo[] = Array.from({ length: 400 }, (_, i) => ({
    title: `Document <${i}> & co`,
    file: `d${i}.md`,
    passages: 3,
    language: "en",
    publisher: "Pub",
    date: "2024-01-02",
  }));

  it("lists documents with title, publisher and date, in at most 5 messages, saying how many are left out", () => {
    // without markup to escape, 400 fit; three times as many do not
    const messages = renderSources([...docs, ...docs, ...docs]);
    expect(messages.length).toBeLessThanOrEqual(5);
    const text = visible(messages).join("\n");
    expect(text).toContain("• Document <0> & co — Pub, 2024-01-02");
    expect(text).not.toContain("[1]");
    expect(text).toMatch(/…and \d+ more\./);
  });

  it("explains how to ask, per chat type, and names the documents", () => {
    const [privateHelp] = visible(renderHelp(docs.slice(0, 2), "cite_bot", "private"));
    expect(privateHelp).toContain("Just send me your question");
    expect(privateHelp).toContain("Document <1> & co");
    const [groupHelp] = visible(renderHelp(docs, "cite_bot", "group"));
    expect(groupHelp).toContain("/ask your question");
    expect(groupHelp).toContain("…and 390 more");
  });

  it("renders a reindex report", () => {
    const report = {
      added: ["<new>.md"],
      changed: [],
      removed: [],
      unchanged: 4,
      documents: 5,
      passages: 40,
      errors: [{ file: "bad.md", reason: "not UTF-8" }],
      applied: true,
      dryRun: false,
      durationMs: 1200,
    };
    const [text] = visible(renderReindex(report));
    expect(text).toContain("Reindexed 5 documents, 40 passages");
    expect(text).toContain("Added (1): <new>.md");
    expect(text).toContain("Skipped bad.md: not UTF-8");
  });
});

describe("renderInlineResults", () => {
  it("offers the whole answer then each passage, within Telegram's inline limits", () => {
    const quotes = Array.from({ length: 60 }, (_, i) => ({ text: `Passage ${i} <b>.`, source: 1 }));
    const results = renderInlineResults(answer(quotes));
    expect(results.length).toBe(50);
    expect(new Set(results.map((r) => r.id)).size).toBe(50);
    expect(results[0]?.title).toBe("Answer with 60 quotes");
    for (const r of results) {
      const content = r.input_message_content as { message_text: string; entities?: Entity[] };
      const [text] = visible([{ text: content.message_text, entities: content.entities ?? [] }]);
      expect(text).toContain("does whatsapp read my messages?");
    }
  });

  it("says the documents don't cover it when the core abstains", () => {
    const [only, ...rest] = renderInlineResults(answer([], [], false));
    expect(rest).toHaveLength(0);
    expect(only?.title).toBe(NOT_COVERED);
  });
});
