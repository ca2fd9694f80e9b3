/**
 * @module
 * `npm run reindex`: rebuilds the index from DATA_DIR, prints the report and records it in the
 * audit log.
 * `-- --dry-run` shows what would change without touching the index; `-- --rollback` restores the
 * index the last reindex replaced; `-- --json` prints the report as JSON; `-- --library KEY`
 * (`telegram:<group id>`, `discord:<server id>`) acts on that community's library instead of DATA_DIR.
 */
import { existsSync } from "node:fs";
import { summarizeReindex } from "../adapters/shared/reindex-summary.ts";
import { withCliModeration } from "../app.ts";
import { communityFolders } from "../service/library-registry.ts";
import { runCli } from "./run-cli.ts";

/** A community library's documents and snapshot; its folder must exist (a moderator created it). */
function communityLibraryPaths(stateDir: string, key: string): { dataDir: string; snapshotPath: string } {
  const { dataDir, snapshotPath } = communityFolders(stateDir, key);
  if (!existsSync(dataDir))
    throw new Error(`citebot: no library ${key} in ${stateDir}; \`npm run libraries\` lists them`);
  return { dataDir, snapshotPath };
}

await runCli(async ({ config, logger }) => {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--library");
  const key = at >= 0 ? argv.splice(at, 2)[1] : undefined;
  if (at >= 0 && !key)
    throw new Error("--library needs a library name: telegram:<chat id> or discord:<server id>");
  const args = new Set(argv);
  const unknown = [...args].filter((a) => !["--dry-run", "--rollback", "--json"].includes(a));
  if (unknown.length)
    throw new Error(
      `unknown option ${unknown.join(" ")}; use --dry-run, --rollback, --json or --library KEY`,
    );
  // Open from the snapshot without reindexing on the way in, so the report shows what changed.
  const paths = key ? communityLibraryPaths(config.stateDir, key) : {};
  await withCliModeration(
    config,
    logger,
    { reindexOnOpen: false, ...paths },
    async ({ library, moderation }) => {
      const moderator = {
        platform: "terminal" as const,
        label: "npm run reindex",
        ...(key ? { community: key } : {}),
      };
      const onProgress = (done: number, total: number) => {
        if (total >= 200 && (done % 100 === 0 || done === total))
          process.stderr.write(`\rreading ${done}/${total} files`);
        if (total >= 200 && done === total) process.stderr.write("\n");
      };
      const report = args.has("--rollback")
        ? await moderation.rollback(moderator)
        : await moderation.reindex(moderator, { dryRun: args.has("--dry-run"), onProgress });
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
    },
  );
});
