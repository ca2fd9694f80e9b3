import { describe, expect, it } from "vitest";
import { questionFrom, threadName } from "../../../src/adapters/discord/mentions.ts";

describe("questionFrom", () => {
  it("removes the bot's user and role mentions wherever they are, and keeps other mentions", () => {
    expect(questionFrom("<@42> does whatsapp read my messages?", ["42"])).toBe(
      "does whatsapp read my messages?",
    );
    expect(questionFrom("hey <@!42>, what about <@7>? <@&99>", ["42", "99"])).toBe("hey , what about <@7>?");
    expect(questionFrom("<@42>", ["42"])).toBe("");
  });
});

describe("threadName", () => {
  it("makes a one-line name of at most 100 characters, never empty", () => {
    expect(threadName("  does\nwhatsapp read\tmy messages? ")).toBe("does whatsapp read my messages?");
    expect(threadName("x".repeat(300))).toHaveLength(100);
    expect(threadName("   ")).toBe("Question");
  });
});
