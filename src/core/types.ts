/**
 * @module
 * The plain data that flows from the retrieval core to every adapter. Nothing here knows about
 * Discord, Telegram or the terminal: adapters only render these shapes.
 */

/** Metadata a document states about itself (front matter). Fields it does not state are absent. */
export interface DocumentMeta {
  title: string;
  publisher?: string;
  /** ISO date, `YYYY-MM-DD`. */
  date?: string;
  url?: string;
  /** ISO 639-1 code, from front matter or detected. */
  language: string;
}

/** One indexed document, as listed by `/sources`. */
export interface DocumentInfo extends DocumentMeta {
  /** Path relative to `DATA_DIR`, with forward slashes. */
  file: string;
  passages: number;
}

/** A numbered source in an {@link Answer}; `n` is what quotes cite. */
export interface Source extends DocumentMeta {
  n: number;
  file: string;
}

/** A verbatim excerpt of a document, citing `sources[n - 1]`. */
export interface Quote {
  text: string;
  source: number;
  /** Where in the document: 1-based paragraph number among its indexed paragraphs. */
  paragraph?: number;
  /** Where in the document: the heading the quote sits under, when the document has one. */
  section?: string;
  /** Where in the document: the page (1-based), for documents converted from PDF. */
  page?: number;
  /** The quote's language, when it differs from the question's (an English question, a Hindi quote). */
  language?: string;
  /**
   * Other places that say the same, word for word or nearly: a sentence repeated across
   * documents is shown once and cited in each. Each `source` is in `sources`.
   */
  also?: QuotePlace[];
}

/** Where else a quote's words are: a source (its `n`) and the paragraph or page there. */
export interface QuotePlace {
  source: number;
  paragraph?: number;
  page?: number;
}

/** What an answer is: quotes, an honest "not covered", or a reply to small talk ("hi", "thanks"). */
export type AnswerKind = "answer" | "not_covered" | "smalltalk";

/**
 * The answer to one question: the `Answer` JSON of CONTRACTS.md.
 *
 * @example
 * ```ts
 * const answer = library.ask("does whatsapp read my messages?");
 * if (!answer.answered) console.log("The documents don't cover this.");
 * ```
 */
export interface Answer {
  question: string;
  answered: boolean;
  /** `answered` is true exactly for "answer"; small talk is not an answer. */
  kind?: AnswerKind;
  quotes: Quote[];
  sources: Source[];
  /** For small talk: example questions the documents answer, to show what can be asked. */
  examples?: string[];
}

/** Which measured signals shape an answer (all on by default; `npm run eval` turns each off). */
export interface Signals {
  /** Sentence-embedding similarity, when vectors are ready. */
  semantic: boolean;
  /** WordNet synonyms, at a lower weight than the word itself. */
  wordnet: boolean;
  /** Absent words weighted by everyday-English rarity instead of all at the maximum. */
  frequency: boolean;
  /** Markup and conversational padding removed; small talk recognised. */
  filler: boolean;
  /** Sentences holding the kind of answer the question wants are preferred. */
  intent: boolean;
  /** A lead-in brings what it introduces; a sentence leaning on the previous one brings it. */
  context: boolean;
  /** Captions, cross-references, questions and bare headings are demoted. */
  roles: boolean;
  /** Contested questions show both sides in the first quotes. */
  sides: boolean;
  /** The corpus's own synonym file. */
  concepts: boolean;
  /** Names and loanwords matched across scripts (Latin ~ Devanagari). */
  crossScript: boolean;
  /** A passage counts with its section: one in a section that matches the question little counts less. */
  sections: boolean;
  /** A sentence where the question's neighbouring words stand together counts more. */
  proximity: boolean;
}

/** Options for {@link Library.ask}. */
export interface AskOptions {
  /** Skip this many quotes (for "More sources"). Default 0. */
  offset?: number;
  /** How many quotes at most. Default 4. */
  limit?: number;
  /** Turn measured signals off (for `npm run eval`'s ablation); all are on by default. */
  signals?: Partial<Signals>;
}

/** A file that could not be indexed, with a reason a moderator can act on. */
export interface FileError {
  file: string;
  reason: string;
}

/** Something in a file that was indexed but left out (an unsafe link), with the reason. */
export interface FileWarning {
  file: string;
  message: string;
}

/** What a reindex did. Adapters render it for moderators. */
export interface ReindexReport {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  documents: number;
  passages: number;
  errors: FileError[];
  /** Indexed files with something left out. Absent in reports from before warnings existed. */
  warnings?: FileWarning[];
  /** False when nothing could be indexed and the previous index stayed live. */
  applied: boolean;
  /** True when this was a dry run: nothing was swapped in or saved. */
  dryRun: boolean;
  durationMs: number;
}

/** Progress callback for long reindexes. */
export type ReindexProgress = (done: number, total: number, file: string) => void;

export interface ReindexOptions {
  dryRun?: boolean;
  onProgress?: ReindexProgress;
}

/** The logger the core accepts (pino-compatible subset); the core never writes to the console. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything: the default when none is injected. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Where a question or vote came from. */
export type Platform = "telegram" | "discord" | "terminal";

/** A 👍/👎 on an answer. `user` is the raw platform id; stores keep at most a salted hash of it. */
export interface FeedbackEvent {
  platform: Platform;
  vote: "up" | "down";
  question: string;
  /** `file` of every source the answer cited. */
  sources: string[];
  user?: string;
  /** With a library per community: the community asked in (`telegram:<group id>`, `discord:<server id>`). */
  community?: string;
  /** When it happened, in ms since the epoch; absent: when it is written (it is written later through Redis). */
  at?: number;
  /** A unique id of the event (its Redis stream entry): written at most once however often it is replayed. */
  eventId?: string;
}

/** A question that was asked and whether the documents covered it. */
export interface QuestionEvent {
  platform: Platform;
  question: string;
  answered: boolean;
  sources: string[];
  user?: string;
  /** With a library per community: the community asked in. */
  community?: string;
  /** When it happened, in ms since the epoch; absent: when it is written. */
  at?: number;
  /** A unique id of the event (its Redis stream entry): written at most once however often it is replayed. */
  eventId?: string;
}

/**
 * Records usage for the moderators' report. Adapters call it after answering and on feedback
 * buttons; implementations must never throw into the adapter (log and move on).
 */
export interface UsageRecorder {
  recordQuestion(event: QuestionEvent): void;
  recordFeedback(event: FeedbackEvent): void;
}

/** A recorder that keeps nothing: the default when usage recording is not wired. */
export const noUsageRecorder: UsageRecorder = {
  recordQuestion() {},
  recordFeedback() {},
};
