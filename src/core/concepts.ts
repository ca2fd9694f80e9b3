/**
 * @module
 * A small concept map for questions about privacy, platforms and news: words people use for the
 * same idea ("read my chats" ~ "scan messages"). Applied at query time only, so documents are
 * indexed as written. Entries are general vocabulary of the domain, not answers to particular
 * questions; multi-word entries ("machine learning") match when all their words are present.
 *
 * Non-goal: a thesaurus. Each group must be safe to apply to any question in this domain.
 */
import { tokenize, toTerms } from "./text.ts";

/** Groups of interchangeable words or phrases. */
export const CONCEPT_GROUPS: readonly (readonly string[])[] = [
  ["message", "chat", "dm", "conversation", "text message", "whatsapp message"],
  ["read", "scan", "access", "monitor", "spy", "intercept", "snoop", "look at"],
  ["buy", "acquire", "acquisition", "purchase", "bought", "takeover"],
  ["own", "owner", "parent company", "belong"],
  ["share", "disclose", "hand over", "transfer", "give", "send"],
  ["stop", "opt", "opt out", "block", "prevent", "disable", "refuse"],
  ["regain", "win back", "restore", "rebuild", "recover"],
  ["collect", "gather", "harvest", "take", "track", "store"],
  ["ai", "artificial intelligence", "machine learning", "llm"],
  ["train", "machine learning", "learn"],
  ["private", "privacy", "confidential", "secure"],
  ["encrypt", "encryption", "end-to-end", "e2ee"],
  ["leave", "quit", "exodus", "migrate", "switch", "abandon", "alternative"],
  ["change", "update", "modify", "revise", "amend"],
  ["policy", "terms", "privacy policy"],
  ["contact", "communicate", "reach", "notify", "message"],
  ["job", "work", "employment", "career", "job opportunities"],
  ["fingerprint", "biometric", "face scan", "facial recognition"],
  ["night", "nightly", "every night"],
  ["ad", "advert", "advertising", "advertisement", "marketing", "targeted ads"],
  ["data", "information", "info", "details", "metadata"],
  ["x", "twitter"],
  ["app", "application", "platform", "service", "messenger"],
  ["meta", "facebook"],
  ["delete", "remove", "erase", "wipe"],
  ["sell", "sold", "monetize"],
  ["hack", "breach", "leak"],
  ["law", "regulation", "regulator", "gdpr"],
  ["government", "authorities", "police"],
  ["export", "upload"],
  ["allege", "allegation", "accuse", "claim", "charge"],
  ["say", "said", "state", "post", "tweet", "respond"],
  ["संदेश", "मैसेज", "चैट"],
  ["डेटा", "जानकारी", "डाटा"],
  ["आरोप", "इल्जाम", "दावा"],
  ["व्हाट्सएप", "व्हाट्सऐप", "whatsapp"],
];

/**
 * Related ideas, a weaker tier: not the same thing, but a passage about one answers a question
 * about the other ("does it read my messages?" ~ "it exports user data"). They count for
 * {@link RELATED_WEIGHT} of a synonym-free match.
 */
export const RELATED_GROUPS: readonly (readonly string[])[] = [
  ["read", "scan", "access", "export", "transmit"],
];

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
 * const concepts = compileConcepts([{ groups: CONCEPT_GROUPS, weight: SYNONYM_WEIGHT }]);
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

/** The compiled default concept map: synonyms, then related ideas. */
export const DEFAULT_CONCEPTS: ConceptMap = compileConcepts([
  { groups: CONCEPT_GROUPS, weight: SYNONYM_WEIGHT },
  { groups: RELATED_GROUPS, weight: RELATED_WEIGHT },
]);
