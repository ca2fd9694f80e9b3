/**
 * @module
 * `npm run libraries`: every community library (LIBRARY_SCOPE=community) under STATE_DIR, with its
 * documents, passages, estimated size in memory, whether it includes the base, and its last change.
 */
import { listCommunityLibraries } from "../service/library-registry.ts";
import { runCli } from "./run-cli.ts";

await runCli(async ({ config }) => {
  const libraries = await listCommunityLibraries(config.stateDir);
  if (!libraries.length) {
    process.stdout.write(
      `No community libraries in ${config.stateDir}/communities yet: one is created by a group's or server's first moderator action with LIBRARY_SCOPE=community.\n`,
    );
    return;
  }
  const rows = libraries.map((l) => [
    l.key,
    String(l.documents),
    String(l.passages),
    `${(l.bytes / 1_048_576).toFixed(1)} MB`,
    l.includesBase ? "on" : "off",
    l.changed ? l.changed.toISOString().slice(0, 16).replace("T", " ") : "never",
  ]);
  const table = [["library", "documents", "passages", "size", "base", "last change"], ...rows];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length))) ?? [];
  for (const row of table)
    process.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
});
