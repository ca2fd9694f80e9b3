#!/usr/bin/env node
// faq-extra-2: a second held-out FAQ development set, built like faq-extra.mjs (and ../shared/faqbench)
// from ten more FAQs shipped under /usr/share/doc, kept apart from faq-extra so that set's numbers stay
// comparable. Each FAQ is parsed into (question heading, answer) entries; the corpus holds every answer
// under a neutral "## Entry N" heading (never a question); every entry whose answer has 25 words or more
// and is not only a pointer is asked, unless its parser marks it (a section title, an obsolete entry), it
// makes no sense alone, or the same question is asked of two entries; a quote hits when it lies inside
// that entry's normalised answer. Writes into OUT:
//   OUT/corpus/*.md     one Markdown file per FAQ found, with front matter
//   OUT/questions.jsonl one line per kept entry: {q, expect: [], within (normalised answer), cat (FAQ id),
//                       entry, num, xref (the question is quoted verbatim in another answer)}; `npm run eval -- OUT/questions.jsonl` with DATA_DIR=OUT/corpus reads it
// FAQs whose file is missing are skipped, naming the Debian package that ships them.
// Usage: node eval/faq-extra-2.mjs [OUT] [--debug] (OUT defaults to a new temp dir; --debug lists every entry)
// Plain ESM with no imports from ../shared (a clone has none): the file reader, the skip rule and the set's
// writer are faq-extra.mjs's; HTML entities are decoded by the `entities` package.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { decodeHTML } from "entities";
import { buildSet, normalise, skipReason } from "./faq-extra.mjs";

const DOC = "/usr/share/doc";
export const SOURCES = [
  {
    id: "mc",
    pkg: "mc-data",
    title: "Midnight Commander FAQ",
    file: `${DOC}/mc-data/FAQ.gz`,
    parse: parseMc,
  },
  { id: "screen", pkg: "screen", title: "GNU Screen FAQ", file: `${DOC}/screen/FAQ.gz`, parse: parseScreen },
  { id: "slrn", pkg: "slrn", title: "slrn FAQ", file: `${DOC}/slrn/FAQ.gz`, parse: parseSlrn },
  {
    id: "procmail",
    pkg: "procmail",
    title: "procmail FAQ",
    file: `${DOC}/procmail/FAQ`,
    parse: parseProcmail,
  },
  { id: "git", pkg: "git-doc", title: "Git FAQ", file: `${DOC}/git-doc/gitfaq.txt`, parse: parseGit },
  { id: "zsh", pkg: "zsh-common", title: "Z shell FAQ", file: `${DOC}/zsh-common/FAQ.gz`, parse: parseZsh },
  { id: "tcsh", pkg: "tcsh", title: "tcsh FAQ", file: `${DOC}/tcsh/FAQ.gz`, parse: parseTcsh },
  { id: "nano", pkg: "nano", title: "GNU nano FAQ", file: `${DOC}/nano/faq.html`, parse: parseNano },
  { id: "cvs", pkg: "cvs", title: "CVS FAQ", file: `${DOC}/cvs/FAQ.gz`, parse: parseCvs },
  {
    id: "fetchmail",
    pkg: "fetchmail",
    title: "fetchmail FAQ",
    file: `${DOC}/fetchmail/fetchmail-FAQ.html`,
    parse: parseFetchmail,
  },
];

// ---------- text ----------

const clean = (l) => l.replace(/[\s\u00a0]+/g, " ").trim();
const isRule = (l) => /^\s*[-~=*_]{6,}\s*$/.test(l);

/** Body lines → paragraphs (separated by blank lines and rules), each joined onto one line, whitespace collapsed. */
function paragraphs(lines) {
  const out = [];
  let cur = [];
  const flush = () => {
    const text = cur.map(clean).filter(Boolean).join(" ");
    if (text) out.push(text);
    cur = [];
  };
  for (const l of lines) {
    if (!l.trim() || isRule(l)) flush();
    else cur.push(l);
  }
  flush();
  // A paragraph that starts like a Markdown heading ("# comment" in a code example) would become a
  // heading in the .md corpus: it joins the paragraph before it instead (the answer text is unchanged).
  const merged = [];
  for (const p of out) {
    if (/^#{1,6}(\s|$)/.test(p) && merged.length) {
      merged[merged.length - 1] += ` ${p}`;
    } else merged.push(p);
  }
  return merged;
}

/** Wrapped heading lines → one line; "expres-" + "sions" → "expressions". */
function joinHeading(lines) {
  let s = "";
  for (const raw of lines) {
    const l = clean(raw);
    if (!l) continue;
    if (/[a-z]-$/.test(s) && /^[a-z]/.test(l)) s = s.slice(0, -1) + l;
    else s = s ? `${s} ${l}` : l;
  }
  return s;
}

/** HTML fragment → text lines: blocks (p, li, pre, dt+dd, h3, table) blank-line separated, <br> a line break. */
function htmlToLines(html) {
  const pres = [];
  let s = html
    .replace(/<!--[\s\S]*?-->/g, "")
    // <pre>: set aside with its line breaks (behind a private-use character), one paragraph (a blank line
    // inside it still splits it)
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi, (_, body) => {
      pres.push(
        body
          .replace(/<br\b[^>]*>/gi, "\n")
          .replace(/<[^>]+>/g, "")
          .replace(/^\n+|\n+$/g, ""),
      );
      return `\ue000${pres.length - 1}\ue000`;
    })
    .replace(/[ \t\n]+/g, " ") // elsewhere source line breaks and blank lines are only spacing
    .replace(/<br\b[^>]*>\s*/gi, "\n")
    .replace(/<\/?(p|div|ul|ol|li|dl|dt|h[1-6]|blockquote|table|address|hr)\b[^>]*>/gi, (m, tag) =>
      tag.toLowerCase() === "dt" && m.startsWith("</") ? " " : "\n\n",
    ) // a term and its definition are one paragraph
    .replace(/<\/tr>/gi, "\n") // a table's rows are lines of one paragraph
    .replace(/<\/?(dd|td|th|tr)\b[^>]*>/gi, " ")
    .replace(/<[^>]+>/g, "");
  s = s.replace(/\s*\ue000(\d+)\ue000\s*/g, (_, i) => `\n\n${pres[Number(i)]}\n\n`);
  return decodeHTML(s).split("\n");
}

const stripTags = (s) => clean(decodeHTML(s.replace(/<[^>]+>/g, "")));

// ---------- the parsers ----------
// Each returns [{num, q, paras, skip?}] in document order; skip (a reason) marks an entry that stays in the
// corpus but is not asked (a section title, not a question; an obsolete entry).

// Midnight Commander: table of contents, then "N.M Question" at column 0 (wrapped onto further lines
// until a blank line), answers indented; "N Chapter" lines (one misspelt "f2 Keyboard") end an entry.
// Chapter 12 ("Legal issues": authorship, feedback, disclaimer) holds no questions.
function parseMc(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  const start = lines.findIndex((l) => /^1\.1\s/.test(l));
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (/^f?\d+\s+[A-Z]/.test(l)) {
      cur = null;
      continue;
    }
    const m = /^(\d+\.\d+)\s+(\S.*)$/.exec(l);
    if (m) {
      const head = [m[2]];
      while (i + 1 < lines.length && lines[i + 1].trim()) head.push(lines[++i]);
      cur = {
        num: m[1],
        q: joinHeading(head),
        body: [],
        skip: /^12\./.test(m[1]) ? "heading is a section title" : null,
      };
      entries.push(cur);
    } else if (cur) cur.body.push(l);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// Screen: "Q:   question" (wrapped, indented), then "A:   answer" until the next "Q:".
function parseScreen(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^Q:\s/.test(l)) {
      const head = [l.replace(/^Q:\s+/, "")];
      while (i + 1 < lines.length && lines[i + 1].trim() && !/^A:\s/.test(lines[i + 1]))
        head.push(lines[++i]);
      cur = { num: String(++n), q: joinHeading(head), body: [] };
      entries.push(cur);
    } else if (cur) cur.body.push(l.replace(/^A:\s+/, ""));
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// slrn (linuxdoc text): table of contents up to a rule of underscores, then "  N.M.  Question" (two
// spaces in, number with a trailing dot, wrapped onto further lines until a blank line; words broken
// with a hyphen at the line end are rejoined), "  N.  Chapter" lines end an entry. Chapter 7 is "About
// this document" with a revision history: dropped. Section titles ("Treatment of read articles",
// "Some additional notes for the advanced user") are kept in the corpus, not asked; chapter 6's
// problem reports ("slrn hangs infinitely when I press the delete key") are asked.
function parseSlrn(text) {
  const lines = text.split("\n");
  const toc = lines.findIndex((l) => /Table of Contents/.test(l));
  const start = lines.findIndex((l, i) => i > toc && /^\s*_{20,}\s*$/.test(l));
  const entries = [];
  let cur = null;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    const ch = /^ {2}(\d+)\.\s{2}\S/.exec(l);
    if (ch) {
      cur = null;
      if (ch[1] === "7") break;
      continue;
    }
    const m = /^ {2}(\d+(?:\.\d+)+)\.\s+(\S.*)$/.exec(l);
    if (m) {
      const head = [m[2]];
      while (i + 1 < lines.length && lines[i + 1].trim()) head.push(lines[++i]);
      const q = joinHeading(head);
      cur = {
        num: m[1],
        q,
        body: [],
        skip: q.includes("?") || /^6\.[12]$/.test(m[1]) ? null : "heading is a section title",
      };
      entries.push(cur);
    } else if (cur) cur.body.push(l);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// procmail: a banner of dashes, then "N. Question" at column 0 (continuation lines indented, until a
// blank line: question 9 lists its topics on tab-indented lines), answers tab-indented.
function parseProcmail(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\d+)\.\s+(\S.*)$/.exec(lines[i]);
    if (m) {
      const head = [m[2]];
      while (i + 1 < lines.length && lines[i + 1].trim()) head.push(lines[++i]);
      cur = { num: m[1], q: joinHeading(head), body: [] };
      entries.push(cur);
    } else if (cur) cur.body.push(lines[i]);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// gitfaq (AsciiDoc source): "Section\n-------" titles; "[[anchor]]" then "Question::" then the answer,
// its first paragraph tab-indented, further paragraphs after "+" lines, "----" delimiting code blocks.
// NAME/SYNOPSIS/DESCRIPTION and the closing "GIT" section are not entries. linkgit:git-foo[1] → git-foo(1).
function parseGit(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // a section title is underlined to its length ("+" or a command before a "----" code fence is not)
    if (
      /^-{3,}$/.test(lines[i + 1] ?? "") &&
      /^[A-Z]/.test(l) &&
      lines[i + 1].length === l.length &&
      !lines[i - 1]?.trim()
    ) {
      cur = null; // section title
      i++;
      continue;
    }
    if (/^\[\[[\w-]+\]\]$/.test(l)) {
      const head = [];
      while (i + 1 < lines.length && !/::$/.test(lines[i])) head.push(lines[++i]);
      cur = { num: String(++n), q: joinHeading(head).replace(/::$/, ""), body: [] };
      entries.push(cur);
      continue;
    }
    if (!cur) continue;
    if (l === "+" || l === "----") cur.body.push("");
    else
      cur.body.push(l.replace(/linkgit:([\w-]+)\[(\d)\]/g, "$1($2)").replace(/\b_([\w][\w ]*?)_\b/g, "$1"));
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// zsh: preamble and contents up to "--- End of Contents ---", then "N.M: Question" at column 0,
// "Chapter N: ..." lines end an entry; "Acknowledgments:" ends the FAQ. Chapter 2's body headings are
// topic titles ("Differences from sh and ksh", "Similarities with csh"): those entries are asked with
// the contents' wording under the chapter's question, "How does zsh differ from sh and ksh?";
// 1.1 "Sources of information" is a title, not asked.
function parseZsh(text) {
  const lines = text.split("\n");
  const end = lines.findIndex((l) => /^--- End of Contents ---/.test(l));
  const tocQ = new Map();
  for (const l of lines.slice(0, end)) {
    const m = /^(\d+\.\d+)\.\s+(.*)$/.exec(l);
    if (m) tocQ.set(m[1], clean(m[2]));
  }
  const entries = [];
  let cur = null;
  for (let i = end + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^Acknowledgments:/.test(l)) break;
    if (/^Chapter \d+:/.test(l)) {
      cur = null;
      continue;
    }
    const m = /^(\d+\.\d+):\s+(\S.*)$/.exec(l);
    if (m) {
      let q = clean(m[2]);
      let ask = q.includes("?");
      const t = tocQ.get(m[1]);
      if (/^2\./.test(m[1]) && !ask && t && /^[a-z()]+(\s+and\s+[a-z]+)?\?$/.test(t)) {
        q = `How does zsh differ from ${t}`;
        ask = true;
      }
      cur = { num: m[1], q, body: [], skip: ask ? null : "heading is a section title" };
      entries.push(cur);
    } else if (cur) cur.body.push(l);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// tcsh (a web page dumped as text): navigation and "For the people who do not read the manual!", then
// questions indented by two spaces (wrapped at two spaces), answers by three or more; a question ending
// in ":" may carry its error message, indented by four ("compile errors that look like: sh.c:???: ...").
// A rule of underscores and "Page content last updated" end the FAQ.
function parseTcsh(text) {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /For the people who do not read the manual/.test(l));
  const entries = [];
  let cur = null;
  let n = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*_{20,}\s*$/.test(l)) break;
    if (/^ {2}\S/.test(l)) {
      const head = [l];
      while (i + 1 < lines.length && /^ {2}\S/.test(lines[i + 1])) head.push(lines[++i]);
      if (/:\s*$/.test(head.at(-1))) {
        let j = i + 1;
        while (j < lines.length && !lines[j].trim()) j++;
        if (/^ {4}[^\s*]/.test(lines[j] ?? "")) {
          while (j < lines.length && /^ {4}\S/.test(lines[j])) head.push(lines[j++]);
          i = j - 1;
        }
      }
      cur = { num: String(++n), q: joinHeading(head), body: [] };
      entries.push(cur);
    } else if (cur) cur.body.push(l);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// nano (HTML): contents, then per chapter "<h1>N. Chapter</h1>" and per entry
// "<h3><a name="N.M"></a>N.M. Question</h3><blockquote>answer</blockquote>". Chapter 2 ("Where to get
// GNU nano": "Web sites that carry nano.", "By git (for the brave).") has titles, not questions.
function parseNano(text) {
  const body = text.slice(text.indexOf('<hr width="100%">'));
  const re = /<h3><a name="([\d.]+)"><\/a>([\s\S]*?)<\/h3>([\s\S]*?)(?=<h3>|<h1>|<hr\b|<\/body>)/g;
  const entries = [];
  for (const m of body.matchAll(re)) {
    const q = stripTags(m[2]).replace(/^\d+(\.\d+)+\.?\s+/, "");
    entries.push({
      num: m[1],
      q,
      paras: paragraphs(htmlToLines(m[3])),
      skip: /^2\./.test(m[1]) ? "heading is a section title" : null,
    });
  }
  return entries;
}

// CVS (FAQ-O-Matic dump): preamble; "  Category: /A/B/" lines and '" + Title "' lines; entries
// "    N. Question " (four spaces in, wrapped onto further lines until a blank line), answers end with
// "Last modified: _date_". The "/" category ("About FAQ-O-Matic", "Adding a new category ?") is about
// the FAQ itself: kept in the corpus, not asked.
function parseCvs(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  let cat = "";
  let expect = 1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const c = /^ {2}Category: (\S.*?)\s*$/.exec(l);
    if (c) {
      cat = c[1].replace(/^\/|\/$/g, "").replace(/, all questions$/, "");
      cur = null;
      expect = 1;
      continue;
    }
    if (/^\s*Last modified: /.test(l)) {
      cur = null;
      continue;
    }
    if (/^\s*" (\+ )?[^"]*"\s*$/.test(l) && !cur) continue; // category title
    const m = /^ {4}(\d+)\. (\S.*)$/.exec(l);
    if (m && !cur && Number(m[1]) === expect && (i === 0 || !lines[i - 1].trim())) {
      expect++;
      const head = [m[2]];
      while (i + 1 < lines.length && lines[i + 1].trim()) head.push(lines[++i]);
      // a few headings break across a blank line mid-sentence ("... from one place in the" /
      // "directory hierarchy to another?"): the next paragraph continues one that does not end a
      // sentence and is no error message, when it ends in "?"
      if (!/[?.!)"']\s*$/.test(head.at(-1)) && !/^Explain:/.test(m[2])) {
        let j = i + 1;
        while (j < lines.length && !lines[j].trim()) j++;
        let k = j;
        while (k < lines.length && lines[k].trim()) k++;
        if (/\?\s*$/.test(lines[k - 1])) {
          head.push(...lines.slice(j, k));
          i = k - 1;
        }
      }
      cur = {
        num: `${cat ? `${cat}/` : ""}${m[1]}`,
        q: joinHeading(head),
        body: [],
        skip: cat ? null : "about the FAQ-O-Matic itself",
      };
      entries.push(cur);
      continue;
    }
    if (cur) cur.body.push(decodeHTML(l)); // a few "&lt;user&gt;" survive from the web pages
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// fetchmail (HTML): contents, then "<h1>Chapter</h1>" and per entry
// '<h2><a id="G1" name="G1">G1. Question</a></h2>' followed by its answer up to the next h2/h1/hr.
// Struck-out headings (<strike>) mark obsolete entries: kept in the corpus, not asked.
function parseFetchmail(text) {
  const body = text.slice(text.indexOf('<h1 id="G">'));
  const re =
    /<h2><a (?:id="\w+" )?name="(\w+)">([\s\S]*?)<\/a>\s*(?:<br\s*\/?>\s*)?<\/h2>([\s\S]*?)(?=<h2>|<h1\b|<hr\b|<\/body>)/g;
  const entries = [];
  for (const m of body.matchAll(re)) {
    const q = stripTags(m[2]).replace(/^[A-Z]\d+\.\s+/, "");
    entries.push({
      num: m[1],
      q,
      paras: paragraphs(htmlToLines(m[3])),
      skip: /<strike>/i.test(m[2]) ? "obsolete entry (struck out)" : null,
    });
  }
  return entries;
}

// ---------- questions ----------

// Questions that lean on the one before them or on the FAQ's title: "it" is the program ("What is it?" in
// the zsh FAQ) or the command of the section ("Of what use is it?" under CVS "history"); the pronoun is
// replaced by its referent. Questions that make no sense alone ("Wow! Isn't that dangerous?") are not asked.
// Keys are the FAQs' own numbers, as strings in a Map ("1.10" is not "1.1").
const REWRITE = {
  mc: new Map([
    ["1.2", "Does Midnight Commander run on my machine?"],
    ["1.3", "Does Midnight Commander work with my terminal?"],
  ]),
  zsh: new Map([
    ["1.2", "What is zsh?"],
    ["1.3", "What is zsh good at?"],
    ["1.4", "On what machines will zsh run?"],
    ["1.5", "What's the latest version of zsh?"],
    ["1.6", "Where do I get zsh?"],
  ]),
  cvs: new Map([
    ["Commands_/history_hi_his/2", 'Of what use is "history"?'],
    [
      "Commands_/export_exp_ex/2",
      'Why does "export" remove the RCS keywords so I can\'t use the "ident" command on the source files?',
    ],
  ]),
};
const NOT_ALONE = { cvs: ["Commands_/admin_adm_rcs/2", "Commands_/history_hi_his/3"] };

/**
 * A FAQ's parsed entries, settled: questions rewritten (REWRITE) and whitespace collapsed, questions that
 * make no sense alone marked, and a question that two asked entries share marked in both: it cannot be
 * scored against one of them ("What is a branch?" in the CVS FAQ).
 */
function settle(src, entries) {
  for (const e of entries) {
    e.q = (REWRITE[src.id]?.get(String(e.num)) ?? e.q).replace(/\s+/g, " ");
    if (!e.skip && NOT_ALONE[src.id]?.includes(e.num))
      e.skip = "question makes no sense without the one before";
  }
  const asked = new Map();
  for (const e of entries) {
    if (skipReason(src, e)) continue;
    const k = normalise(e.q);
    asked.set(k, [...(asked.get(k) ?? []), e]);
  }
  for (const dups of asked.values())
    if (dups.length > 1) for (const e of dups) e.skip = "same question asked twice";
  return entries;
}

// ---------- the set ----------

/**
 * Builds OUT/corpus/*.md and OUT/questions.jsonl from the FAQs found; returns { questions, summary, missing }
 * (missing: the FAQs skipped, with the package to install). No FAQ found: no files, empty questions.
 * `sources` replaces SOURCES (a test's fixtures).
 */
export function build(OUT, { debug = false, sources = SOURCES } = {}) {
  const settled = sources.map((s) => ({ ...s, parse: (text) => settle(s, s.parse(text)) }));
  return buildSet(OUT, settled, { debug });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith("--")) ?? fs.mkdtempSync(path.join(os.tmpdir(), "faq-extra-2-"));
  const { questions, summary, missing } = build(out, { debug: args.includes("--debug") });
  for (const m of missing) console.log(`skipped ${m.faq}: ${m.file} is missing (apt-get install ${m.pkg})`);
  for (const s of summary)
    console.log(
      `${s.faq}: ${s.parsed} entries, ${s.kept} kept, ${s.asked} questions (${s.quoted_in_other_answer} quoted in another answer); skipped: ${JSON.stringify(s.skipped)}`,
    );
  console.log(questions.length ? `${questions.length} questions in ${out}` : "no FAQ found: nothing written");
}
