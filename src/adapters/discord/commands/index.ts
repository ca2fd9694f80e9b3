/**
 * @module
 * Every slash command the bot registers and handles.
 */
import type { Command } from "../command.ts";
import ask from "./ask.ts";
import help from "./help.ts";
import reindex from "./reindex.ts";
import sources from "./sources.ts";

/** All commands, keyed by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [ask, sources, help, reindex].map((c) => [c.data.name, c] as const),
);
