import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { message } from "../../src/service/messages.ts";

const require = createRequire(import.meta.url);
const en = require("../../src/service/messages/en.json") as Record<string, string>;
const hi = require("../../src/service/messages/hi.json") as Record<string, string>;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalogue", () => {
  it("has every English message in Hindi too, with the same placeholders", () => {
    for (const [key, text] of Object.entries(en)) {
      expect(hi[key], key).toBeTypeOf("string");
      expect(placeholders(hi[key] as string), key).toEqual(placeholders(text));
    }
    expect(Object.keys(hi).sort()).toEqual(Object.keys(en).sort());
  });

  it("fills placeholders, in either language", () => {
    expect(message("en", "add_url_status", { url: "https://a.example/" })).toBe(
      "Fetching https://a.example/…",
    );
    expect(message("hi", "refresh_changed", { files: "web/a.md" })).toBe("बदले: web/a.md");
  });
});
