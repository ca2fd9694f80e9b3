import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.ts";
import { faqBuilder, fixture } from "./faq-builder.ts";

// The held-out FAQ set's builder (eval/faq-extra.mjs) on small FAQs written like the Debian ones it
// parses: a question the reader sees must be paired with its own answer, or the set scores nonsense.
const { build, like } = await faqBuilder("eval/faq-extra.mjs");

let out: string;
beforeEach(async () => {
  out = await tempDir("faq-extra-test-");
});

describe("build", () => {
  it("pairs each numbered question with its own answer, past the table of contents, and keeps headings out of the corpus", async () => {
    const { questions } = build(out, { sources: [like("lsof", fixture("lsof-like-faq.txt"))] });
    expect(questions.map((q) => [q.q, q.within.slice(0, 40)])).toEqual([
      ["Frob -- what is it?", "frob is a tool that frobs widgets. its n"],
      [
        'Why does frob print "WARNING: no widget support has been defined"?',
        "frob prints that message when it meets a",
      ],
    ]);
    // The code lines stay in their answer, as text.
    expect(questions[1]?.within).toContain("$ frob -w frob: warning: no widget support has been defined");
    const corpus = await readFile(path.join(out, "corpus", "lsof-faq.md"), "utf8");
    expect(corpus).toContain("From the usual mirror."); // a short answer is not asked but stays
    expect(corpus).not.toMatch(/what is it\?|Where do I get/);
  });

  it("asks every question that shares an answer, and names the package of a FAQ that is not installed", () => {
    const { questions, missing } = build(out, {
      sources: [like("base-files", fixture("qa-faq.txt")), like("procps", "/nonexistent/FAQ.gz")],
    });
    expect(questions.map((q) => [q.q, q.entry])).toEqual([
      ['I upgraded to testing and /etc/frob says "next/sid". Should it not read "testing"?', 1],
      ['I upgraded to unstable and /etc/frob says "next/sid". Should it not read "unstable"?', 1],
    ]);
    expect(questions[0]?.within).toMatch(/^that would be nice.*at the time\)\.$/);
    expect(missing).toEqual([{ faq: "procps", file: "/nonexistent/FAQ.gz", pkg: "procps" }]);
  });

  it("writes nothing when none of the FAQs is installed, so the eval can skip the set", async () => {
    const { questions, missing } = build(out, { sources: [like("procps", "/nonexistent/FAQ.gz")] });
    expect(questions).toEqual([]);
    expect(missing.map((m) => m.pkg)).toEqual(["procps"]);
    await expect(readFile(path.join(out, "questions.jsonl"), "utf8")).rejects.toThrow(/ENOENT/);
  });
});
