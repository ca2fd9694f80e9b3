/**
 * @module
 * `npm run add -- URL`: fetches a web page (or a PDF, Word or text document by its address) into
 * `DATA_DIR/web/`, reindexes, and prints the report. `-- --json` prints it as JSON.
 */
import { addedPage } from "../adapters/shared/refresh-summary.ts";
import { summarizeReindex } from "../adapters/shared/reindex-summary.ts";
import { withCliModeration } from "../app.ts";
import { runCli } from "./run-cli.ts";

await runCli(async ({ config, logger }) => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const urls = args.filter((a) => a !== "--json");
  if (urls.length !== 1) throw new Error("usage: npm run add -- https://example.org/page [--json]");
  const moderator = { platform: "terminal" as const, label: "npm run add" };
  const added = await withCliModeration(config, logger, {}, ({ moderation }) =>
    moderation.addUrl(moderator, urls[0] as string),
  );
  if (json) process.stdout.write(`${JSON.stringify(added)}\n`);
  else {
    const { headline, lines } = summarizeReindex(added.report);
    process.stdout.write(`${[addedPage(added), headline, ...lines].join("\n")}\n`);
  }
  if (!added.report.applied) process.exitCode = 1;
});
