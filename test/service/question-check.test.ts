import { describe, expect, it } from "vitest";
import { message } from "../../src/service/messages.ts";
import { checkQuestion } from "../../src/service/question-check.ts";

describe("checkQuestion", () => {
  it("accepts a question, trimmed", () => {
    expect(checkQuestion("  does WhatsApp read my messages?\n")).toEqual({
      ok: true,
      question: "does WhatsApp read my messages?",
    });
  });

  it("accepts <script> and & as ordinary text (they are escaped when shown)", () => {
    expect(checkQuestion("<script>alert(1)</script> & co?").ok).toBe(true);
  });

  it.each([
    ["", /type a question/],
    ["   ", /type a question/],
    ["a".repeat(4000), /4000 characters long.*under 500/],
    ["what\u0000is\u0007this", /control characters/],
    ["\u0001\u0002binary\uFFFD", /control characters/],
    ["%$#@!^&*()_+=-0987654321{}[]", /binary data or symbols/],
    ["???", /binary data or symbols/],
  ])("gives a clear reply for %j", (input, reply) => {
    const check = checkQuestion(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(message("en", check.reason, check.vars)).toMatch(reply);
  });
});
