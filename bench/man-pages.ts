/**
 * @module
 * Real English prose for the benchmark: the machine's man pages (troff), turned into Markdown-like
 * text (headings and one line per paragraph) without running groff, which would take minutes.
 * The conversion is rough on purpose: it only has to yield sentences people wrote.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** Where Debian keeps English man pages; localised ones live in sibling folders and are skipped. */
export const MAN_ROOT = "/usr/share/man";
const SECTIONS = ["man1", "man2", "man3", "man4", "man5", "man7", "man8"];

/** Man page files, sorted so that a seeded shuffle of them is the same on every run. */
export function listManPages(root = MAN_ROOT): string[] {
  const files: string[] = [];
  for (const section of SECTIONS) {
    const dir = path.join(root, section);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const file = path.join(dir, name);
      // Symlinks are aliases of pages already listed; tiny files are `.so` redirects.
      try {
        const stat = statSync(file, { throwIfNoEntry: false });
        if (stat?.isFile() && stat.size > 600 && name.endsWith(".gz")) files.push(file);
      } catch {}
    }
  }
  return files;
}

const FONT_MACROS = new Set(["B", "I", "BI", "BR", "IB", "IR", "RB", "RI", "SM", "SB"]);
// mdoc (BSD) inline macros whose arguments are words of the sentence.
const MDOC_MACROS = new Set(
  "Nm Nd Ar Pa Em Xr Cm Ic Li Sy Va Ev Dv Er Fn Ft Fa Dq Sq Ql Pq Aq Op Fl Ux Bx At Tn Lk Mt".split(" "),
);
/** Paragraphs are merged up to about this many words, like the ~60-word passages the issue measured. */
const PARAGRAPH_WORDS = 70;
const BREAK_MACROS = new Set([
  "PP",
  "P",
  "LP",
  "TP",
  "IP",
  "HP",
  "sp",
  "br",
  "Pp",
  "Bl",
  "El",
  "It",
  "RS",
  "RE",
  "nf",
  "fi",
]);
const HEADING_MACROS = new Set(["SH", "SS", "Sh", "Ss"]);

/** Inline troff escapes → plain characters. */
function stripEscapes(line: string): string {
  return line
    .replace(/\\f(?:\[[^\]]*\]|\([A-Za-z]{2}|[A-Za-z0-9])/g, "")
    .replace(/\\s[+-]?\d/g, "")
    .replace(/\\\((?:em|en)/g, "—")
    .replace(/\\\((?:lq|rq|dq)/g, '"')
    .replace(/\\\((?:aq|oq|cq)/g, "'")
    .replace(/\\\(bu/g, "•")
    .replace(/\\\(\S{2}/g, "")
    .replace(/\\\[[^\]]*\]/g, "")
    .replace(/\\\*(?:\(\S{2}|\[[^\]]*\]|\S)/g, "")
    .replace(/\\[-]/g, "-")
    .replace(/\\e/g, "\\")
    .replace(/\\[&%,/:|^c]/g, "")
    .replace(/\\ /g, " ")
    .replace(/\\(.)/g, "$1");
}

/** Macro arguments, with troff's double quotes removed. */
function macroArgs(rest: string): string {
  return (rest.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, "")).join(" ");
}

/** mdoc arguments without the macro names called inside them (`.Op Fl v` → `-v`). */
function mdocArgs(name: string, rest: string): string {
  const words = macroArgs(rest)
    .split(" ")
    .map((w, i, all) => (all[i - 1] === "Fl" ? `-${w}` : w))
    .filter((w) => !/^[A-Z][a-z]$/.test(w));
  return name === "Fl" ? words.map((w) => `-${w}`).join(" ") : words.join(" ");
}

/**
 * Converts troff source to text: `# Heading` lines and one line per paragraph.
 *
 * @example
 * ```ts
 * troffToText('.SH NAME\nls \\- list directory contents\n'); // "# NAME\nls - list directory contents"
 * ```
 */
export function troffToText(source: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let skipping = false;
  // Short paragraphs (one per option) are merged so that passages read like prose paragraphs.
  const flush = (force = false) => {
    const text = paragraph.join(" ").replace(/\s+/g, " ").trim();
    if (!text) return;
    if (!force && text.split(" ").length < PARAGRAPH_WORDS) return;
    out.push(text);
    paragraph = [];
  };
  for (const raw of source.split("\n")) {
    if (skipping) {
      if (raw.startsWith("..")) skipping = false;
      continue;
    }
    if (/^[.'][ \t]*(?:de|ig)\b/.test(raw)) {
      skipping = true;
      continue;
    }
    const macro = /^[.'][ \t]*([A-Za-z]{1,3})\b[ \t]*(.*)$/.exec(raw);
    if (macro) {
      const [, name = "", rest = ""] = macro;
      if (HEADING_MACROS.has(name)) {
        flush(true);
        out.push(`# ${stripEscapes(macroArgs(rest))}`);
      } else if (BREAK_MACROS.has(name)) flush();
      else if (FONT_MACROS.has(name)) paragraph.push(stripEscapes(macroArgs(rest)));
      else if (MDOC_MACROS.has(name)) paragraph.push(stripEscapes(mdocArgs(name, rest)));
      continue;
    }
    if (/^[.']/.test(raw)) continue;
    const text = stripEscapes(raw).trim();
    if (text) paragraph.push(text);
    else flush();
  }
  flush(true);
  return out.filter((line) => line.length > 0).join("\n\n");
}

/** Reads and converts one man page; `undefined` when it cannot be read. */
export function readManPage(file: string): { title: string; body: string } | undefined {
  try {
    const source = gunzipSync(readFileSync(file)).toString("utf8");
    if (source.startsWith(".so ")) return undefined;
    return { title: path.basename(file).replace(/\.gz$/, ""), body: troffToText(source) };
  } catch {
    return undefined;
  }
}
