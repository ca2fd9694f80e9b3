/**
 * @module
 * Follow-up questions. A conversation (a Telegram chat and user, a Discord thread, a terminal
 * session) keeps its last question and answer for a few minutes, in memory only, so that "more",
 * "why?", "who said that?" and "and Telegram?" are read in its context. Anything else is a new
 * topic and starts fresh.
 */
import { LRUCache } from "lru-cache";

/** What a conversation remembers of its last answer. */
export interface ConversationTurn {
  /** The question as it was answered (follow-ups already resolved). */
  question: string;
  /** The stored answer's id, to page from and to re-show its sources. */
  answerId: string;
  /** Offset of the page last shown, and of the one after it. */
  offset: number;
  next: number;
}

/** How a message relates to the conversation's last turn. */
export type FollowUp =
  | { kind: "more" }
  | { kind: "who" }
  | { kind: "ask"; question: string; reason: "why" | "topic" };

const MORE = /^(?:more|more sources|next|continue|go on|और|और बताओ|aur)[\s.!?…]*$/iu;
const WHO =
  /^(?:who said (?:that|this|so|it)|says who|who says(?: so)?|sources?|where(?:'s| is| does) (?:that|this|it) (?:from|come from)|किसने कहा|यह किसने कहा|स्रोत)[\s.!?…]*$/iu;
const WHY = /^(?:why|why so|how so|why is that|क्यों|ऐसा क्यों)[\s.!?…]*$/iu;
const TOPIC = /^(?:and|what about|how about|and what about|or|और|और क्या)\s+(.+?)[\s.!?…]*$/iu;
// Words that open a question before its subject: "does WhatsApp read…" has "WhatsApp" as subject.
const OPENING =
  /^((?:(?:what|how|why|when|where|who|which|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|much|many|the|a|an)\s+)+)(\S+)/iu;

/**
 * Reads `text` against the last turn; `undefined` when it is a new question. "more" and "who said
 * that?" are follow-ups even without a last turn (there is then nothing to follow).
 *
 * @example
 * ```ts
 * const last = { question: "does WhatsApp read my messages?", answerId: "a", offset: 0, next: 4 };
 * readFollowUp("and Telegram?", last); // { kind: "ask", question: "does Telegram read my messages?", reason: "topic" }
 * readFollowUp("why?", last);          // { kind: "ask", question: "why does WhatsApp read my messages?", reason: "why" }
 * ```
 */
export function readFollowUp(text: string, last: ConversationTurn | undefined): FollowUp | undefined {
  const t = text.trim();
  if (MORE.test(t)) return { kind: "more" };
  if (WHO.test(t)) return { kind: "who" };
  if (!last) return undefined;
  const asked = last.question.replace(/[\s?.!…]+$/u, "");
  if (WHY.test(t)) {
    const body = asked.replace(/^why\s+/i, "");
    // "Does WhatsApp…" → "why does WhatsApp…"; a name that opens the question keeps its capital
    const opening = OPENING.exec(body);
    const lowered = opening ? body.charAt(0).toLowerCase() + body.slice(1) : body;
    return { kind: "ask", question: `why ${lowered}?`, reason: "why" };
  }
  const topic = TOPIC.exec(t);
  if (topic) {
    return { kind: "ask", question: `${swapSubject(asked, (topic[1] as string).trim())}?`, reason: "topic" };
  }
  return undefined;
}

/**
 * The last question with its subject replaced: a name written with a capital inside the question
 * ("Who owns WhatsApp" → "Who owns Telegram"), else the word after the opening question words
 * ("does whatsapp read…" → "does telegram read…"), else the new subject put in front.
 */
function swapSubject(asked: string, subject: string): string {
  const name = /(?<=\s)\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*/u.exec(asked);
  if (name) return asked.slice(0, name.index) + subject + asked.slice(name.index + name[0].length);
  const opening = OPENING.exec(asked);
  return opening ? `${opening[1]}${subject}${asked.slice(opening[0].length)}` : `${subject} ${asked}`;
}

/**
 * The last turn of each conversation, forgotten after `ttlMs` (default five minutes) and bounded
 * in number; never written to disk.
 *
 * @example
 * ```ts
 * const conversations = new Conversations();
 * conversations.remember("telegram:42", { question: "q", answerId: "a", offset: 0, next: 4 });
 * conversations.last("telegram:42")?.question; // "q"
 * ```
 */
export class Conversations {
  readonly #turns: LRUCache<string, ConversationTurn>;

  constructor(options: { ttlMs?: number; capacity?: number; now?: () => number } = {}) {
    this.#turns = new LRUCache({
      max: options.capacity ?? 10_000,
      ttl: options.ttlMs ?? 5 * 60_000,
      // ttlResolution 0: read the clock on every check, so a test clock moves at once.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  last(key: string): ConversationTurn | undefined {
    return this.#turns.get(key);
  }

  remember(key: string, turn: ConversationTurn): void {
    this.#turns.set(key, turn);
  }
}
