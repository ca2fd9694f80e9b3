import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { runTerminalChat } from "../../../src/adapters/terminal/chat.ts";
import { renderAnswer } from "../../../src/adapters/terminal/render.ts";
import { Library } from "../../../src/core/library.ts";
import type { QuestionEvent, UsageRecorder } from "../../../src/core/types.ts";
import { ChatService } from "../../../src/service/chat-service.ts";

let library: Library;
beforeAll(async () => {
  // Two small documents beside the test: editing the bundled data/ must not break it.
  library = await Library.open({ dataDir: path.join(import.meta.dirname, "fixtures") });
});

async function chat(lines: string[], usage?: UsageRecorder): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (c) => {
    text += String(c);
  });
  const done = runTerminalChat({ library, service: new ChatService({ library, usage }) }, { input, output });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return text;
}

describe("runTerminalChat", () => {
  it("answers questions with quotes and sources, and says when documents don't cover one", async () => {
    const out = await chat(["Will X suggest jobs to me?", "How do I reset my iPhone?"]);
    expect(out).toMatch(/2 documents, \d+ passages/);
    expect(out).toContain("“X will use this data to suggest job opportunities to users.” [1]");
    expect(out).toContain("[1] X Gathers More User Data — Weam, 2023-09-02");
    expect(out).toContain("The documents don't cover this question");
  });

  it("records each question for the moderators' report, commands excluded", async () => {
    const events: QuestionEvent[] = [];
    await chat(["Who owns WhatsApp?", "/sources", "How do I reset my iPhone?"], {
      recordQuestion: (e) => events.push(e),
      recordFeedback: () => {},
    });
    expect(events.map((e) => [e.platform, e.question, e.answered])).toEqual([
      ["terminal", "Who owns WhatsApp?", true],
      ["terminal", "How do I reset my iPhone?", false],
    ]);
  });

  it("reads follow-ups against the last question", async () => {
    const out = await chat(["Who owns WhatsApp?", "who said that?", "and Meta?"]);
    const answers = out.split("Sources").length - 1;
    expect(answers).toBe(3);
  });

  it("lists sources, pages with /more, explains unknown commands and stops at /quit", async () => {
    const out = await chat([
      "/sources",
      "/more",
      "What data does WhatsApp share with Facebook?",
      "/more",
      "/nope",
      "/quit",
      "ignored?",
    ]);
    expect(out).toContain("• Facebook Takes User Data from WhatsApp — WccfTech");
    expect(out).toContain("Ask a question first.");
    expect(out).toContain("Unknown command /nope");
    expect(out).not.toContain("ignored?");
  });
});

describe("renderAnswer", () => {
  it("strips terminal escape sequences and bidi overrides from document text", () => {
    const text = renderAnswer({
      question: "q",
      answered: true,
      quotes: [{ text: "evil \u001b[2J\u202Equote", source: 1 }],
      sources: [{ n: 1, title: "T\u001b]0;x\u0007", file: "t.md", language: "en" }],
    });
    for (const c of ["\u001b", "\u0007", "\u202E"]) expect(text).not.toContain(c);
    expect(text).toContain("“evil [2Jquote” [1]");
  });
});

describe("renderAnswer reads well", () => {
  const answer = {
    question: "q",
    answered: true,
    quotes: [
      { text: "“Already quoted,” she said, “and that is that.”", source: 1 },
      { text: "word ".repeat(40).trim(), source: 1, paragraph: 3, section: `${"Heading ".repeat(12)}end` },
    ],
    sources: [{ n: 1, title: "T", file: "t.md", language: "en" }],
  };

  it("puts a blank line between quotes and wraps each to the width", () => {
    const text = renderAnswer(answer, { width: 40 });
    expect(text.split("\n\n").length).toBeGreaterThanOrEqual(3);
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
  });

  it("cites beside a quote the other documents that say the same, and lists them among the sources", () => {
    const text = renderAnswer({
      question: "q",
      answered: true,
      quotes: [{ text: "Drains the nodes.", source: 1, paragraph: 2, also: [{ source: 2, paragraph: 5 }] }],
      sources: [
        { n: 1, title: "Alpha", file: "a.md", language: "en" },
        { n: 2, title: "Beta", file: "b.md", language: "en" },
      ],
    });
    expect(text).toContain("“Drains the nodes.” [1] (¶2) (also in [2] ¶5)");
    expect(text).toContain("[2] Beta — b.md");
  });

  it("adds no quotation marks to a quote that brings its own", () => {
    expect(renderAnswer(answer)).toContain("  “Already quoted,” she said, “and that is that.” [1]");
  });

  it("shortens a long heading at a word boundary", () => {
    expect(renderAnswer(answer, { width: 200 })).toMatch(/\(¶3 · (Heading )+Heading…\)/);
  });

  it("styles only when told the output is a colour terminal", () => {
    expect(renderAnswer(answer)).not.toContain("\u001b[");
    expect(renderAnswer(answer, { color: true })).toContain("\u001b[1m[1]");
  });
});
