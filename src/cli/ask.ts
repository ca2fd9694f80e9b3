/**
 * @module
 * `npm run ask -- "QUESTION"`: one answer for a person. `--json` prints the Answer JSON; with no
 * question and `--json`, each stdin line is a question and each stdout line its Answer (JSONL).
 * `--explain` prints why instead: the question's weighted concepts and best candidate passages,
 * as JSON. Only answers go to stdout; logs go to stderr.
 */
import { createInterface } from "node:readline";
import { renderAnswer } from "../adapters/terminal/render.ts";
import { openLibrary } from "../app.ts";
import { runCli } from "./run-cli.ts";

await runCli(async ({ config, logger }) => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const explain = args.includes("--explain");
  const question = args.filter((a) => a !== "--json" && a !== "--explain").join(" ");
  const library = await openLibrary(config, logger, { waitForVectors: true });
  const answer = async (q: string) =>
    explain
      ? `${JSON.stringify(await library.explain(q), null, json ? undefined : 2)}\n`
      : json
        ? `${JSON.stringify(await library.ask(q))}\n`
        : renderAnswer(await library.ask(q), {
            color: process.stdout.isTTY && !config.noColor,
            width: process.stdout.columns,
          });
  if (question.trim() || process.stdin.isTTY) {
    if (!question.trim())
      throw new Error('no question given: npm run ask -- "does whatsapp read my messages?"');
    process.stdout.write(await answer(question));
    return;
  }
  // Batch mode: every input line gets exactly one output line, blank lines included, in order.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    process.stdout.write(await answer(line));
  }
});
