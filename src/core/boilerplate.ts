/**
 * @module
 * Removes what a scraped news page carries besides the article: navigation, promotions, share
 * bars, captions, bylines, author bios, comment forms, related-headline lists and repeated
 * paragraphs. Rules are about page furniture in general, not about any particular file.
 */

/** A paragraph-level piece of a document, with its line number (1-based) in the body. */
export interface Block {
  text: string;
  line: number;
  heading: boolean;
  /** The page it is on, for documents converted from PDF (see `formats/page-marker.ts`). */
  page?: number;
  /** An item of a bulleted or numbered list. */
  listItem?: boolean;
}

/** Why a block was dropped (for logs and tests). */
export type BoilerplateRule =
  | "promo"
  | "caption"
  | "byline"
  | "domain"
  | "duplicate"
  | "related-list"
  | "about-section"
  | "comment-form"
  | "no-text";

const PROMO =
  /^(?:also read|read also|read more|see also|recommended(?: for you)?|share (?:to|this|on|via)\b|table of contents|previous (?:article|post)|next (?:article|post)|tagged\b|tags:|filter videos by|subscribe\b|follow us\b|sign up for\b|to read more such news|download (?:the )?[\p{L}\s]{0,40}apps?\b|advertisement$|sponsored$|click here\b|यह भी पढ़ें|ये भी पढ़ें|इसे भी पढ़ें)/iu;
const INLINE_PROMO = /\s(?:also read|read also|read more|यह भी पढ़ें|ये भी पढ़ें|इसे भी पढ़ें)\s*[:：-].*$/iu;
const CAPTION =
  /(?:^(?:photo|image|picture|screenshot|credit|source: getty|file photo)\b.{0,120}$)|(?:\|\s*(?:photo|image|credit)s?\s*[-:])/iu;
const BYLINE_LINE =
  /^(?:by|written by|author:?)\s+[\p{L}.' -]{2,60}(?:\s+[-–|•]\s+.{0,60})?$|^\d+\s+min(?:ute)?s? read$/iu;
// "By Ronik - Founder 2 Min Read": only a block's end is searched (an unanchored search of every
// block's every position was a twentieth of a cold start).
const READING_TIME = /(?:^|\W)\d+\s+min read$/i;
const isByline = (text: string) => BYLINE_LINE.test(text) || READING_TIME.test(text.slice(-24));
const DOMAIN = /^(?:https?:\/\/)?(?:[\w-]+\.)+[a-z]{2,}(?:\/\S*)?$/i;
const RELATED_HEADING =
  /^(?:related(?: articles| news| posts| stories| reads)?|more from|more stories|you may also like|trending(?: now)?|latest news|संबंधित खबरें|संबंधित ख़बरें|ताज़ा खबरें|ये भी पढ़ें)\s*:?$/iu;
const ABOUT_HEADING = /^[Aa]bout(?: the author| us| [\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}.]*)?)$/u;
const COMMENT_FORM =
  /^(?:leave a (?:reply|comment)|post a comment|comments?\s*\(\d+\)|your email address will not be published)/i;

const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
const NON_ASCII = /[\u0080-\uFFFF]/;

/**
 * Key under which two paragraphs count as the same: case folded, and every run of characters
 * that are no letter, mark or digit (spaces, punctuation, typographic quotes) one space.
 * Lower-cased ASCII text has no letters but a–z and no digits but 0–9, so its words are joined by
 * hand: the Unicode pattern took 1.5 times as long, and answers key every quote they rank.
 */
export function duplicateKey(text: string): string {
  const lower = text.toLowerCase();
  if (NON_ASCII.test(lower)) return lower.replace(NOT_WORD, " ").trim();
  let key = "";
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      key = key ? `${key} ${lower.slice(start, i)}` : lower.slice(start, i);
      start = -1;
    }
  }
  return key;
}

/**
 * Drops page furniture from a document's blocks and cuts trailing "Also read:" promotions out
 * of paragraphs. Returns the kept blocks and what was dropped by which rule.
 *
 * @example
 * ```ts
 * const { kept } = removeBoilerplate(blocks);
 * ```
 */
export function removeBoilerplate(blocks: Block[]): {
  kept: Block[];
  dropped: { block: Block; rule: BoilerplateRule }[];
} {
  const kept: Block[] = [];
  const dropped: { block: Block; rule: BoilerplateRule }[] = [];
  const seen = new Set<string>();
  const half = Math.floor(blocks.length / 2);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const text = block.text;
    const drop = (rule: BoilerplateRule) => dropped.push({ block, rule });
    // Sections that run to the end of the page: related headlines, "About X" blurbs, comment forms.
    const tail: BoilerplateRule | undefined = COMMENT_FORM.test(text)
      ? "comment-form"
      : i >= half && RELATED_HEADING.test(text)
        ? "related-list"
        : i >= half && block.heading && ABOUT_HEADING.test(text)
          ? "about-section"
          : undefined;
    if (tail) {
      for (const rest of blocks.slice(i)) dropped.push({ block: rest, rule: tail });
      break;
    }
    if (!/[\p{L}\p{N}]/u.test(text)) drop("no-text");
    else if (PROMO.test(text) || RELATED_HEADING.test(text)) drop("promo");
    else if (CAPTION.test(text)) drop("caption");
    else if (isByline(text)) drop("byline");
    else if (DOMAIN.test(text)) drop("domain");
    else {
      const cut = text.replace(INLINE_PROMO, "").trim();
      const key = duplicateKey(cut);
      if (seen.has(key)) drop("duplicate");
      else {
        seen.add(key);
        kept.push(cut === text ? block : { ...block, text: cut });
      }
    }
  }
  return { kept, dropped };
}
