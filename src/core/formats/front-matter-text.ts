/**
 * @module
 * Front matter written by the converters: what a PDF, web page or Word file states about itself
 * (title, site name, author, date), as YAML the document reader parses like any other.
 */

/**
 * YAML front matter for the fields that hold text; `""` when none does. Values are written as
 * JSON strings (valid YAML), so a title with a colon or a quote cannot break the block.
 *
 * @example
 * ```ts
 * frontMatter({ title: "Rivers: a guide", author: undefined }); // '---\ntitle: "Rivers: a guide"\n---\n'
 * ```
 */
export function frontMatter(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== "")
    .map(([key, value]) => `${key}: ${JSON.stringify(value.replace(/\s+/g, " ").trim())}`);
  return lines.length ? `---\n${lines.join("\n")}\n---\n` : "";
}
