import { describe, expect, it } from "vitest";
import { addedPage, summarizeRefresh } from "../../../src/adapters/shared/refresh-summary.ts";

describe("summarizeRefresh", () => {
  it("says what changed and which pages failed, keeping their last good copy", () => {
    const { headline, lines } = summarizeRefresh({
      refresh: {
        checked: 3,
        changed: ["web/a.md"],
        unchanged: ["web/b.md"],
        failed: [
          {
            file: "web/c.md",
            url: "https://c.example/",
            reason: "answered 404 (the last good copy stays indexed)",
          },
        ],
      },
    });
    expect(headline).toBe("Refreshed 3 web pages: 1 changed, 1 unchanged, 1 failed.");
    expect(lines).toEqual([
      "Changed: web/a.md",
      "Failed web/c.md: answered 404 (the last good copy stays indexed)",
    ]);
  });

  it("tells how to add a page when there is none", () => {
    expect(
      summarizeRefresh({ refresh: { checked: 0, changed: [], unchanged: [], failed: [] } }).headline,
    ).toMatch(/^No web pages to refresh: add one with \/add https:\/\/… or npm run add -- URL\.$/);
  });

  it("speaks the moderator's language", () => {
    const { headline, lines } = summarizeRefresh(
      {
        refresh: {
          checked: 2,
          changed: ["web/a.md"],
          unchanged: [],
          failed: [{ file: "web/c.md", url: "https://c.example/", reason: "timed out" }],
        },
      },
      "hi",
    );
    expect(headline).toBe("2 वेब पेज ताज़ा किए: 1 बदले, 0 वैसे ही रहे, 1 विफल।");
    expect(lines).toEqual(["बदले: web/a.md", "web/c.md विफल: timed out"]);
  });
});

describe("addedPage", () => {
  it("says which file a page was stored in, and whether it replaced one", () => {
    const page = { file: "web/a.md", url: "https://a.example/" };
    expect(addedPage({ ...page, replaced: false })).toBe("Added web/a.md from https://a.example/.");
    expect(addedPage({ ...page, replaced: true })).toBe("Replaced web/a.md from https://a.example/.");
    expect(addedPage({ ...page, replaced: false }, "hi")).toBe("https://a.example/ से web/a.md जोड़ा गया।");
  });
});
