import { describe, expect, it } from "vitest";
import { renderActionReport, renderStatsReport } from "../../../src/adapters/discord/render-moderation.ts";
import type { ReindexReport } from "../../../src/core/types.ts";
import { messageProblems } from "../../fakes/discord-limits.ts";

const report = (over: Partial<ReindexReport> = {}): ReindexReport => ({
  added: [],
  changed: [],
  removed: [],
  unchanged: 0,
  documents: 1,
  passages: 3,
  errors: [],
  applied: true,
  dryRun: false,
  durationMs: 10,
  ...over,
});
const toWire = (m: ReturnType<typeof renderStatsReport>) => ({ ...m, allowed_mentions: m.allowedMentions });

describe("renderActionReport", () => {
  it("escapes file names and defuses mentions, within 2000 characters however many files changed", () => {
    const hostile = Array.from(
      { length: 400 },
      (_, i) => `@everyone_*bold*_<@12345678901234567${i % 10}>.md`,
    );
    const errors = hostile.map((file) => ({ file, reason: "no text **left** @here" }));
    const message = renderActionReport("Added @everyone *x*.md.", report({ added: hostile, errors }));
    expect(message.content?.length).toBeLessThanOrEqual(2000);
    expect(message.content).not.toMatch(/@everyone|@here|<@\d+>/);
    expect(message.content).toContain("\\*x\\*");
    expect(messageProblems(toWire(message), { create: true })).toEqual([]);
  });

  it("leaves the reindex headline out when asked (a rollback says what it did itself)", () => {
    const message = renderActionReport("Restored.", report({ changed: ["a.md"] }), { headline: false });
    expect(message.content).toBe("**Restored.**\nChanged (1): a.md");
  });
});

describe("renderStatsReport", () => {
  it("fits a long report in one embed by whole lines, escaped and mention-free", () => {
    const text = Array.from({ length: 300 }, (_, i) => `${i + 1}. "how do I *reset* @everyone" ×${i}`).join(
      "\n",
    );
    const message = renderStatsReport(text);
    const description = message.embeds[0]?.description ?? "";
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/…and \d+ more lines$/);
    expect(description).not.toContain("@everyone");
    expect(description).toContain("\\*reset\\*");
    expect(messageProblems(toWire(message), { create: true })).toEqual([]);
  });

  it("never sends an empty embed", () => {
    expect(renderStatsReport("").embeds[0]?.description).toBe("No usage yet.");
  });
});
