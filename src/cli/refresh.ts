/**
 * @module
 * `npm run refresh`: re-fetches every web page in `DATA_DIR/web/` with conditional requests,
 * reindexes if one changed, and prints the report; pages that fail keep their last good copy and
 * are listed (exit code 1 then). `-- --json` prints the report as JSON.
 */
import { summarizeRefresh } from "../adapters/shared/refresh-summary.ts";
import { withCliModeration } from "../app.ts";
import { runCli } from "./run-cli.ts";

await runCli(async ({ config, logger }) => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length) throw new Error(`unknown option ${unknown.join(" ")}; use --json`);
  const moderator = { platform: "terminal" as const, label: "npm run refresh" };
  const result = await withCliModeration(config, logger, {}, ({ moderation }) =>
    moderation.refresh(moderator),
  );
  if (args.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const { headline, lines } = summarizeRefresh(result);
    process.stdout.write(`${[headline, ...lines].join("\n")}\n`);
  }
  if (result.refresh.failed.length) process.exitCode = 1;
});
