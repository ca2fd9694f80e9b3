import { describe, expect, it } from "vitest";
import { quoteLink } from "../../../src/adapters/shared/quote-link.ts";

describe("quoteLink", () => {
  it("links a short quote to its whole text as a text fragment", () => {
    expect(quoteLink({ text: "The levee held." }, { url: "https://example.org/floods#top" })).toBe(
      "https://example.org/floods#:~:text=The%20levee%20held.",
    );
  });

  it("links a long quote by its first and last words, escaping the fragment's own syntax", () => {
    const text =
      "The council, after a long debate, said the well-built levee would hold until spring (at least).";
    expect(quoteLink({ text }, { url: "https://example.org/a" })).toBe(
      "https://example.org/a#:~:text=The%20council%2C%20after%20a,until%20spring%20%28at%20least%29.",
    );
  });

  it("opens a PDF quote at its page, and gives nothing without a web link", () => {
    expect(quoteLink({ text: "x", page: 12 }, { url: "https://example.org/r.pdf" })).toBe(
      "https://example.org/r.pdf#page=12",
    );
    expect(quoteLink({ text: "x" }, {})).toBeUndefined();
    expect(quoteLink({ text: "x" }, { url: "javascript:alert(1)" })).toBeUndefined();
  });
});
