/**
 * A temporary folder for one test, removed when that test ends, passed or failed: the suite runs
 * on every commit and must not fill `/tmp` (folders left by earlier runs numbered in the
 * thousands). Folders a file's `beforeAll` makes are removed by its own `afterAll`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

/** `mkdtemp` under the system's temporary folder, removed when the calling test finishes. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
