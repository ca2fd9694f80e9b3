/**
 * @module
 * A strict check of Telegram's HTML parse mode, for the loopback fake Bot API: the tags Telegram
 * supports, properly nested, blockquotes not nested, only the entities Telegram knows. Returns the
 * text Telegram would keep (for the length limit) or the error Telegram would answer with.
 */

const ALLOWED = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlCheck = { ok: true; text: string } | { ok: false; error: string };

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/;
const ATTR = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

/**
 * Parses `html` as Telegram would.
 *
 * @example
 * ```ts
 * checkTelegramHtml("<b>a &amp; b</b>"); // { ok: true, text: "a & b" }
 * checkTelegramHtml("<script>");         // { ok: false, error: "Unsupported start tag \"script\" …" }
 * ```
 */
export function checkTelegramHtml(html: string): HtmlCheck {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === "<") {
      const m = TAG.exec(html.slice(i));
      if (!m) return { ok: false, error: `Can't find end of the tag starting at byte offset ${i}` };
      const [whole, closing, rawName, rawAttrs = ""] = m;
      const name = (rawName as string).toLowerCase();
      if (!ALLOWED.has(name))
        return { ok: false, error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name)
          return {
            ok: false,
            error: `Unmatched end tag at byte offset ${i}, expected "</${stack.at(-1) ?? ""}>", found "</${name}>"`,
          };
      } else {
        const attrs = new Map<string, string>();
        for (const a of rawAttrs.matchAll(ATTR))
          attrs.set((a[1] as string).toLowerCase(), a[2] ?? a[3] ?? a[4] ?? "");
        const problem = checkAttributes(name, attrs, stack);
        if (problem) return { ok: false, error: `${problem} at byte offset ${i}` };
        stack.push(name);
      }
      i += whole.length;
    } else if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i, i + 12));
      if (!m) return { ok: false, error: `Unsupported HTML entity at byte offset ${i}` };
      const name = m[1] as string;
      text +=
        NAMED[name] ??
        String.fromCodePoint(
          name.startsWith("#x") ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
        );
      i += m[0].length;
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length)
    return { ok: false, error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { ok: true, text: text.trim() };
}

function checkAttributes(name: string, attrs: Map<string, string>, stack: string[]): string | undefined {
  if (name === "a") {
    const href = attrs.get("href");
    if (!href || !/^(https?:\/\/|tg:\/\/)/.test(href)) return "Wrong HTTP URL";
  }
  if (name === "span" && attrs.get("class") !== "tg-spoiler")
    return 'Tag "span" must have class "tg-spoiler"';
  if (name === "blockquote" && stack.includes("blockquote")) return "Blockquote entities can't be nested";
  if (stack.includes("pre") || (stack.includes("code") && name !== "code"))
    return "Entities inside code are not allowed";
  return undefined;
}
