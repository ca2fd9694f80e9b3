import { describe, expect, it } from "vitest";
import { NOT_COVERED, renderAnswer, renderNotice } from "../../../src/adapters/discord/render.ts";
import { renderReindex, renderSources } from "../../../src/adapters/discord/render-lists.ts";
import type { Answer, DocumentInfo, Source } from "../../../src/core/types.ts";
import { messageProblems } from "../../fakes/discord-limits.ts";

const source = (n: number, extra: Partial<Source> = {}): Source => ({
  n,
  file: `doc-${n}.md`,
  title: `Document ${n}`,
  publisher: "Example News",
  date: "2024-01-02",
  url: `https://example.org/${n}`,
  language: "en",
  ...extra,
});

const answer = (quotes: string[], sources: Source[] = [source(1)], answered = true): Answer => ({
  question: "does whatsapp read my messages?",
  answered,
  quotes: quotes.map((text, i) => ({ text, source: sources[i % sources.length]?.n ?? 1 })),
  sources,
});

/** The payload as discord.js would send it (allowedMentions → allowed_mentions). */
const wire = (m: ReturnType<typeof renderAnswer>) => ({
  ...m,
  allowed_mentions: { parse: m.allowedMentions.parse },
});
const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(" ");

describe("renderAnswer", () => {
  it("shows the quote verbatim with its citation number and the numbered source", () => {
    const m = renderAnswer(answer(["the message contents are secure by default"]), { answerId: "a1" });
    const embed = m.embeds[0];
    // The citation opens the source at the quoted words (a text fragment).
    expect(embed?.description).toContain(
      "the message contents are secure by default [**[1]**](https://example.org/1#:~:text=the%20message%20contents%20are%20secure%20by%20default)",
    );
    expect(embed?.fields?.[0]?.name).toBe("[1] Document 1");
    expect(embed?.fields?.[0]?.value).toContain("Example News · 2024-01-02");
    expect(embed?.fields?.[0]?.value).toContain("https://example.org/1");
    expect(messageProblems(wire(m), { create: true })).toEqual([]);
  });

  it("cites beside a quote the other documents that say the same, each a source field", () => {
    const m = renderAnswer({
      question: "q",
      answered: true,
      quotes: [{ text: "Drains the nodes.", source: 1, also: [{ source: 2, paragraph: 5 }] }],
      sources: [source(1), source(2)],
    });
    expect(m.embeds[0]?.description).toContain("(also in [2] ¶5)");
    expect(m.embeds[0]?.fields?.map((f) => f.name)).toEqual(["[1] Document 1", "[2] Document 2"]);
    expect(messageProblems(wire(m), { create: true })).toEqual([]);
  });

  it("says plainly that the documents don't cover an abstained question, without buttons", () => {
    const m = renderAnswer(answer([], [], false), { answerId: "a1", nextOffset: 4 });
    expect(m.embeds[0]?.description).toContain(NOT_COVERED);
    expect(m.components).toEqual([]);
    expect(messageProblems(wire(m), { create: true })).toEqual([]);
  });

  it("drops whole quotes from the end when they would exceed the embed limits", () => {
    const quotes = Array.from({ length: 8 }, (_, i) => words(250, `q${i}w`)); // ~1500 chars each
    const m = renderAnswer(answer(quotes));
    const description = m.embeds[0]?.description ?? "";
    expect(messageProblems(wire(m), { create: true })).toEqual([]);
    const shown = quotes.filter((q) => description.includes(q));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(quotes.slice(0, shown.length)); // best first, each one complete
    expect(description).not.toContain(`q${shown.length}w0`); // no fragment of a dropped quote
  });

  it("cuts a lone oversized quote at a word boundary, never inside a word", () => {
    const quote = words(3000, "word"); // ~23,000 chars
    const m = renderAnswer(answer([quote]));
    const description = m.embeds[0]?.description ?? "";
    expect(messageProblems(wire(m), { create: true })).toEqual([]);
    const kept = /^> (.*)… \[?\*\*\[1\]\*\*(?:\]\(\S+\))?$/s.exec(description)?.[1] ?? "";
    expect(kept.length).toBeGreaterThan(1000);
    expect(quote.startsWith(kept)).toBe(true);
    expect(quote[kept.length]).toBe(" ");
  });

  it("stays valid with many sources, huge titles and publishers", () => {
    const sources = Array.from({ length: 40 }, (_, i) =>
      source(i + 1, {
        title: `T${"x".repeat(400)}`,
        publisher: words(300, "p"),
        url: `https://e.org/${"y".repeat(900)}`,
      }),
    );
    const m = renderAnswer(
      answer(
        sources.map((_, i) => words(50, `s${i}`)),
        sources,
      ),
      { answerId: "a1", nextOffset: 4 },
    );
    expect(messageProblems(wire(m), { create: true })).toEqual([]);
    expect(m.embeds[0]?.description).toContain("s00 s01");
  });

  it("neutralises @everyone, @here, role and user mentions and sends no allowed mentions", () => {
    const hostile =
      "Hey @everyone and @here, ping <@123456789012345678> and <@&987654321098765432> and <@!42>";
    const m = renderAnswer({ ...answer([hostile]), question: "@everyone <@&1> what?" });
    const text = JSON.stringify(m.embeds);
    expect(text).not.toMatch(/@everyone|@here|<@[!&]?\d+>/);
    expect(m.allowedMentions.parse).toEqual([]);
    expect(renderNotice("@everyone hi").content).not.toMatch(/@everyone/);
    expect(renderNotice("x").allowedMentions.parse).toEqual([]);
  });

  it("escapes markdown so a quote displays as written", () => {
    const m = renderAnswer(
      answer(["*not bold* _not italic_ `no code` ||no spoiler|| ~~no strike~~ [no](https://x.y)"]),
    );
    const d = m.embeds[0]?.description ?? "";
    expect(d).toContain("\\*not bold\\*");
    expect(d).toContain("\\_not italic\\_");
    expect(d).toContain("\\`no code\\`");
    expect(d).toContain("\\|\\|no spoiler\\|\\|");
    expect(d).toContain("\\~\\~no strike\\~\\~");
    expect(d).toContain("\\[no](");
  });

  it("keeps button ids within 100 characters and offers More sources only when there are more", () => {
    const withMore = renderAnswer(answer(["q"]), { answerId: "abcdefghij", nextOffset: 4 });
    const ids = withMore.components.flatMap((r) =>
      r.components.map((b) => ("custom_id" in b ? b.custom_id : "")),
    );
    expect(ids).toEqual(["more:abcdefghij:4", "vote:up:abcdefghij", "vote:down:abcdefghij"]);
    expect(ids.every((id) => id.length <= 100)).toBe(true);
    const last = renderAnswer(answer(["q"]), { answerId: "abcdefghij" });
    expect(last.components[0]?.components).toHaveLength(2);
  });
});

describe("renderSources", () => {
  it("lists every document when they fit, and says how many more when they don't", () => {
    const doc = (i: number): DocumentInfo => ({
      file: `d${i}.md`,
      title: `Doc ${i}`,
      language: "en",
      passages: 3,
    });
    const few = renderSources([doc(1), doc(2)]);
    expect(few.embeds[0]?.description).toContain("Doc 1");
    expect(few.embeds[0]?.description).toContain("Doc 2");
    const many = renderSources(Array.from({ length: 2000 }, (_, i) => doc(i)));
    expect(many.embeds[0]?.description).toMatch(/…and \d+ more$/);
    expect(messageProblems({ ...many, allowed_mentions: { parse: [] } }, { create: true })).toEqual([]);
  });
});

describe("renderReindex", () => {
  it("fits a report with hundreds of skipped files into one message", () => {
    const errors = Array.from({ length: 300 }, (_, i) => ({ file: `bad-${i}.md`, reason: words(30, "r") }));
    const m = renderReindex({
      added: [],
      changed: [],
      removed: [],
      unchanged: 0,
      documents: 5,
      passages: 40,
      errors,
      applied: true,
      dryRun: false,
      durationMs: 1200,
    });
    expect(m.content).toMatch(/^\*\*Reindexed 5 documents, 40 passages/);
    expect(m.content?.length).toBeLessThanOrEqual(2000);
  });
});
