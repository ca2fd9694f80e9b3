import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.ts";
import { faqBuilder, fixture } from "./faq-builder.ts";

// The second held-out FAQ set's builder (eval/faq-extra-2.mjs) on small FAQs written like the Debian
// ones it parses: a question the reader sees must be paired with its own answer, and a question that
// cannot be scored (asked of two entries, or meaningless alone) must not be asked.
const { build, like } = await faqBuilder("eval/faq-extra-2.mjs");

// nano's faq.html, in small (written out by the test: its name-only anchors are what the parser reads,
// and the linter would reject them in a fixture file).
const NANO_LIKE = `<html><head><title>The Frob FAQ</title></head>
<body>
<h1>Contents</h1>
<p><a href="#1.1">1.1. Why does frob beep at me?</a></p>
<hr width="100%">
<h1><a name="1"></a>1. General</h1>
<h3><a name="1.1"></a>1.1. Why does frob beep at me?</h3>
<blockquote><p>Frob beeps when it cannot find a widget under the cursor &amp; the
<b>bell</b> option is on. To keep it quiet, put the line below into your
<b>~/.frobrc</b> and start frob again; the beep then becomes a flash of the status bar.</p>
<pre>
# ~/.frobrc
set nobell
</pre></blockquote>
<h1><a name="2"></a>2. Where to get frob</h1>
<h3><a name="2.1"></a>2.1. Web sites that carry frob.</h3>
<blockquote><p>The usual mirrors carry every release of frob as a tarball with its
signature, and the project's own site keeps the older releases as well as the
current one, with a list of the changes in each.</p></blockquote>
<hr width="100%">
</body></html>
`;

let out: string;
beforeEach(async () => {
  out = await tempDir("faq-extra-2-test-");
});

describe("build", () => {
  it("pairs each Q: with its A:, and keeps a code comment from becoming a heading of the corpus", async () => {
    const { questions } = build(out, { sources: [like("screen", fixture("screen-like-faq.txt"))] });
    expect(questions.map((q) => [q.q, q.within.slice(0, 40)])).toEqual([
      [
        'Why does frob print "no widget" when I start it inside a terminal?',
        "frob looks for the widget socket in your",
      ],
    ]);
    expect(questions[0]?.within).toMatch(/start frob again: # the daemon widgetd --socket ~\/\.widget$/);
    const corpus = await readFile(path.join(out, "corpus", "screen-faq.md"), "utf8");
    expect(corpus).toContain("From the usual mirror."); // a short answer is not asked but stays
    expect(corpus).not.toMatch(/^# /m);
    expect(corpus).not.toMatch(/no widget" when|Where do I get/);
  });

  it("reads a Latin-1 FAQ, asks a question that leans on its heading in full, and not one asked twice", async () => {
    const { questions, summary } = build(out, { sources: [like("cvs", fixture("cvs-like-faq.txt"))] });
    expect(questions.map((q) => [q.q, q.num, q.entry])).toEqual([
      ['What is "history"?', "Commands_/history_hi_his/1", 1],
      ['Of what use is "history"?', "Commands_/history_hi_his/2", 2],
    ]);
    expect(summary[0]?.skipped).toEqual({ "same question asked twice": 2 });
    const corpus = await readFile(path.join(out, "corpus", "cvs-faq.md"), "utf8");
    expect(corpus).toContain("in the repository\u00b4s administrative directory.");
    expect(corpus).toContain("## Entry 4"); // both branch answers stay in the corpus
    expect(corpus).not.toMatch(/Last modified|Category:/);
  });

  it("asks an HTML FAQ's questions, not its section titles, and names the package of a FAQ that is not installed", async () => {
    const file = path.join(out, "nano-like-faq.html");
    await writeFile(file, NANO_LIKE);
    const { questions, missing } = build(out, {
      sources: [like("nano", file), like("fetchmail", "/nonexistent/faq.html")],
    });
    expect(questions.map((q) => [q.q, q.num])).toEqual([["Why does frob beep at me?", "1.1"]]);
    expect(questions[0]?.within).toMatch(/^frob beeps when .* the status bar\. # ~\/\.frobrc set nobell$/);
    expect(questions[0]?.within).toContain("under the cursor & the bell option");
    const corpus = await readFile(path.join(out, "corpus", "nano-faq.md"), "utf8");
    expect(corpus).toContain("The usual mirrors carry every release");
    expect(corpus).not.toMatch(/Contents|Web sites that carry/);
    expect(missing).toEqual([{ faq: "fetchmail", file: "/nonexistent/faq.html", pkg: "fetchmail" }]);
  });
});
