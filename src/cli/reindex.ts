/**
 * @module
 * `npm run reindex`: rebuilds the index from DATA_DIR and prints the report.
 * `-- --dry-run` shows what would change without touching the index; `-- --rollback` restores the
 * index the last reindex replaced; `-- --json` prints the report as JSON.
 */
import { summarizeReindex } from "../adapters/shared/reindex-summary.ts";
import { openLibrary } from "../app.ts";
import { runCli } from "./run-cli.ts";

await runCli(async ({ config, logger }) => {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !["--dry-run", "--rollback", "--json"].includes(a));
  if (unknown.length)
    throw new Error(`unknown option ${unknown.join(" ")}; use --dry-run, --rollback or --json`);
  // Open from the snapshot without reindexing on the way in, so the report shows what changed.
  const library = await openLibrary(config, logger, { reindexOnOpen: false });
  const onProgress = (done: number, total: number) => {
    if (total >= 200 && (done % 100 === 0 || done === total))
      process.stderr.write(`\rreading ${done}/${total} files`);
    if (total >= 200 && done === total) process.stderr.write("\n");
  };
  const report = args.has("--rollback")
    ? await library.rollback()
    : await library.reindex({ dryRun: args.has("--dry-run"), onProgress });
  // Sentence vectors are part of the index: save them now, so the next start uses them at once.
  if (!report.dryRun) await library.vectorsReady();
  if (args.has("--json")) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const { headline, lines } = args.has("--rollback")
      ? {
          headline: `Rolled back to the previous index: ${report.documents} documents, ${report.passages} passages.`,
          lines: ["It stays until the next `npm run reindex`, which indexes DATA_DIR as it is."],
        }
      : summarizeReindex(report);
    process.stdout.write(`${[headline, ...lines].join("\n")}\n`);
  }
  if (!report.applied && !report.dryRun) process.exitCode = 1;
});
