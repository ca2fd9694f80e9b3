import { describe, expect, it } from "vitest";
import { summarizeRefresh } from "../../../src/adapters/shared/refresh-summary.ts";

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
});
