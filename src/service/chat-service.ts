/**
 * @module
 * The chat service between the core and the adapters: everything a question goes through once,
 * whichever platform it came from. It checks the question, applies the one rate-limit policy,
 * reads follow-ups in their conversation, ranks the question once, serves pages of that ranking
 * (first page and "More sources" alike), counts votes once per user and records usage. Adapters
 * turn platform events into these calls and render what comes back; nothing here knows a platform.
 */
import type { Answer, AskOptions, DocumentInfo, Logger, Platform, UsageRecorder } from "../core/types.ts";
import { noUsageRecorder, silentLogger } from "../core/types.ts";
import type { AnswerStore, AnswerStoreOptions, StoredAnswer } from "./answer-store.ts";
import { type ChatStores, memoryChatStores } from "./chat-stores.ts";
import { Conversations, readFollowUp } from "./follow-up.ts";
import { type Locale, type MessageKey, message, pickLocale } from "./messages.ts";
import { checkQuestion } from "./question-check.ts";
import { DEFAULT_RATE_POLICY, type RateLimiter, type RatePolicy } from "./rate-limit.ts";

/** The part of the core `Library` the service uses; the real `Library` fits it. */
export interface ServiceLibrary {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  documents(): DocumentInfo[];
  suggest?(partial: string, limit?: number): string[];
}

/**
 * Where each community's questions are answered from (`LIBRARY_SCOPE=community`); the
 * `LibraryRegistry` is one. A missing key means the base library.
 */
export interface CommunityLibraries {
  answering(community: string | undefined): {
    ask(question: string, options?: AskOptions): Promise<Answer>;
    documents(): Promise<DocumentInfo[]>;
    suggest?(partial: string, limit?: number): string[];
  };
}

/** Who is asking, where: what every adapter can tell from a platform event. */
export interface Asker {
  platform: Platform;
  /** The platform's user id. */
  user: string;
  /** The chat, channel or DM the request came from (for the per-chat limit). */
  chat: string;
  /** Which conversation follow-ups belong to; default the user in that chat. */
  conversation?: string;
  /** The platform's language hint (`language_code`, interaction locale). */
  language?: string;
  /**
   * The community asked in (`telegram:<group id>`, `discord:<server id>`), whose library answers
   * when the service has {@link CommunityLibraries}; absent in private chats and inline queries.
   */
  community?: string;
}

/** One page of a ranked answer, ready to render. */
export interface AnswerPage {
  /** The stored answer's id, for buttons. */
  id: string;
  /** This page: its quotes, and the sources they cite, numbered as in the whole ranking. */
  answer: Answer;
  offset: number;
  /** Quotes in the whole ranking. */
  total: number;
  /** Whether quotes follow this page. */
  hasMore: boolean;
  /** How a follow-up was read, when the message was one. */
  followUp?: "more" | "who" | "why" | "topic";
}

/** What the service answers: a page, a short notice (already in the user's language), or silence. */
export type ChatReply = { locale: Locale } & (
  | { kind: "page"; page: AnswerPage }
  | { kind: "notice"; reason: MessageKey; text: string }
  | { kind: "quiet" }
);

/** Options for {@link ChatService}. */
export interface ChatServiceOptions {
  library: ServiceLibrary;
  /** A library per community; without it every question is answered from `library`. */
  libraries?: CommunityLibraries;
  usage?: UsageRecorder;
  logger?: Logger;
  rates?: Partial<RatePolicy>;
  /** Options of the in-memory answer store, when `stores` is not given. */
  answers?: AnswerStoreOptions;
  /** Where answers and rate counts live; default this process's memory (Redis with `REDIS_URL`). */
  stores?: ChatStores;
  /** How long a conversation remembers its last answer; default five minutes. */
  followUpMs?: number;
  /** The clock, in milliseconds, for limits and lifetimes (tests pass their own). */
  now?: () => number;
}

/** Quotes per page; "More sources" serves the next this many. */
export const PAGE_SIZE = 4;
// The core caps this at the most it ranks; asking for more than it has means "all of them".
const ALL_QUOTES = 1_000;

/**
 * The chat service shared by Telegram, Discord and the terminal.
 *
 * @example
 * ```ts
 * const service = new ChatService({ library, usage, logger });
 * const reply = await service.ask({ platform: "telegram", user: "42", chat: "42" }, "does WhatsApp read my messages?");
 * if (reply.kind === "page") render(reply.page);
 * ```
 */
export class ChatService {
  readonly #library: ServiceLibrary;
  readonly #libraries: CommunityLibraries | undefined;
  readonly #usage: UsageRecorder;
  readonly #logger: Logger;
  readonly #limiter: RateLimiter;
  readonly #previewLimiter: RateLimiter;
  readonly #answers: AnswerStore;
  readonly #conversations: Conversations;

  constructor(options: ChatServiceOptions) {
    this.#library = options.library;
    this.#libraries = options.libraries;
    this.#usage = options.usage ?? noUsageRecorder;
    this.#logger = options.logger ?? silentLogger;
    const stores = options.stores ?? memoryChatStores({ answers: options.answers, now: options.now });
    const policy = { ...DEFAULT_RATE_POLICY, ...options.rates };
    this.#limiter = stores.limiter("ask", policy);
    // Previews fire as the user types, so they get their own budget, five times looser.
    const preview = { ...policy, user: { ...policy.user, limit: policy.user.limit * 5 } };
    this.#previewLimiter = stores.limiter("preview", preview);
    this.#answers = stores.answers;
    this.#conversations = new Conversations({ ttlMs: options.followUpMs, now: options.now });
  }

  /** Answers a message: a new question, or a follow-up in its conversation. */
  async ask(asker: Asker, text: string): Promise<ChatReply> {
    const locale = pickLocale({ language: asker.language, text });
    const limited = await this.#limit(asker, locale);
    if (limited) return limited;
    const check = checkQuestion(text);
    if (!check.ok) return notice(locale, check.reason, check.vars);
    const key = conversationKey(asker);
    const last = this.#conversations.last(key);
    const followUp = readFollowUp(check.question, last);
    // "more" goes on from the last page; "who said that?" goes back to it. Neither ranks again.
    if (followUp?.kind === "more" || followUp?.kind === "who") {
      if (!last) return notice(locale, "nothing_before");
      const offset = followUp.kind === "more" ? last.next : last.offset;
      return this.#turn(asker, locale, last.answerId, offset, followUp.kind);
    }
    const question = followUp?.kind === "ask" ? followUp.question : check.question;
    const ranking = await this.#libraryOf(asker).ask(question, { limit: ALL_QUOTES });
    const id = await this.#answers.put(ranking);
    const page = this.#page(id, ranking, 0);
    if (followUp?.kind === "ask") page.followUp = followUp.reason;
    this.#record(() =>
      this.#usage.recordQuestion({
        platform: asker.platform,
        question,
        answered: ranking.answered,
        sources: citedFiles(page.answer),
        user: asker.user,
        ...this.#communityOf(asker),
      }),
    );
    if (ranking.kind !== "smalltalk") this.#remember(key, question, page);
    return { locale, kind: "page", page };
  }

  /**
   * The first page of an answer as a preview (Telegram's inline mode, as the user types): checked,
   * ranked and paged like {@link ask}, but not recorded nor remembered, and never a follow-up.
   */
  async preview(asker: Asker, text: string): Promise<ChatReply> {
    const locale = pickLocale({ language: asker.language, text });
    const decision = await this.#previewLimiter.take(
      `${asker.platform}:${asker.user}`,
      `${asker.platform}:${asker.chat}`,
    );
    if (!decision.allowed) return { locale, kind: "quiet" };
    const check = checkQuestion(text);
    if (!check.ok) return notice(locale, check.reason, check.vars);
    const ranking = await this.#libraryOf(asker).ask(check.question, { limit: ALL_QUOTES });
    return { locale, kind: "page", page: this.#page("", ranking, 0) };
  }

  /** "More sources" under an answer: the page at `offset` of its stored ranking. */
  async more(asker: Asker, id: string, offset: number): Promise<ChatReply> {
    const locale = pickLocale({ language: asker.language });
    const limited = await this.#limit(asker, locale);
    if (limited) return limited;
    const stored = await this.#answers.get(id);
    if (!stored) return notice(locale, "expired");
    // Marked before it is sent, so a double tap on two replicas at once sends the page once.
    if (!(await this.#answers.markServed(id, offset))) return notice(locale, "already_shown");
    return this.#turn(asker, locale, id, offset, undefined, stored);
  }

  /** 👍 or 👎 on an answer, counted once per user. */
  async vote(asker: Asker, id: string, vote: "up" | "down"): Promise<ChatReply> {
    const locale = pickLocale({ language: asker.language });
    const limited = await this.#limit(asker, locale);
    if (limited) return limited;
    const stored = await this.#answers.get(id);
    if (!stored) return notice(locale, "expired");
    if (!(await this.#answers.markVoted(id, asker.user))) return notice(locale, "already_voted");
    const first = this.#page(id, stored.ranking, 0).answer;
    this.#record(() =>
      this.#usage.recordFeedback({
        platform: asker.platform,
        vote,
        question: stored.ranking.question,
        sources: citedFiles(first),
        user: asker.user,
        ...this.#communityOf(asker),
      }),
    );
    return notice(locale, vote === "up" ? "thanks_up" : "thanks_down");
  }

  /**
   * Carries an answer's context into another conversation, such as the Discord thread opened on
   * it, so that follow-ups asked there are read against it.
   */
  async continueIn(asker: Asker, page: AnswerPage, conversation: string): Promise<void> {
    const stored = await this.#answers.get(page.id);
    if (stored) this.#remember(conversationKey({ ...asker, conversation }), stored.ranking.question, page);
  }

  /** The documents a question from `asker` can cite (its community's and the base), by title. */
  async documents(asker?: Pick<Asker, "community">): Promise<DocumentInfo[]> {
    if (this.#libraries) return this.#libraries.answering(asker?.community).documents();
    return this.#library.documents();
  }

  /** Questions the documents can answer that start like `partial` (autocomplete). */
  suggest(partial: string, limit?: number, asker?: Pick<Asker, "community">): string[] {
    return this.#libraryOf(asker ?? {}).suggest?.(partial, limit) ?? [];
  }

  /** Where it was asked, for the usage report; recorded only when each community has a library. */
  #communityOf(asker: Asker): { community?: string } {
    return this.#libraries && asker.community ? { community: asker.community } : {};
  }

  #libraryOf(asker: Pick<Asker, "community">): Pick<ServiceLibrary, "ask" | "suggest"> {
    return this.#libraries?.answering(asker.community) ?? this.#library;
  }

  async #turn(
    asker: Asker,
    locale: Locale,
    id: string,
    offset: number,
    followUp?: AnswerPage["followUp"],
    known?: StoredAnswer,
  ): Promise<ChatReply> {
    const stored = known ?? (await this.#answers.get(id));
    if (!stored) return notice(locale, "expired");
    if (!stored.ranking.answered || offset >= stored.ranking.quotes.length) return notice(locale, "no_more");
    // "who said that?" is about the quote that led the last page: it alone, with its source
    const page = this.#page(id, stored.ranking, offset, followUp === "who" ? 1 : PAGE_SIZE);
    if (followUp === "who") page.hasMore = false;
    else if (!known) await this.#answers.markServed(id, offset);
    if (followUp) page.followUp = followUp;
    if (followUp !== "who") this.#remember(conversationKey(asker), stored.ranking.question, page);
    return { locale, kind: "page", page };
  }

  #page(id: string, ranking: Answer, offset: number, size = PAGE_SIZE): AnswerPage {
    const quotes = ranking.quotes.slice(offset, offset + size);
    const cited = new Set(quotes.map((q) => q.source));
    const answer: Answer = { ...ranking, quotes, sources: ranking.sources.filter((s) => cited.has(s.n)) };
    const hasMore = ranking.answered && offset + quotes.length < ranking.quotes.length;
    return { id, answer, offset, total: ranking.quotes.length, hasMore };
  }

  #remember(key: string, question: string, page: AnswerPage): void {
    const next = page.offset + page.answer.quotes.length;
    this.#conversations.remember(key, { question, answerId: page.id, offset: page.offset, next });
  }

  async #limit(asker: Asker, locale: Locale): Promise<ChatReply | undefined> {
    // The terminal is one person at their own keyboard: limits protect a shared bot from a crowd.
    if (asker.platform === "terminal") return undefined;
    const decision = await this.#limiter.take(
      `${asker.platform}:${asker.user}`,
      `${asker.platform}:${asker.chat}`,
    );
    if (decision.allowed) return undefined;
    return decision.tell ? notice(locale, "slow_down") : { locale, kind: "quiet" };
  }

  #record(write: () => void): void {
    try {
      write();
    } catch (err) {
      this.#logger.warn({ err }, "recording usage failed");
    }
  }
}

function notice(locale: Locale, reason: MessageKey, vars?: Record<string, number>): ChatReply {
  return { locale, kind: "notice", reason, text: message(locale, reason, vars) };
}

const conversationKey = (a: Asker) => `${a.platform}:${a.conversation ?? `${a.chat}:${a.user}`}`;

/** `file` of every source an answer (page) cites. */
const citedFiles = (answer: Answer): string[] => answer.sources.map((s) => s.file);
