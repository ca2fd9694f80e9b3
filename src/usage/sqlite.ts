/**
 * @module
 * The SQLite driver: libsql, which keeps better-sqlite3's synchronous API and ships its binaries
 * as npm packages (`@libsql/<platform>`), so `npm install` compiles nothing and needs no C++
 * toolchain. better-sqlite3 downloads its binaries from a host many machines cannot reach and
 * otherwise builds from source (over a minute, and a toolchain).
 *
 * One difference matters here, and is patched once, below: libsql's `Statement.get()` ignores
 * `pluck()` and adds a `_metadata` field to the row (libsql 0.5), where better-sqlite3 returns
 * the first column or the bare row. `pragma(…, { simple: true })` goes through `get()` too.
 */
import Database from "libsql";

type Row = Record<string, unknown> & { _metadata?: unknown };
const probe = new Database(":memory:");
const statement = Object.getPrototypeOf(probe.prepare("SELECT 1")) as {
  get(this: { pluckMode?: boolean }, ...params: unknown[]): unknown;
};
probe.close();
const get = statement.get;
statement.get = function (this: { pluckMode?: boolean }, ...params: unknown[]) {
  const row = get.apply(this, params) as Row | undefined;
  if (!row || typeof row !== "object" || Array.isArray(row)) return row;
  delete row._metadata;
  return this.pluckMode ? row[Object.keys(row)[0] as string] : row;
};

export default Database;

/**
 * Closes a database with its write-ahead log folded into the file, as better-sqlite3 did when the
 * last connection closed (libsql does not always). With `removeLog` (for a file about to be moved
 * aside) the WAL files are removed too, leaving the one file. Both steps are best effort: while
 * another process has the file open they fail harmlessly, which SQLite expects.
 *
 * @example
 * ```ts
 * closeDatabase(new Database("state/citebot.sqlite"));
 * ```
 */
export function closeDatabase(db: Database.Database, { removeLog = false } = {}): void {
  if (!db.open) return;
  for (const pragma of ["wal_checkpoint(TRUNCATE)", ...(removeLog ? ["journal_mode = DELETE"] : [])]) {
    try {
      db.pragma(pragma);
    } catch {}
  }
  db.close();
}
