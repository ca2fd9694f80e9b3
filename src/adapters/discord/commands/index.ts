/**
 * @module
 * Every slash command the bot registers and handles.
 */
import type { Command } from "../command.ts";
import ask from "./ask.ts";
import docs from "./docs.ts";
import help from "./help.ts";
import library from "./library.ts";
import refresh from "./refresh.ts";
import reindex from "./reindex.ts";
import rollback from "./rollback.ts";
import sources from "./sources.ts";
import stats from "./stats.ts";

/** All commands, keyed by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [ask, sources, help, reindex, refresh, docs, rollback, library, stats].map(
    (c) => [c.data.name, c] as const,
  ),
);
