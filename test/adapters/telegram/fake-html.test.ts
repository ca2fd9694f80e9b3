import { describe, expect, it } from "vitest";
import { checkTelegramHtml } from "../../fakes/telegram-html.ts";

// The end-to-end tests trust this check to catch bad markup, so it must really reject it.
describe("checkTelegramHtml (the fake Bot API's parser)", () => {
  it("accepts Telegram's tags and entities and returns the visible text", () => {
    expect(
      checkTelegramHtml(
        '<b>A &amp; B</b> <blockquote expandable>q <a href="https://x.org/?a=1&amp;b=2">[1]</a></blockquote>',
      ),
    ).toEqual({ ok: true, text: "A & B q [1]" });
  });

  it.each([
    ["<script>alert(1)</script>", /Unsupported start tag "script"/],
    ["<b>unclosed", /Can't find end tag/],
    ["<b><i>crossed</b></i>", /Unmatched end tag/],
    ["fish & chips", /Unsupported HTML entity/],
    ["1 < 2", /Can't find end of the tag/],
    ["<blockquote><blockquote>x</blockquote></blockquote>", /can't be nested/],
    ['<a href="javascript:alert(1)">x</a>', /Wrong HTTP URL/],
  ])("rejects %j like Telegram", (html, error) => {
    const check = checkTelegramHtml(html);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(error);
  });
});
