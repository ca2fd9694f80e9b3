/**
 * @module
 * Making arbitrary document text safe to show in Discord: markdown escaped so a quote renders as
 * written, mentions defused so nothing can ping, and length trimming that never cuts inside a word.
 */
import { escapeMarkdown } from "discord.js";

const ZWSP = "\u200b";

/**
 * Defuses `@everyone`, `@here`, `<@user>`, `<@!user>`, `<@&role>` and `<#channel>` by inserting a
 * zero-width space, so they show as typed instead of as pings or pills. `allowedMentions` already
 * stops pings; this also keeps a quoted `<@123>` readable instead of turning into someone's name.
 *
 * @example
 * ```ts
 * defuseMentions("hi @everyone"); // "hi @\u200beveryone"
 * ```
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

/**
 * Escapes Discord markdown (including headings, lists and masked links, which would otherwise
 * reshape a quote) and defuses mentions: the text then displays exactly as the document has it.
 *
 * @example
 * ```ts
 * toDiscordText("*not* bold"); // "\\*not\\* bold"
 * ```
 */
export function toDiscordText(text: string): string {
  const escaped = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return defuseMentions(escaped);
}

/**
 * Shortens `text` to at most `max` characters at a word boundary, ending with "…". A single word
 * longer than the limit is the only case cut inside (there is no boundary to cut at).
 *
 * @example
 * ```ts
 * truncateWords("the quick brown fox", 12); // "the quick…"
 * ```
 */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, max);
  let cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > 0) cut = cut.slice(0, space);
  // never leave half of a surrogate pair (an emoji) behind
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * Joins whole lines until `max` would be exceeded, then adds a note saying how many were left out.
 *
 * @example
 * ```ts
 * fitLines(["a", "b", "c"], 5, (n) => `+${n}`); // "a\nb\n+1" or fewer lines, always ≤ 5
 * ```
 */
export function fitLines(lines: string[], max: number, more: (left: number) => string): string {
  let kept = 0;
  let length = -1; // running length of the kept lines joined with "\n"
  while (kept < lines.length) {
    const next = length + 1 + (lines[kept] ?? "").length;
    const left = lines.length - kept - 1;
    // each accepted prefix is checked together with the note it would need, so the final note fits
    if (next + (left ? 1 + more(left).length : 0) > max) break;
    length = next;
    kept++;
  }
  const body = lines.slice(0, kept).join("\n");
  if (kept === lines.length) return body;
  const note = more(lines.length - kept);
  return truncateWords(body ? `${body}\n${note}` : note, max);
}
