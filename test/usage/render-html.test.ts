import { describe, expect, it } from "vitest";
import { fillDays, renderHtmlReport } from "../../src/usage/render-html.ts";
import { emptyStats, type UsageStats } from "../../src/usage/usage-stats.ts";

const evil = `<script>alert("x")</script> & 'quotes'`;
const stats: UsageStats = {
  ...emptyStats({ retentionDays: 30, logQuestions: true }),
  questions: { answered: 2, abstained: 1 },
  gaps: [{ question: evil, count: 1, lastAsked: "2026-11-20T10:00:00.000Z" }],
  disliked: [{ question: evil, sources: [`${evil}.md`], down: 1, up: 0 }],
  topSources: [{ file: `<b>${evil}</b>.md`, count: 2 }],
  daily: [
    { day: "2026-11-18", answered: 2, abstained: 0 },
    { day: "2026-11-20", answered: 0, abstained: 1 },
  ],
};

describe("renderHtmlReport", () => {
  const html = renderHtmlReport(stats, {
    generatedAt: new Date("2026-11-20T12:00:00Z"),
    audit: [
      { at: "2026-11-20T11:00:00.000Z", platform: "telegram", action: "add", file: "a.md", label: evil },
      {
        at: "2026-11-20T11:30:00.000Z",
        platform: "discord",
        action: "refused",
        label: "mallory",
        detail: { command: "/reindex", reason: "lacks the Manage Server permission" },
      },
    ],
  });

  it("escapes every user-controlled value, including inside the SVG", () => {
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;quotes&#39;");
  });

  it("draws inline SVG charts and loads nothing from the network", () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain("2026-11-19: 0 answered, 0 not covered");
    expect(html).not.toMatch(/(src|href)=/);
  });

  it("lists document changes", () => {
    expect(html).toContain("<td>add</td><td>a.md</td>");
  });

  it("says which moderator command was refused, to whom and why", () => {
    expect(html).toContain(
      "<td>refused /reindex (lacks the Manage Server permission)</td><td></td><td>mallory</td><td>discord</td>",
    );
  });
});

describe("fillDays", () => {
  it("fills days without questions so the x axis is real time", () => {
    expect(fillDays(stats.daily).map((d) => d.day)).toEqual(["2026-11-18", "2026-11-19", "2026-11-20"]);
    expect(fillDays([], "2026-11-01", "2026-11-02")).toHaveLength(2);
    expect(fillDays([])).toEqual([]);
  });
});
