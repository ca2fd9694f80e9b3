import { describe, expect, it } from "vitest";
import { renderStats, STATS_MAX_CHARS } from "../../src/usage/render-stats.ts";
import { emptyStats, type UsageStats } from "../../src/usage/usage-stats.ts";

const base = emptyStats({ retentionDays: 30, logQuestions: true });

const busy: UsageStats = {
  ...base,
  since: "2026-11-15T00:00:00.000Z",
  questions: { answered: 30, abstained: 10 },
  feedback: { up: 7, down: 3 },
  users: 12,
  gaps: [{ question: "how do I delete my account", count: 4, lastAsked: "2026-11-20T10:00:00.000Z" }],
  disliked: [{ question: "does whatsapp read my messages", sources: ["whatsapp.md"], down: 3, up: 1 }],
  topSources: [{ file: "news/whatsapp.md", count: 12 }],
};

describe("renderStats", () => {
  it("says the totals, the gaps, the disliked answers and the sources", () => {
    const text = renderStats(busy);
    expect(text).toContain("Usage since 2026-11-15");
    expect(text).toContain("Questions: 40 (30 answered, 10 not covered by the documents, 25%)");
    expect(text).toContain('1. "how do I delete my account" ×4');
    expect(text).toContain('1. "does whatsapp read my messages": 3 👎, 1 👍');
    expect(text).toContain("1. news/whatsapp.md (12)");
  });

  it("explains empty sections, and gaps when question text is not logged", () => {
    const text = renderStats({ ...base, logQuestions: false });
    expect(text).toContain("Questions: 0 (0 answered, 0 not covered by the documents, 0%)");
    expect(text).toContain("LOG_QUESTIONS=false");
    expect(text).toContain("not available without question text");
  });

  it("names the cited sources of a disliked answer whose question was not logged", () => {
    const text = renderStats({ ...base, disliked: [{ sources: ["a.md", "b.md"], down: 2, up: 0 }] });
    expect(text).toContain("an answer citing a.md, b.md: 2 👎, 0 👍");
  });

  it("fits one chat message however long the lists and questions are", () => {
    const long = "why ".repeat(400);
    const many = Array.from({ length: 50 }, (_, i) => i);
    const text = renderStats({
      ...busy,
      gaps: many.map((i) => ({ question: `${i} ${long}`, count: 50 - i, lastAsked: busy.since as string })),
      disliked: many.map((i) => ({ question: `${i} ${long}`, sources: ["x.md"], down: 9, up: 0 })),
      topSources: many.map((i) => ({ file: `folder/${"deep/".repeat(30)}${i}.md`, count: 50 - i })),
    });
    expect(text.length).toBeLessThanOrEqual(STATS_MAX_CHARS);
    // The top of each list survives the trimming.
    expect(text).toContain('1. "0 why why');
    expect(text).toContain("Most cited sources:\n1. folder/");
  });

  it("shows the error instead of zeros when the statistics could not be read", () => {
    expect(renderStats({ ...base, error: "Usage statistics could not be read" })).toBe(
      "Usage statistics could not be read",
    );
  });
});
