/**
 * @module
 * `npm run report [-- --days N] [-- --html out.html] [-- --library KEY]`: the moderators' usage report on stdout,
 * and optionally a standalone HTML page with charts. Reads STATE_DIR via loadConfig().
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { AUDIT_LOG_FILE, type AuditEvent, readAuditLog } from "../moderation/audit-log.ts";
import { renderHtmlReport } from "../usage/render-html.ts";
import { renderStats } from "../usage/render-stats.ts";
import { SqliteUsageStore, usageDbPath } from "../usage/usage-store.ts";

const USAGE = `Usage: npm run report [-- --days N] [-- --top N] [-- --html FILE]
  --days N     only the last N days (default: everything kept, see QUESTION_RETENTION_DAYS)
  --top N      length of each top list (default 10)
  --html FILE  also write a standalone HTML page with charts to FILE
  --library KEY  only one community's questions and document changes (telegram:<chat id>,
               discord:<server id>; "base" for the base library)`;

/** A bad command line; the message says what to type instead. */
class UsageError extends Error {
  override name = "UsageError";
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive whole number, got "${value}"\n${USAGE}`);
  return n;
}

function auditLines(events: AuditEvent[]): string {
  if (!events.length) return "Document changes: none recorded.";
  const lines = events
    .slice()
    .reverse()
    .map((e) => {
      const who = e.label ?? (e.userHash ? `user ${e.userHash}` : "unknown");
      return `${e.at.slice(0, 16).replace("T", " ")} ${e.action}${e.file ? ` ${e.file}` : ""} by ${who} (${e.platform})`;
    });
  return ["Recent document changes:", ...lines].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: "string" },
      top: { type: "string" },
      html: { type: "string" },
      library: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const days = positive("days", values.days);
  const top = positive("top", values.top) ?? 10;
  const config = loadConfig();
  const dbPath = usageDbPath(config.stateDir);
  if (!fs.existsSync(dbPath)) {
    process.stdout.write(
      `No usage data yet: ${dbPath} does not exist.\nIt is created when citebot starts (npm start) and records questions. If the bot runs with another STATE_DIR, set STATE_DIR to that folder.\n`,
    );
    return 0;
  }
  // Purge notices at info level are noise for a person reading a report.
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const now = new Date();
  const since = days ? new Date(now.getTime() - days * 86_400_000) : undefined;
  const store = SqliteUsageStore.open({
    path: dbPath,
    logQuestions: config.logQuestions,
    retentionDays: config.questionRetentionDays,
    logger,
  });
  const stats = (() => {
    try {
      const community =
        values.library === undefined ? undefined : values.library === "base" ? null : values.library;
      return store.stats({ since, top, community });
    } finally {
      store.close();
    }
  })();
  const all = await readAuditLog(path.join(config.stateDir, AUDIT_LOG_FILE), { since });
  const library = values.library;
  const audit = (
    library === undefined
      ? all
      : all.filter((e) => (library === "base" ? e.community === undefined : e.community === library))
  ).slice(-50);
  if (library !== undefined)
    process.stdout.write(`Library ${library}: its questions and its document changes only.\n\n`);
  process.stdout.write(`${renderStats(stats, { maxChars: 50_000 })}\n\n${auditLines(audit.slice(-10))}\n`);
  if (values.html) {
    const out = path.resolve(values.html);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, renderHtmlReport(stats, { generatedAt: now, audit }));
    process.stdout.write(`\nWrote the HTML report to ${out}\n`);
  }
  return stats.error ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = err as Error & { code?: string };
    const badArgs = e.code?.startsWith("ERR_PARSE_ARGS") ? `${e.message}\n${USAGE}` : undefined;
    const known =
      err instanceof ConfigError ||
      err instanceof UsageError ||
      ["UsageStoreError", "SchemaVersionError"].includes(e.name);
    process.stderr.write(`${badArgs ?? (known ? e.message : `citebot report failed: ${e.stack ?? e}`)}\n`);
    process.exitCode = 1;
  },
);
