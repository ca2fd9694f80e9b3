import { describe, expect, it } from "vitest";
import { reword } from "../../eval/reword.ts";

// The rewording of eval/reword.ts: each question once per style, the same on every run, and each
// variant only as far from the question as its style says.
const QUESTIONS = [
  { q: "What is sourdough?", cat: "bakery" },
  { q: "How long does the mill grind rye each morning?", cat: "mill" },
];

/** Edit distance, with two adjacent letters swapped counting as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

describe("reword", () => {
  it("asks each question once per style, the same way on every run", () => {
    const variants = reword(QUESTIONS);
    expect(reword(QUESTIONS)).toEqual(variants);
    const styles = ["typo", "chatty", "hedged", "lower case", "capitals", "marks"];
    for (const style of styles) expect(variants.filter((v) => v.cat === style)).toHaveLength(2);
    // Only "What is X?" has an imperative form.
    expect(variants.filter((v) => v.cat === "imperative").map((v) => v.from)).toEqual(["What is sourdough?"]);
    for (const v of variants) expect(v.q).not.toBe(v.from);
  });

  it("makes a typo one slip away, in a word of four letters or more", () => {
    for (let seed = 1; seed <= 40; seed++)
      for (const v of reword(QUESTIONS, seed).filter((x) => x.cat === "typo")) {
        expect(distance(v.q, v.from), v.q).toBe(1);
        const changed = v.from.split(" ").find((w, i) => w !== v.q.split(" ")[i]) ?? "";
        expect(changed.replace(/\W/g, "").length, v.q).toBeGreaterThanOrEqual(4);
      }
  });

  it("keeps the question itself in the padded, cased and marked styles", () => {
    const variants = reword(QUESTIONS);
    const of = (style: string) => variants.filter((v) => v.cat === style);
    for (const v of of("capitals")) expect(v.q).toBe(v.from.toUpperCase());
    for (const v of of("lower case")) expect(v.q).toBe(v.from.toLowerCase());
    for (const v of [...of("chatty"), ...of("hedged")])
      expect(v.q.toLowerCase()).toContain(v.from.slice(1, -1).toLowerCase());
    for (const v of of("marks")) expect(v.q.startsWith(v.from.slice(0, -1))).toBe(true);
  });
});
