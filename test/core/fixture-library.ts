/**
 * @module
 * A {@link Library} over made-up documents written to a fresh temporary folder for one test
 * file: opened before its tests, the folder removed after them.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { Library, type LibraryOptions } from "../../src/core/library.ts";

/**
 * Registers the set-up and clean-up; the returned function gives the opened library.
 *
 * @example
 * ```ts
 * const library = fixtureLibrary({ "mill.md": "---\ntitle: Mill\n---\nThe mill grinds rye.\n" });
 * it("answers", async () => expect((await library().ask("what does the mill grind?")).answered).toBe(true));
 * ```
 */
export function fixtureLibrary(
  files: Record<string, string>,
  options: Omit<LibraryOptions, "dataDir"> = {},
): () => Library {
  let dir: string | undefined;
  let library: Library | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-fixture-"));
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
    library = await Library.open({ ...options, dataDir: dir });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!library) throw new Error("fixtureLibrary: used outside a test");
    return library;
  };
}
