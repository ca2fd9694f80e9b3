/**
 * @module
 * `/library base on|off`, the same on every platform: reading the argument and saying what changed.
 */

/** Said when the deployment has one library for everyone (`LIBRARY_SCOPE=shared`). */
export const SHARED_SCOPE =
  "This bot has one library for every community, so there is nothing to turn on or off here. The operator can give each community its own with LIBRARY_SCOPE=community.";

/** How to use the command. */
export const BASE_TOGGLE_USAGE =
  "Usage: /library base on to answer from this community's documents and the bot's own, or /library base off for this community's documents only.";

/**
 * `on` or `off` from the command's argument ("base on", "base off"); undefined for anything else.
 *
 * @example
 * ```ts
 * parseBaseToggle("base off"); // false
 * ```
 */
export function parseBaseToggle(argument: string): boolean | undefined {
  const match = /^\s*(?:base\s+)?(on|off)\s*$/i.exec(argument);
  return match ? (match[1] as string).toLowerCase() === "on" : undefined;
}

/** What the moderator is told once the setting is saved. */
export const baseToggled = (on: boolean): string =>
  on
    ? "Answers here now quote this community's documents and the bot's own documents."
    : "Answers here now quote this community's documents only.";
