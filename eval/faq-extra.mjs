#!/usr/bin/env node
// faq-extra: a held-out FAQ development set, built like ../shared/faqbench (faq.mjs) but from other FAQs
// shipped under /usr/share/doc, so that a fix can be checked on FAQs it was not fitted to. Each FAQ is parsed
// into (question heading, answer) entries; the corpus holds every answer under a neutral "## Entry N"
// heading (never a question); every entry whose answer has 25 words or more and is not only a pointer is
// asked, and a quote hits when it lies inside that entry's normalised answer. Writes into OUT:
//   OUT/corpus/*.md     one Markdown file per FAQ found, with front matter
//   OUT/questions.jsonl one line per kept entry: {q, expect: [], within (normalised answer), cat (FAQ id),
//                       entry, num, xref (the question is quoted verbatim in another answer)}; `npm run eval -- OUT/questions.jsonl` with DATA_DIR=OUT/corpus reads it
// FAQs whose file is missing are skipped, naming the Debian package that ships them.
// Usage: node eval/faq-extra.mjs [OUT] [--debug] (OUT defaults to a new temp dir; --debug lists every entry)
// Plain ESM with no imports from ../shared (a clone has none): what it shares with faqbench is copied below;
// HTML entities are decoded by the `entities` package (a dev dependency).
// faq-extra-2.mjs (ten more FAQs, a separate set) builds with skipReason and buildSet from here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { decodeHTML } from "entities";

const DOC = "/usr/share/doc";
export const SOURCES = [
  {
    id: "lsof",
    pkg: "lsof",
    title: "lsof FAQ",
    file: `${DOC}/lsof/00FAQ.gz`,
    parse: parseLsof,
    titles: true,
  },
  { id: "procps", pkg: "procps", title: "procps FAQ", file: `${DOC}/procps/FAQ.gz`, parse: parseProcps },
  {
    id: "base-files",
    pkg: "base-files",
    title: "base-files FAQ",
    file: `${DOC}/base-files/FAQ`,
    parse: parseQA,
  },
  { id: "man-db", pkg: "man-db", title: "man-db FAQ", file: `${DOC}/man-db/FAQ`, parse: parseUnderlined },
  {
    id: "ncurses",
    pkg: "ncurses-base",
    title: "ncurses FAQ",
    file: `${DOC}/ncurses-base/FAQ`,
    parse: parseStarred,
  },
  {
    id: "libxslt",
    pkg: "libxslt1-dev",
    title: "libxslt FAQ",
    file: `${DOC}/libxslt1-dev/html/FAQ.html`,
    parse: parseHtmlList,
  },
];
export const MIN_WORDS = 25;

// ---------- copied from ../shared/faqbench (norm.mjs and faq.mjs), unchanged ----------

// Text normalisation (norm.mjs): NFKC, lower case, curly quotes straight, Markdown code ticks / bold markers
// dropped (citebot strips them from .md), whitespace collapsed.
export function normalise(s) {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/`/g, "")
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The file's text: UTF-8, or Latin-1 when it is not valid UTF-8 (the CVS FAQ has one Latin-1 byte, "history´"). */
export function read(file) {
  const buf = fs.readFileSync(file);
  const raw = file.endsWith(".gz") ? zlib.gunzipSync(buf) : buf;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    text = raw.toString("latin1");
  }
  return text.replace(/\r\n?/g, "\n");
}

/** Body lines → paragraphs (blank-line separated), each joined onto one line, whitespace collapsed. */
function paragraphs(lines) {
  const out = [];
  let cur = [];
  const flush = () => {
    const text = oneLine(cur);
    if (text) out.push(text);
    cur = [];
  };
  for (const l of lines) {
    if (!l.trim()) flush();
    else cur.push(l);
  }
  flush();
  return out;
}

const words = (s) => s.split(/\s+/).filter(Boolean).length;
const oneLine = (lines) =>
  lines
    .map((l) => l.replace(/[\s\u00a0]+/g, " ").trim())
    .filter(Boolean)
    .join(" ");

// faqbench's skip rule, with its sed-only "section title" test made general: a heading that neither asks
// (no "?", no question word first) nor reports a problem is a section title ("Statement of deprecation").
// An entry's own `skip` (a reason its parser gave; none of the parsers here gives one) comes first.
export function skipReason(src, e) {
  const answer = e.paras.join(" ");
  const n = words(answer);
  if (e.skip) return e.skip;
  if (src.titles && !isQuestion(e.q)) return "heading is a section title";
  if (n < MIN_WORDS) return `answer under ${MIN_WORDS} words`;
  if (
    n < 60 &&
    /^(please\s+)?(see|refer to|read|consult|look)\b/i.test(answer) &&
    /(section|https?:|ftp:|\bfaq\b|\bfile\b|director)/i.test(answer)
  )
    return "answer is only a pointer";
  return null;
}

// ---------- the parsers ----------

const isQuestion = (q) =>
  q.includes("?") ||
  /^(why|what|how|where|when|which|who|is|are|can|could|does|do|did|will|should|may|must)\b/i.test(q);

// lsof 00FAQ: a table of contents (the same numbered headings, wrapped) between "Table of Contents:" and a
// rule of underscores, then the body. "1.2.1<TAB>Question" at column 0, wrapped onto indented lines until a
// blank line; the answer is indented. "N.0 Chapter" lines end an entry; sub-section titles ("10.2 /proc-based
// Linux lsof Questions") have no answer of their own, and plain titles are marked by `titles` below.
function parseLsof(text) {
  const lines = text.split("\n");
  const toc = lines.findIndex((l) => /^Table of Contents:/.test(l));
  const start = lines.findIndex((l, i) => i > toc && /^_{20,}\s*$/.test(l));
  const entries = [];
  let cur = null;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^\d+\.0\s+\S/.test(l)) {
      cur = null; // chapter title
      continue;
    }
    const m = /^(\d+(?:\.\d+)+)\s+(\S.*)$/.exec(l);
    if (!m) {
      if (cur) cur.body.push(l);
      continue;
    }
    const head = [m[2]];
    while (i + 1 < lines.length && lines[i + 1].trim()) head.push(lines[++i]);
    cur = { num: m[1], q: oneLine(head), body: [] };
    entries.push(cur);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// procps FAQ: the question at column 0 (wrapped onto unindented lines), the answer indented by a tab.
function parseProcps(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\S/.test(l)) {
      const head = [l];
      while (i + 1 < lines.length && /^\S/.test(lines[i + 1])) head.push(lines[++i]);
      cur = { num: String(entries.length + 1), q: oneLine(head), body: [] };
      entries.push(cur);
    } else if (cur) cur.body.push(l);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// base-files FAQ: "Q. question" (wrapped until a blank line), then "A. answer" until the next "Q.", a
// "* Section:" line or the signature ("Name <address>"). Several questions may share one answer: each is
// asked, all against the same entry.
function parseQA(text) {
  const lines = text.split("\n");
  const entries = [];
  let asks = [];
  let cur = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^Q\.\s/.test(l)) {
      const head = [l.replace(/^Q\.\s+/, "")];
      while (i + 1 < lines.length && lines[i + 1].trim()) head.push(lines[++i]);
      if (cur) asks = [];
      cur = null;
      asks.push(oneLine(head));
    } else if (/^A\.\s/.test(l) && asks.length) {
      cur = {
        num: String(entries.length + 1),
        q: asks[0],
        also: asks.slice(1),
        body: [l.replace(/^A\.\s+/, "")],
      };
      entries.push(cur);
    } else if (/^\*\s/.test(l) || /^\S.*<[^>\s]+@[^>\s]+>\s*$/.test(l)) {
      cur = null;
      asks = [];
    } else if (cur) cur.body.push(l);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// man-db FAQ: each question is a line underlined with "=" signs; its answer runs to the next one. The
// document title is underlined with "-" and is not an entry.
function parseUnderlined(text) {
  const lines = text.split("\n");
  const entries = [];
  let cur = null;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() && /^=+\s*$/.test(lines[i + 1] ?? "")) {
      cur = { num: String(entries.length + 1), q: lines[i].trim(), body: [] };
      entries.push(cur);
      i++;
    } else if (cur) cur.body.push(lines[i]);
  }
  return entries.map((e) => ({ ...e, paras: paragraphs(e.body) }));
}

// ncurses-base FAQ: an introduction, then entries between lines of asterisks; an entry's first paragraph
// reports the problem (the question), the rest answers it.
function parseStarred(text) {
  const chunks = text.split(/\n\*{4,}\s*\n/).slice(1);
  return chunks.map((chunk, i) => {
    const [q = "", ...paras] = paragraphs(chunk.split("\n"));
    return { num: String(i + 1), q, paras };
  });
}

// libxslt FAQ.html: an <ol> whose items are <li><em>question</em> <p>answer</p>…</li>; the question's own
// example (paragraphs wholly in <em> right after it) stays with the question. Tags are dropped, entities
// decoded; each <p> is a paragraph.
function parseHtmlList(html) {
  const list = html.slice(html.lastIndexOf("<ol>"), html.lastIndexOf("</ol>"));
  const decode = (s) => decodeHTML(s.replace(/<[^>]*>/g, ""));
  return list
    .split(/<li>/)
    .slice(1)
    .map((item, i) => {
      const head = [decode(/<em>([\s\S]*?)<\/em>/.exec(item)?.[1] ?? "")];
      const paras = [...item.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
      while (paras.length && /^\s*<em>[\s\S]*<\/em>\s*$/.test(paras[0])) head.push(decode(paras.shift()));
      return {
        num: String(i + 1),
        q: oneLine(head),
        paras: paras.map((p) => oneLine([decode(p)])).filter(Boolean),
      };
    });
}

// ---------- the set ----------

/**
 * Builds OUT/corpus/*.md and OUT/questions.jsonl from the FAQs found; returns { questions, summary, missing }
 * (missing: the FAQs skipped, with the package to install). No FAQ found: no files, empty questions.
 * `sources` replaces SOURCES (a test's fixtures).
 */
export function build(OUT, { debug = false, sources = SOURCES } = {}) {
  return buildSet(OUT, sources, { debug });
}

/** build() over any FAQ sources ({id, pkg, title, file, parse(text) → [{num, q, also?, paras, skip?}]}). */
export function buildSet(OUT, sources, { debug = false } = {}) {
  const found = sources.filter((s) => fs.existsSync(s.file));
  const missing = sources
    .filter((s) => !fs.existsSync(s.file))
    .map((s) => ({
      faq: s.id,
      file: s.file,
      pkg: s.pkg,
    }));
  const questions = [];
  const summary = [];
  if (!found.length) return { questions, summary, missing };
  fs.rmSync(path.join(OUT, "corpus"), { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, "corpus"), { recursive: true });
  for (const src of found) {
    const entries = src.parse(read(src.file));
    const skipped = {};
    let kept = 0;
    const doc = ["---", `title: "${src.title}"`, `publisher: "${src.pkg}"`, "language: en", "---", ""];
    // The corpus holds every entry's answer (the skipped ones too), never a question heading.
    let n = 0;
    for (const e of entries) {
      const r = skipReason(src, e);
      if (debug) console.error(src.id, e.num, r ?? "kept", "|", e.q, "|", words(e.paras.join(" ")));
      if (r) skipped[r] = (skipped[r] ?? 0) + 1;
      if (!e.paras.length) continue;
      n++;
      doc.push(`## Entry ${n}`, "");
      for (const p of e.paras) doc.push(p, "");
      if (r) continue;
      kept++;
      const within = normalise(e.paras.join(" "));
      for (const q of [e.q, ...(e.also ?? [])])
        questions.push({ q, expect: [], within, cat: src.id, entry: n, num: e.num });
    }
    summary.push({
      faq: src.id,
      parsed: entries.length,
      kept,
      asked: questions.filter((q) => q.cat === src.id).length,
      skipped,
    });
    fs.writeFileSync(path.join(OUT, "corpus", `${src.id}-faq.md`), `${doc.join("\n").trimEnd()}\n`);
  }
  // As faqbench: FAQ answers often cite another entry by its question; flag questions quoted verbatim in
  // another answer (a sentence that is a pointer, not an answer, then holds every word of the question).
  for (const q of questions) {
    const k = normalise(q.q);
    if (questions.some((o) => o.cat === q.cat && o.entry !== q.entry && o.within.includes(k))) q.xref = true;
  }
  for (const s of summary)
    s.quoted_in_other_answer = questions.filter((q) => q.cat === s.faq && q.xref).length;
  fs.writeFileSync(
    path.join(OUT, "questions.jsonl"),
    `${questions.map((q) => JSON.stringify(q)).join("\n")}\n`,
  );
  return { questions, summary, missing };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith("--")) ?? fs.mkdtempSync(path.join(os.tmpdir(), "faq-extra-"));
  const { questions, summary, missing } = build(out, { debug: args.includes("--debug") });
  for (const m of missing) console.log(`skipped ${m.faq}: ${m.file} is missing (apt-get install ${m.pkg})`);
  for (const s of summary)
    console.log(
      `${s.faq}: ${s.parsed} entries, ${s.kept} kept, ${s.asked} questions (${s.quoted_in_other_answer} quoted in another answer); skipped: ${JSON.stringify(s.skipped)}`,
    );
  console.log(questions.length ? `${questions.length} questions in ${out}` : "no FAQ found: nothing written");
}
