/**
 * @module
 * File-system reads confined to the data folder. A symlink in `DATA_DIR` may point anywhere
 * (`/etc/passwd`, a private note), and what is read gets quoted to every user, so a file is only
 * read when its real path lies inside the data folder's real path, and never past the size limit.
 */
import { constants, type FileHandle, open } from "node:fs/promises";
import path from "node:path";

/** Whether `real` is `root` or lies below it (both real paths, as `realpath` returns them). */
export function isInside(root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A file too large to read; `size` is what it held when it was looked at. */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  constructor(readonly size: number) {
    super(`file is ${(size / 1048576).toFixed(1)} MB`);
  }
}

/**
 * Reads a regular file whole, unless it holds more than `limit` bytes: then throws
 * {@link FileTooLargeError} having read at most `limit + 1` bytes.
 *
 * @example
 * ```ts
 * const bytes = await readAtMost("/srv/data/a.md", 10 * 1024 * 1024);
 * ```
 */
export async function readAtMost(file: string, limit: number): Promise<Buffer> {
  // O_NOFOLLOW: the caller checked the real path; a link swapped in since then is not followed.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > limit) throw new FileTooLargeError(info.size);
    const bytes = await readUpTo(handle, limit + 1, info.size + 1);
    // The file grew after stat: the bytes read prove it is over the limit.
    if (bytes.length > limit) throw new FileTooLargeError(Math.max(bytes.length, (await handle.stat()).size));
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads until end of file or `max` bytes, starting with room for `expected` bytes. */
async function readUpTo(handle: FileHandle, max: number, expected: number): Promise<Buffer> {
  let buffer = Buffer.alloc(Math.min(Math.max(expected, 1), max));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= max) break;
      const bigger = Buffer.alloc(Math.min(buffer.length * 2, max));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}
