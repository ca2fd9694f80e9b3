import type { UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { captionCommand } from "../../../src/adapters/telegram/caption-command.ts";
import { renderHelp, renderSources } from "../../../src/adapters/telegram/render-lists.ts";
import {
  renderChange,
  renderRollback,
  renderStatsMessage,
} from "../../../src/adapters/telegram/render-moderation.ts";
import type { DocumentInfo, ReindexReport } from "../../../src/core/types.ts";
import { visibleText } from "../../fakes/telegram-bot-api.ts";

/** Checks every message like Telegram and returns the visible texts. */
const visible = (messages: { text: string; entities?: unknown[] }[]) => messages.map(visibleText);

const report = (over: Partial<ReindexReport> = {}): ReindexReport => ({
  added: [],
  changed: [],
  removed: [],
  unchanged: 5,
  documents: 6,
  passages: 61,
  errors: [],
  applied: true,
  dryRun: false,
  durationMs: 300,
  ...over,
});

describe("renderChange", () => {
  it("says what changed, then the reindex, with file names as typed", () => {
    const [text] = visible(renderChange("Added <b>&.md.", report({ added: ["<b>&.md"] })));
    expect(text).toMatch(/^Added <b>&\.md\.\n\nReindexed 6 documents, 61 passages/);
    expect(text).toContain("Added (1): <b>&.md");
  });

  it("stays within three messages however many files were skipped", () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({
      file: `${"x".repeat(200)}${i}.md`,
      reason: "bad",
    }));
    expect(visible(renderChange("Added a.md.", report({ errors }))).length).toBeLessThanOrEqual(3);
  });
});

describe("renderRollback", () => {
  it("says what the restored index holds and that the files were not touched", () => {
    const [text] = visible(renderRollback(report({ changed: ["faq.md"] })));
    expect(text).toMatch(/^Rolled back to the previous index: 6 documents, 61 passages\./);
    expect(text).toContain("Changed (1): faq.md");
    expect(text).toContain("files in the documents folder were not changed");
  });
});

describe("renderStatsMessage", () => {
  it("shows questions people typed as text, in one message", () => {
    const stats = `Usage over the last 30 days\n"<script>" ×2\n${'"&&&&&&&&'.repeat(200)}`;
    const [text] = visible([renderStatsMessage(stats)]);
    expect(text).toMatch(/^Usage over the last 30 days\n"<script>" ×2\n"&/);
  });
});

describe("moderators in /help and /sources", () => {
  const docs: DocumentInfo[] = [{ title: "FAQ", file: "news/<faq>.md", passages: 3, language: "en" }];
  it("lists the moderator commands only for moderators", () => {
    expect(visible(renderHelp(docs, "cite_bot", "private", { moderator: true })).join()).toMatch(
      /For moderators[\s\S]*\/add overwrite[\s\S]*\/remove file-name\.md[\s\S]*\/reindex dry[\s\S]*\/rollback[\s\S]*\/stats/,
    );
    expect(visible(renderHelp(docs, "cite_bot", "private")).join()).not.toContain("moderators");
  });

  it("shows file names, as typed, only when asked", () => {
    expect(visible(renderSources(docs, { files: true }))[0]).toContain("• FAQ · news/<faq>.md");
    expect(visible(renderSources(docs))[0]).not.toContain("faq>.md");
  });
});

describe("captionCommand", () => {
  const me = { username: "cite_bot" } as UserFromGetMe;
  const caption = (c: string) =>
    captionCommand({ caption: c } as Parameters<typeof captionCommand>[0], me, "add");
  it.each([
    ["/add", ""],
    ["/add@cite_bot", ""],
    ["/add@Cite_Bot  overwrite ", "overwrite"],
    ["/add overwrite\nplease", "overwrite\nplease"],
  ])("reads %j", (text, rest) => expect(caption(text)).toBe(rest));
  it.each(["/add@other_bot", "/addition", "please /add", "/remove a.md", ""])("ignores %j", (text) =>
    expect(caption(text)).toBeUndefined(),
  );
});
