/**
 * @module
 * The interactive terminal chat that `npm start` runs when no bot token is configured.
 */
import { createInterface } from "node:readline/promises";
import type { Library } from "../../core/library.ts";
import { noUsageRecorder, type UsageRecorder } from "../../core/types.ts";
import { summarizeReindex } from "../shared/reindex-summary.ts";
import { printable, renderAnswer, renderDocuments } from "./render.ts";

const HELP = `Ask a question about the documents and get verbatim, cited quotes.
Commands: /sources  list the documents   /more  next quotes for the last question
          /reindex  re-read DATA_DIR      /help  this text   /quit  leave (or Ctrl-D)
`;

/**
 * Runs the chat on the given streams until the user quits or input ends.
 *
 * @example
 * ```ts
 * await runTerminalChat(library, { input: process.stdin, output: process.stdout });
 * ```
 */
export async function runTerminalChat(
  library: Library,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream & { isTTY?: boolean } },
  usage: UsageRecorder = noUsageRecorder,
): Promise<void> {
  const color = Boolean(io.output.isTTY);
  const rl = createInterface({ input: io.input, output: io.output, terminal: color });
  const say = (text: string) => io.output.write(text);
  const { documents, passages } = library.size;
  say(`citebot — ${documents} documents, ${passages} passages. Type /help for commands.\n\n`);
  let last: { question: string; offset: number } | undefined;
  rl.setPrompt("? ");
  rl.prompt();
  for await (const line of rl) {
    const input = printable(line).trim();
    if (input === "/quit" || input === "/exit") break;
    if (input === "") {
      rl.prompt();
      continue;
    }
    if (input === "/help") say(HELP);
    else if (input === "/sources") say(renderDocuments(library.documents()));
    else if (input === "/reindex") {
      const { headline, lines } = summarizeReindex(await library.reindex());
      say(`${[headline, ...lines].join("\n")}\n`);
    } else if (input === "/more") {
      if (!last) say("Ask a question first.\n");
      else {
        last.offset += 4;
        const answer = await library.ask(last.question, { offset: last.offset });
        say(answer.quotes.length ? renderAnswer(answer, { color }) : "No more quotes for that question.\n");
      }
    } else if (input.startsWith("/")) say(`Unknown command ${input.split(/\s/)[0]}. ${HELP}`);
    else {
      last = { question: input, offset: 0 };
      const answer = await library.ask(input);
      usage.recordQuestion({
        platform: "terminal",
        question: answer.question,
        answered: answer.answered,
        sources: answer.sources.map((s) => s.file),
      });
      say(renderAnswer(answer, { color }));
    }
    say("\n");
    rl.prompt();
  }
  rl.close();
}
