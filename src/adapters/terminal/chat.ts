/**
 * @module
 * The interactive terminal chat that `npm start` runs when no bot token is configured. Questions
 * go through the chat service like any platform's, so follow-ups ("more", "why?", "and X?") work
 * here too; the session is one conversation.
 */
import { createInterface } from "node:readline/promises";
import type { ReindexReport } from "../../core/types.ts";
import type { Asker, ChatService } from "../../service/chat-service.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { printable, renderAnswer, renderDocuments, wrap } from "./render.ts";

const HELP = `Ask a question about the documents and get verbatim, cited quotes. Follow-ups such as
"more", "why?", "who said that?" or "and Telegram?" go on from the last answer.
Commands: /sources  list the documents   /more  next quotes for the last question
          /reindex  re-read DATA_DIR      /help  this text   /quit  leave (or Ctrl-D)
`;

/** What the terminal needs besides the service: the index's size, and reindexing. */
export interface TerminalLibrary {
  readonly size: { documents: number; passages: number };
  reindex(): Promise<ReindexReport>;
}

/** The terminal's streams; `columns` and `isTTY` come with a real terminal. */
export interface TerminalIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

const ASKER: Asker = { platform: "terminal", user: "terminal", chat: "terminal" };

/**
 * Runs the chat on the given streams until the user quits or input ends.
 *
 * @example
 * ```ts
 * await runTerminalChat({ library, service }, { input: process.stdin, output: process.stdout }, { color: true });
 * ```
 */
export async function runTerminalChat(
  deps: { library: TerminalLibrary; service: ChatService },
  io: TerminalIO,
  options: { color?: boolean } = {},
): Promise<void> {
  const { library, service } = deps;
  const color = Boolean(io.output.isTTY && options.color !== false);
  const width = Math.min(io.output.columns ?? 80, 100);
  const rl = createInterface({ input: io.input, output: io.output, terminal: Boolean(io.output.isTTY) });
  const say = (text: string) => io.output.write(text);
  const { documents, passages } = library.size;
  say(`citebot — ${documents} documents, ${passages} passages. Type /help for commands.\n\n`);
  // Piped input echoes nothing, so a prompt there would only clutter the output.
  const prompt = () => io.output.isTTY && rl.prompt();
  rl.setPrompt("? ");
  prompt();
  for await (const line of rl) {
    const input = printable(line).trim();
    if (input === "/quit" || input === "/exit") break;
    if (input === "") {
      prompt();
      continue;
    }
    if (input === "/help") say(HELP);
    else if (input === "/sources") say(renderDocuments(await service.documents(), width));
    else if (input === "/reindex") {
      const { headline, lines } = summarizeReindex(await library.reindex());
      say(`${[headline, ...lines].join("\n")}\n`);
    } else if (input.startsWith("/") && input !== "/more")
      say(`Unknown command ${input.split(/\s/)[0]}. ${HELP}`);
    else {
      const reply = await service.ask(ASKER, input === "/more" ? "more" : input);
      if (reply.kind === "page") say(renderAnswer(reply.page.answer, { color, width, locale: reply.locale }));
      else if (reply.kind === "notice")
        say(
          `${wrap(reply.reason === "expired" || reply.reason === "no_more" ? "No more quotes for that question." : reply.text, width)}\n`,
        );
    }
    say("\n");
    prompt();
  }
  rl.close();
}
