/**
 * @module
 * A corpus's own synonyms: words its readers use for the same idea ("read my chats" ~ "scan
 * messages"), kept by moderators in `DATA_DIR/.synonyms.txt` beside the documents, because only
 * they know their domain's vocabulary. Applied at query time only, so documents are indexed as
 * written; multi-word entries ("machine learning") match when all their words are present.
 *
 * The file: one group per line, comma-separated; a line starting with `~` lists related ideas
 * (weaker than synonyms); `#` starts a comment.
 *
 * ```text
 * # same idea
 * message, chat, dm, conversation
 * ~ read, scan, access, export
 * ```
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { tokenize, toTerms } from "./text.ts";

/** Weight of a synonym relative to the word itself. */
export const SYNONYM_WEIGHT = 0.9;
/** Weight of a related idea relative to the word itself. */
export const RELATED_WEIGHT = 0.6;

/** One way to say a concept: the index terms that must all be present, and how much it counts. */
export interface Alternative {
  terms: readonly string[];
  weight: number;
}

/**
 * Concept lookup by an alternative's terms joined with a space ("scan", "machine learn"): the
 * alternatives of every group it belongs to.
 */
export type ConceptMap = ReadonlyMap<string, readonly Alternative[]>;

/**
 * Compiles groups into a lookup (the groups are stemmed like documents are). A word in several
 * groups gets all their alternatives, each at its best weight.
 *
 * @example
 * ```ts
 * const concepts = compileConcepts([{ groups: [["read", "scan"]], weight: SYNONYM_WEIGHT }]);
 * concepts.get("scan"); // [{ terms: ["read"], weight: 0.9 }, { terms: ["scan"], weight: 0.9 }, …]
 * ```
 */
export function compileConcepts(
  tiers: readonly { groups: readonly (readonly string[])[]; weight: number }[],
): ConceptMap {
  const map = new Map<string, Alternative[]>();
  for (const { groups, weight } of tiers) {
    for (const group of groups) {
      // A phrase that loses a word to the stop list ("hand over" → "hand") would change meaning: skip it.
      const alternatives = group
        .map((phrase) => ({ terms: toTerms(phrase), words: tokenize(phrase).length }))
        .filter(({ terms, words }) => terms.length > 0 && terms.length === words)
        .map(({ terms }) => terms);
      for (const alt of alternatives) {
        const key = alt.join(" ");
        const existing = map.get(key) ?? [];
        for (const terms of alternatives) {
          const found = existing.find((e) => e.terms.join(" ") === terms.join(" "));
          if (!found) existing.push({ terms, weight });
          else found.weight = Math.max(found.weight, weight);
        }
        map.set(key, existing);
      }
    }
  }
  return map;
}

/** No synonyms: a corpus without a synonym file. */
export const NO_CONCEPTS: ConceptMap = new Map();

/** Where a corpus keeps its synonyms (hidden, so it is never indexed as a document). */
export const SYNONYM_FILE = ".synonyms.txt";

/** Parses a synonym file's text (see the module comment for the format). */
export function parseSynonyms(text: string): ConceptMap {
  const synonyms: string[][] = [];
  const related: string[][] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const isRelated = line.startsWith("~");
    const group = line
      .replace(/^~/, "")
      .split(",")
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean);
    if (group.length >= 2) (isRelated ? related : synonyms).push(group);
  }
  return compileConcepts([
    { groups: synonyms, weight: SYNONYM_WEIGHT },
    { groups: related, weight: RELATED_WEIGHT },
  ]);
}

/**
 * Reads `DATA_DIR/.synonyms.txt`; a missing file means no synonyms, an unreadable one is reported.
 *
 * @example
 * ```ts
 * const concepts = await loadSynonyms("data");
 * ```
 */
export async function loadSynonyms(dataDir: string): Promise<{ concepts: ConceptMap; error?: string }> {
  try {
    const text = await readFile(path.join(dataDir, SYNONYM_FILE), "utf8");
    return { concepts: parseSynonyms(text.slice(0, 1_000_000)) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { concepts: NO_CONCEPTS };
    return { concepts: NO_CONCEPTS, error: `cannot read ${SYNONYM_FILE}: ${(err as Error).message}` };
  }
}
