/**
 * @module
 * A loopback fake of the Telegram Bot API (node:http on 127.0.0.1, port 0) for end-to-end tests of
 * the real grammY bot. It long-polls `getUpdates` honouring `offset` (acknowledged updates are never
 * resent), validates what the bot sends like Telegram does (HTML that parses, length and button
 * limits; 400 otherwise), can answer 429 with `retry_after`, and records every call for assertions.
 * Files users send are served like Telegram does: `getFile`, then GET `/file/bot<token>/<file_path>`.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TELEGRAM_LIMITS } from "../../src/adapters/telegram/limits.ts";
import { checkTelegramHtml } from "./telegram-html.ts";

// biome-ignore lint/suspicious/noExplicitAny: Bot API payloads are loose JSON in a fake.
type Json = any;

/** One request the bot made, with what the fake answered. */
export interface FakeCall {
  method: string;
  payload: Json;
  ok: boolean;
  result?: Json;
  error?: { error_code: number; description: string };
}

type Reply =
  | { ok: true; result: Json }
  | { ok: false; error_code: number; description: string; parameters?: Json };

/** A response that is not Bot API JSON at all, as a broken proxy or a cut connection produces. */
interface RawReply {
  raw: { status: number; body: string };
}

/** No response at all: the request stays open, as on a connection that died silently. */
interface Hang {
  hang: true;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}
const bad = (description: string) => new ApiError(400, `Bad Request: ${description}`);

/** The fake's bot account. */
export const FAKE_BOT = {
  id: 7000001,
  is_bot: true,
  first_name: "CiteBot",
  username: "cite_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
};

export class FakeTelegram {
  /** Base URL to pass as grammY's `apiRoot`. */
  apiRoot = "";
  readonly calls: FakeCall[] = [];
  /** Highest `offset` the bot acknowledged with `getUpdates`. */
  confirmedOffset = 0;
  /** How many times each update id was handed out by `getUpdates`. */
  readonly deliveries = new Map<number, number>();
  /** `chatId:userId` → status for `getChatMember` (default "member"). */
  readonly members = new Map<string, string>();
  webhook: { url: string; secret?: string } | undefined;
  readonly commands = new Map<string, Json[]>();
  /** `file_path` of every file the bot downloaded, in order. */
  readonly downloads: string[] = [];

  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private queue: Json[] = [];
  private nextUpdateId = 1;
  private readonly chats = new Map<number, Json>();
  private readonly messages = new Map<string, Json>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly failures: Array<{ method: string; reply: Reply | RawReply | Hang }> = [];
  private poll: { wake: () => void; cancel: (r: Reply) => void } | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly callbackIds = new Set<string>();
  private readonly inlineIds = new Set<string>();
  private seq = 1;
  private readonly files = new Map<string, { bytes: Uint8Array; path: string; size: number }>();

  constructor(readonly token = "123456:TEST-token_for_the_fake_api") {}

  async start(): Promise<this> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.poll?.cancel({ ok: true, result: [] });
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** Makes the next `times` calls of `method` fail with `reply` (e.g. a 429). */
  failNext(method: string, reply: Omit<Reply & { ok: false }, "ok">, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, reply: { ok: false, ...reply } });
  }

  /**
   * Makes the next `times` calls of `method` answer `status` with a body that is not JSON
   * (by default a truncated one, as a connection cut mid-response leaves it). The call is recorded
   * like any other, with `ok: false` and error code `status`.
   */
  malformNext(method: string, times = 1, raw = { status: 200, body: '{"ok":true,"result":[{"upd' }): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, reply: { raw } });
  }

  /** Makes the next call of `method` never get an answer; the fake only lets go when the bot hangs up. */
  hangNext(method: string): void {
    this.failures.push({ method, reply: { hang: true } });
  }

  /** Whether a `getUpdates` long poll is waiting for updates right now. */
  get longPolling(): boolean {
    return this.poll !== undefined;
  }

  /** Ends the waiting long poll with no updates, as Telegram does when its `timeout` runs out. */
  expirePoll(): void {
    this.poll?.cancel({ ok: true, result: [] });
  }

  /** How many planned failures (from {@link failNext} and {@link malformNext}) `method` has not met yet. */
  pendingFailures(method: string): number {
    return this.failures.filter((f) => f.method === method).length;
  }

  /** Queues an update (update_id assigned) and wakes a waiting long poll. Returns the update. */
  pushUpdate(update: Json): Json {
    const full = { update_id: this.nextUpdateId++, ...update };
    this.queue.push(full);
    this.poll?.wake();
    return full;
  }

  /** A text message from `userId` in `chat` (a private chat when `chat` is omitted), queued for polling. */
  message(
    userId: number,
    text: string,
    chat?: { id: number; type: "group" | "supergroup" },
    extra: Json = {},
  ): Json {
    return this.pushUpdate({ message: this.newMessage(userId, text, chat, extra) });
  }

  /** Builds (and remembers) a user's message without queueing it, e.g. to POST it to a webhook. */
  newMessage(
    userId: number,
    text: string,
    chat?: { id: number; type: "group" | "supergroup" },
    extra: Json = {},
  ): Json {
    const c = chat ?? { id: userId, type: "private" };
    this.chats.set(c.id, c);
    // Like Telegram, a leading /command is marked as a bot_command entity.
    const command = /^\/\S+/.exec(text);
    const message = {
      message_id: this.newMessageId(c.id),
      date: now(),
      chat: c,
      from: user(userId),
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      ...extra,
    };
    this.messages.set(`${c.id}:${message.message_id}`, message);
    return message;
  }

  /**
   * A file `userId` sends in `chat` (private when omitted), with an optional caption; Telegram marks a
   * leading /command in a caption as a bot_command caption entity. `announcedSize` makes the
   * message (and getFile) state a size other than the real one, as a large upload or a lying client would.
   */
  document(
    userId: number,
    file: { fileName: string; bytes: Uint8Array; caption?: string; announcedSize?: number },
    chat?: { id: number; type: "group" | "supergroup" },
  ): Json {
    const id = `file-${this.seq++}`;
    const size = file.announcedSize ?? file.bytes.byteLength;
    this.files.set(id, { bytes: file.bytes, path: `documents/${id}-${file.fileName}`, size });
    const command = file.caption ? /^\/\S+/.exec(file.caption) : null;
    const message = this.newMessage(userId, "", chat, {
      text: undefined,
      document: { file_id: id, file_unique_id: `u${id}`, file_name: file.fileName, file_size: size },
      ...(file.caption ? { caption: file.caption } : {}),
      ...(command
        ? { caption_entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }
        : {}),
    });
    delete message.text;
    return this.pushUpdate({ message });
  }

  inlineQuery(userId: number, query: string): Json {
    const id = String(this.seq++);
    this.inlineIds.add(id);
    return this.pushUpdate({ inline_query: { id, from: user(userId), query, offset: "" } });
  }

  /** A button press on `message` (one the bot sent) carrying `data`. */
  callback(userId: number, message: Json, data: string): Json {
    const id = String(this.seq++);
    this.callbackIds.add(id);
    return this.pushUpdate({ callback_query: { id, from: user(userId), message, chat_instance: "1", data } });
  }

  /** Resolves with the first recorded call (past or future) matching `match`. */
  waitForCall(match: (c: FakeCall) => boolean, timeoutMs = 15_000): Promise<FakeCall> {
    return this.waitFor(() => this.calls.find(match), timeoutMs);
  }

  /** Resolves once `check` returns a value (checked after every call and every 25 ms). */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const tryNow = () => {
        const v = check();
        if (v === undefined || v === false) return false;
        cleanup();
        resolve(v);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `FakeTelegram: nothing matched within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(", ")}`,
          ),
        );
      }, timeoutMs);
      // Also poll, for conditions that change without an API call (e.g. usage recorded after a reply).
      const poller = setInterval(() => void tryNow(), 25);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poller);
        this.listeners.delete(listener);
      };
      const listener = () => void tryNow();
      if (!tryNow()) this.listeners.add(listener);
    });
  }

  /** Successful sendMessage calls, optionally to one chat. */
  sent(chatId?: number): FakeCall[] {
    return this.calls.filter(
      (c) => c.method === "sendMessage" && c.ok && (chatId === undefined || c.payload.chat_id === chatId),
    );
  }

  private newMessageId(chatId: number): number {
    const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, id);
    return id;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    if (pathname.startsWith("/file/")) return this.serveFile(pathname, res);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(pathname);
    let payload: Json = {};
    try {
      payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    } catch {
      return send(res, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    if (!m) return send(res, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== this.token) return send(res, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2] as string;
    const failure = this.failures.findIndex((f) => f.method === method);
    let reply: Reply;
    if (failure >= 0) {
      const planned = (this.failures.splice(failure, 1)[0] as { reply: Reply | RawReply | Hang }).reply;
      if ("raw" in planned) return this.sendRaw(method, payload, res, planned.raw);
      if ("hang" in planned) return;
      reply = planned;
    } else if (method === "getUpdates") {
      reply = await this.getUpdates(payload, res);
    } else {
      try {
        reply = { ok: true, result: this.dispatch(method, payload) };
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        reply = { ok: false, error_code: e.code, description: e.description };
      }
    }
    if (method !== "getUpdates") {
      this.calls.push(
        reply.ok
          ? { method, payload, ok: true, result: reply.result }
          : { method, payload, ok: false, error: reply },
      );
      for (const l of [...this.listeners]) l();
    }
    send(res, reply);
  }

  private sendRaw(method: string, payload: Json, res: http.ServerResponse, raw: RawReply["raw"]): void {
    if (method !== "getUpdates") {
      this.calls.push({
        method,
        payload,
        ok: false,
        error: { error_code: raw.status, description: raw.body },
      });
      for (const l of [...this.listeners]) l();
    }
    res.writeHead(raw.status, { "content-type": "application/json" }).end(raw.body);
  }

  /** GET /file/bot<token>/<file_path>: the bytes, like Telegram's file server. */
  private serveFile(pathname: string, res: http.ServerResponse): void {
    const m = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
    const path = m ? decodeURIComponent(m[2] as string) : "";
    const file = [...this.files.values()].find((f) => f.path === path);
    if (!m || m[1] !== this.token || !file) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"ok":false,"error_code":404}');
      return;
    }
    this.downloads.push(path);
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(file.bytes);
  }

  private async getUpdates(payload: Json, res: http.ServerResponse): Promise<Reply> {
    const offset = Number(payload.offset ?? 0);
    if (offset > this.confirmedOffset) this.confirmedOffset = offset;
    // Like Telegram: a newer getUpdates ends the older one with 409.
    this.poll?.cancel({
      ok: false,
      error_code: 409,
      description: "Conflict: terminated by other getUpdates request",
    });
    const take = () => {
      this.queue = this.queue.filter((u) => u.update_id >= this.confirmedOffset);
      return this.queue.slice(0, Math.max(1, Math.min(100, Number(payload.limit ?? 100))));
    };
    let batch = take();
    const timeout = Math.min(Number(payload.timeout ?? 0), 50);
    if (!batch.length && timeout > 0) {
      const early = await new Promise<Reply | undefined>((resolve) => {
        const timer = setTimeout(() => done(undefined), timeout * 1000);
        const done = (r: Reply | undefined) => {
          clearTimeout(timer);
          res.off("close", onClose);
          if (this.poll === poll) this.poll = undefined;
          resolve(r);
        };
        const onClose = () => done({ ok: true, result: [] });
        const poll = { wake: () => done(undefined), cancel: (r: Reply) => done(r) };
        this.poll = poll;
        res.on("close", onClose);
      });
      if (early) return early;
      batch = take();
    }
    if (res.destroyed) return { ok: true, result: [] }; // client gave up: nothing delivered
    for (const u of batch) this.deliveries.set(u.update_id, (this.deliveries.get(u.update_id) ?? 0) + 1);
    return { ok: true, result: batch };
  }

  private dispatch(method: string, p: Json): Json {
    switch (method) {
      case "getMe":
        return FAKE_BOT;
      case "deleteWebhook":
        this.webhook = undefined;
        return true;
      case "setWebhook":
        if (!/^https?:\/\//.test(p.url ?? "")) throw bad("bad webhook: invalid URL");
        this.webhook = { url: p.url, secret: p.secret_token };
        return true;
      case "getWebhookInfo":
        return {
          url: this.webhook?.url ?? "",
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
        };
      case "setMyCommands":
        return this.setMyCommands(p);
      case "deleteMyCommands":
      case "sendChatAction":
        return true;
      case "sendMessage":
        return this.sendMessage(p);
      case "editMessageText":
        return this.editMessage(p, true);
      case "editMessageReplyMarkup":
        return this.editMessage(p, false);
      case "answerCallbackQuery":
        if (!this.callbackIds.delete(String(p.callback_query_id)))
          throw bad("query is too old and response timeout expired or query ID is invalid");
        if ((p.text ?? "").length > TELEGRAM_LIMITS.callbackAnswerText) throw bad("MESSAGE_TOO_LONG");
        return true;
      case "answerInlineQuery":
        return this.answerInlineQuery(p);
      case "getFile": {
        const file = this.files.get(String(p.file_id));
        if (!file) throw bad("invalid file_id");
        if (file.size > TELEGRAM_LIMITS.fileDownload) throw bad("file is too big");
        return {
          file_id: p.file_id,
          file_unique_id: `u${p.file_id}`,
          file_size: file.size,
          file_path: file.path,
        };
      }
      case "getChatMember": {
        if (!this.chats.has(Number(p.chat_id))) throw bad("chat not found");
        const status = this.members.get(`${p.chat_id}:${p.user_id}`) ?? "member";
        return { status, user: user(Number(p.user_id)) };
      }
      default:
        throw new ApiError(404, "Not Found");
    }
  }

  private setMyCommands(p: Json): true {
    const list: Json[] = p.commands ?? [];
    if (list.length > 100) throw bad("too many commands");
    for (const c of list) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command ?? "")) throw bad("BOT_COMMAND_INVALID");
      const d = c.description ?? "";
      if (d.length < 1 || d.length > TELEGRAM_LIMITS.commandDescription)
        throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    const scope = p.scope?.type ?? "default";
    if (scope === "chat" && !this.chats.has(Number(p.scope.chat_id))) throw bad("chat not found");
    if (p.language_code !== undefined && !/^[a-z]{2}$/.test(p.language_code))
      throw bad("language code is invalid");
    const language = p.language_code ? `/${p.language_code}` : "";
    this.commands.set(`${scope === "chat" ? `chat:${p.scope.chat_id}` : scope}${language}`, list);
    return true;
  }

  /** Validates text + parse_mode + reply_markup like Telegram and returns the visible text. */
  private checkContent(p: Json, textKey = "text"): string {
    const raw: unknown = p[textKey];
    if (typeof raw !== "string" || !raw.trim()) throw bad("message text is empty");
    let text = raw.trim();
    if (p.entities !== undefined) {
      if (p.parse_mode !== undefined) throw bad("entities and parse_mode are mutually exclusive in the fake");
      const problem = entityProblem(raw, p.entities);
      if (problem) throw bad(`can't parse entities: ${problem}`);
    }
    if (p.parse_mode !== undefined) {
      if (p.parse_mode !== "HTML") throw bad(`unsupported parse_mode ${p.parse_mode} in the fake`);
      const parsed = checkTelegramHtml(raw);
      if (!parsed.ok) throw bad(`can't parse entities: ${parsed.error}`);
      text = parsed.text;
    }
    if (!text) throw bad("message text is empty");
    if (text.length > TELEGRAM_LIMITS.messageLength) throw bad("message is too long");
    checkMarkup(p.reply_markup);
    return text;
  }

  private sendMessage(p: Json): Json {
    const chat = this.chats.get(Number(p.chat_id));
    if (!chat) throw bad("chat not found");
    const text = this.checkContent(p);
    const replyTo = p.reply_parameters?.message_id ?? p.reply_to_message_id;
    const target = replyTo === undefined ? undefined : this.messages.get(`${chat.id}:${replyTo}`);
    if (replyTo !== undefined && !target && !p.reply_parameters?.allow_sending_without_reply)
      throw bad("message to be replied not found");
    const message = {
      message_id: this.newMessageId(chat.id),
      date: now(),
      chat,
      from: FAKE_BOT,
      text,
      ...(target ? { reply_to_message: target } : {}),
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    };
    this.messages.set(`${chat.id}:${message.message_id}`, message);
    return message;
  }

  private editMessage(p: Json, withText: boolean): Json {
    const key = `${p.chat_id}:${p.message_id}`;
    const message = this.messages.get(key);
    if (!message) throw bad("message to edit not found");
    if (message.from?.id !== FAKE_BOT.id) throw bad("message can't be edited");
    const text = withText ? this.checkContent(p) : message.text;
    if (!withText) checkMarkup(p.reply_markup);
    const markup = p.reply_markup ?? undefined;
    if (text === message.text && JSON.stringify(markup) === JSON.stringify(message.reply_markup)) {
      throw bad(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    const edited = { ...message, text, reply_markup: markup, edit_date: now() };
    this.messages.set(key, edited);
    return edited;
  }

  private answerInlineQuery(p: Json): true {
    if (!this.inlineIds.delete(String(p.inline_query_id)))
      throw bad("query is too old and response timeout expired or query ID is invalid");
    const results: Json[] = p.results ?? [];
    if (results.length > TELEGRAM_LIMITS.inlineResults) throw bad("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    for (const r of results) {
      const id = String(r.id ?? "");
      if (!id || Buffer.byteLength(id) > TELEGRAM_LIMITS.inlineResultId || ids.has(id))
        throw bad("RESULT_ID_INVALID");
      ids.add(id);
      if (r.type !== "article" || !r.title) throw bad("RESULT_TITLE_EMPTY");
      this.checkContent(r.input_message_content ?? {}, "message_text");
      checkMarkup(r.reply_markup);
    }
    return true;
  }
}

function checkMarkup(markup: Json): void {
  if (markup === undefined) return;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r)))
    throw bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  for (const b of rows.flat()) {
    if (!b.text) throw bad("BUTTON_TEXT_INVALID");
    if (b.callback_data !== undefined) {
      const bytes = Buffer.byteLength(String(b.callback_data));
      if (bytes < 1 || bytes > TELEGRAM_LIMITS.callbackData) throw bad("BUTTON_DATA_INVALID");
    } else if (
      b.url === undefined &&
      b.switch_inline_query === undefined &&
      b.switch_inline_query_current_chat === undefined
    ) {
      throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    }
  }
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const status = reply.ok ? 200 : reply.error_code;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
}

const now = () => Math.floor(Date.now() / 1000);
const user = (id: number) => ({ id, is_bot: false, first_name: `User${id}` });

const ENTITY_TYPES = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "code",
  "pre",
  "text_link",
  "blockquote",
  "expandable_blockquote",
]);

/**
 * What Telegram would refuse in a message's `entities`: an unknown type, a range outside the text
 * (offsets in UTF-16 units), a link that is not http(s), ranges that cross instead of nesting, or
 * a blockquote inside another.
 */
export function entityProblem(text: string, entities: unknown): string | undefined {
  if (!Array.isArray(entities)) return "entities must be an array";
  const ranges: { start: number; end: number; quote: boolean }[] = [];
  for (const e of entities as Json[]) {
    if (!ENTITY_TYPES.has(e.type)) return `unsupported entity type ${e.type}`;
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length <= 0)
      return "entity offset or length is invalid";
    if (e.offset + e.length > text.length) return "entity ends after the text";
    if (e.type === "text_link" && !/^https?:\/\//.test(String(e.url ?? "")))
      return "text_link needs an http(s) url";
    ranges.push({ start: e.offset, end: e.offset + e.length, quote: /blockquote$/.test(e.type) });
  }
  for (const a of ranges)
    for (const b of ranges) {
      if (a === b) continue;
      const crosses = a.start < b.start && b.start < a.end && a.end < b.end;
      if (crosses) return "entities cross instead of nesting";
      if (a.quote && b.quote && a.start < b.end && b.start < a.end) return "blockquotes can't be nested";
    }
  return undefined;
}

/**
 * The text of a rendered message (`text` + `entities`), after checking it as Telegram would:
 * within the length limit and with entities it accepts. For renderer unit tests.
 */
export function visibleText(m: { text: string; entities?: unknown[] }): string {
  if (m.text.length > TELEGRAM_LIMITS.messageLength) throw new Error(`message is too long: ${m.text.length}`);
  const problem = entityProblem(m.text, m.entities ?? []);
  if (problem) throw new Error(`${problem} in ${JSON.stringify(m)}`);
  return m.text;
}
