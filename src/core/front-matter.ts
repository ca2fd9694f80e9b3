/**
 * @module
 * Front matter as data, never as code. gray-matter picks a parser from the word after the first
 * `---` (`---js` runs its JavaScript engine through `eval`), and documents come from anyone a
 * moderator trusts with an upload, so only YAML is read, with js-yaml's safe schema (no
 * `!!js/function` or other custom tags).
 */
import { createRequire } from "node:module";
import type matterType from "gray-matter";

// Required on first use: gray-matter pulls in js-yaml and esprima, about 60 ms at start-up, and
// answering from a snapshot reads no front matter.
let loaded: typeof matterType | undefined;
const matter = () => {
  loaded ??= createRequire(import.meta.url)("gray-matter") as typeof matterType;
  return loaded;
};

/** Words after the opening `---` that mean YAML (gray-matter's own aliases). */
const YAML_LANGUAGES = new Set(["", "yaml", "yml"]);

/** Why front matter was not read; the caller names the file. */
export class FrontMatterError extends Error {
  override name = "FrontMatterError";
}

const refuse = (language: string) => () => {
  throw new FrontMatterError(`front matter in ${language} is not read, only YAML`);
};

/**
 * gray-matter merges these over its built-in engines, so even a language this module failed to
 * spot could not reach `eval`: JavaScript and JSON refuse, and YAML stays its `safeLoad` engine.
 */
const ENGINES = {
  javascript: refuse("JavaScript"),
  json: refuse("JSON"),
  coffee: refuse("CoffeeScript"),
};

/**
 * Splits text into front matter (a YAML mapping) and content. Throws {@link FrontMatterError}
 * when the front matter names another language, is not valid YAML, or is not `key: value` lines.
 *
 * @example
 * ```ts
 * const { data, content } = parseFrontMatter("---\ntitle: Rivers\n---\nThe river rose.");
 * data.title; // "Rivers"
 * ```
 */
export function parseFrontMatter(text: string): { data: Record<string, unknown>; content: string } {
  // The same test gray-matter makes: `---` not followed by a fourth `-` opens front matter, and the
  // rest of that line names its language.
  if (text.startsWith("---") && text.charAt(3) !== "-") {
    const language = matter().language(text).name;
    if (!YAML_LANGUAGES.has(language.toLowerCase())) {
      throw new FrontMatterError(
        `front matter in "${language}" is not read, only YAML: remove "${language}" after the first ---`,
      );
    }
  }
  let parsed: matterType.GrayMatterFile<string>;
  try {
    // Passing options also turns off gray-matter's unbounded cache of every string it has parsed.
    parsed = matter()(text, { excerpt: false, engines: ENGINES });
  } catch (cause) {
    if (cause instanceof FrontMatterError) throw cause;
    const reason = (cause as Error).message.split("\n")[0];
    throw new FrontMatterError(`invalid front matter: ${reason}; fix the YAML between the --- lines`, {
      cause,
    });
  }
  const data: unknown = parsed.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError(
      "invalid front matter: it is not a list of `key: value` lines; fix the YAML between the --- lines",
    );
  }
  return { data: data as Record<string, unknown>, content: parsed.content };
}
