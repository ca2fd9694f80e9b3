/**
 * @module
 * The moderators' numbers, read from the usage database: coverage, coverage gaps, disliked
 * answers, most cited sources, and a per-day series for the HTML chart.
 */
import type Database from "./sqlite.ts";

/** A question the documents did not cover, grouped by its normalised text. */
export interface CoverageGap {
  /** The most recent wording of the question. */
  question: string;
  count: number;
  /** ISO time it was last asked. */
  lastAsked: string;
}

/** An answer moderators should look at: it got 👎. */
export interface DislikedAnswer {
  /** Absent when LOG_QUESTIONS was off: then only the cited sources identify the answer. */
  question?: string;
  sources: string[];
  down: number;
  up: number;
}

/** How often a document was cited in answers. */
export interface SourceCount {
  file: string;
  count: number;
}

/** Questions on one UTC day. */
export interface DayCount {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  answered: number;
  abstained: number;
}

/** What {@link import("./usage-store.ts").SqliteUsageStore.stats} returns. */
export interface UsageStats {
  /** ISO start of the window; absent means everything kept (see retentionDays). */
  since?: string;
  retentionDays: number;
  /** Whether question text is being logged (LOG_QUESTIONS); without it there are no gap texts. */
  logQuestions: boolean;
  questions: { answered: number; abstained: number };
  feedback: { up: number; down: number };
  /** Distinct pseudonymous users (salted hashes) who asked or voted. */
  users: number;
  gaps: CoverageGap[];
  disliked: DislikedAnswer[];
  topSources: SourceCount[];
  daily: DayCount[];
  /** Set when the statistics could not be read; the rest is then empty. */
  error?: string;
}

/** Options for `stats()`. */
export interface StatsOptions {
  /** Only count events at or after this time. */
  since?: Date;
  /** Length of each top list. Default 5. */
  top?: number;
  /** Only one community's questions (`telegram:<group id>`, `discord:<server id>`); `null`: the base library's. */
  community?: string | null;
}

/**
 * What a `/stats` command needs from the store; adapters take this rather than the class so tests
 * can pass a fake.
 *
 * @example
 * ```ts
 * const text = renderStats(deps.stats.stats({ since: new Date(Date.now() - 7 * 86_400_000) }));
 * ```
 */
export interface UsageStatsSource {
  stats(options?: StatsOptions): UsageStats;
}

/** Stats with nothing in them, for an empty or unreadable database. */
export function emptyStats(base: Pick<UsageStats, "retentionDays" | "logQuestions">): UsageStats {
  return {
    ...base,
    questions: { answered: 0, abstained: 0 },
    feedback: { up: 0, down: 0 },
    users: 0,
    gaps: [],
    disliked: [],
    topSources: [],
    daily: [],
  };
}

const parseFiles = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

/** Runs every stats query in one read transaction so the numbers agree with each other. */
export function queryStats(db: Database.Database, sinceMs: number, top: number, community?: string | null) {
  // One community's rows: CTEs named like the tables stand in for them in every query below.
  const scope =
    community === undefined
      ? { sql: "", args: [] as (string | null)[] }
      : {
          sql: "WITH questions AS (SELECT * FROM main.questions WHERE community IS ?), feedback AS (SELECT * FROM main.feedback WHERE community IS ?) ",
          args: [community, community],
        };
  const prepare = (sql: string) => {
    const statement = db.prepare(scope.sql + sql);
    return {
      get: (...args: unknown[]) => statement.get(...scope.args, ...args),
      all: (...args: unknown[]) => statement.all(...scope.args, ...args),
      pluck: () => {
        statement.pluck();
        return { get: (...args: unknown[]) => statement.get(...scope.args, ...args) };
      },
    };
  };
  return db.transaction(() => {
    const counts = prepare(
      "SELECT coalesce(sum(answered), 0) AS answered, coalesce(sum(1 - answered), 0) AS abstained FROM questions WHERE at >= ?",
    ).get(sinceMs) as { answered: number; abstained: number };
    const votes = prepare(
      "SELECT coalesce(sum(vote = 'up'), 0) AS up, coalesce(sum(vote = 'down'), 0) AS down FROM feedback WHERE at >= ?",
    ).get(sinceMs) as { up: number; down: number };
    const users = prepare(
      `SELECT count(DISTINCT user_hash) AS n FROM (
           SELECT user_hash FROM questions WHERE at >= ? UNION ALL SELECT user_hash FROM feedback WHERE at >= ?)`,
    )
      .pluck()
      .get(sinceMs, sinceMs) as number;
    // The newest row of each group (highest id) gives the wording shown.
    const gaps = prepare(
      `SELECT q.question, g.count, g.last FROM (
           SELECT count(*) AS count, max(at) AS last, max(id) AS id FROM questions
           WHERE answered = 0 AND question_key IS NOT NULL AND question_key != '' AND at >= ?
           GROUP BY question_key ORDER BY count DESC, last DESC, id DESC LIMIT ?
         ) AS g JOIN questions AS q ON q.id = g.id ORDER BY g.count DESC, g.last DESC, g.id DESC`,
    ).all(sinceMs, top) as { question: string; count: number; last: number }[];
    // Group by question when it was logged, otherwise by the set of cited sources.
    const disliked = prepare(
      `SELECT question, sources, sum(vote = 'down') AS down, sum(vote = 'up') AS up, max(at) AS last
         FROM feedback WHERE at >= ?
         GROUP BY coalesce('q:' || question_key, 's:' || sources)
         HAVING down > 0 ORDER BY down DESC, up ASC, last DESC LIMIT ?`,
    ).all(sinceMs, top) as { question: string | null; sources: string; down: number; up: number }[];
    const topSources = prepare(
      `SELECT j.value AS file, count(*) AS count FROM questions, json_each(questions.sources) AS j
         WHERE questions.answered = 1 AND questions.at >= ? AND j.type = 'text'
         GROUP BY j.value ORDER BY count DESC, file ASC LIMIT ?`,
    ).all(sinceMs, top) as SourceCount[];
    const daily = prepare(
      `SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day,
           sum(answered) AS answered, sum(1 - answered) AS abstained
         FROM questions WHERE at >= ? GROUP BY day ORDER BY day`,
    ).all(sinceMs) as DayCount[];
    return {
      questions: counts,
      feedback: votes,
      users,
      gaps: gaps.map((g) => ({
        question: g.question,
        count: g.count,
        lastAsked: new Date(g.last).toISOString(),
      })),
      disliked: disliked.map((d) => ({
        ...(d.question ? { question: d.question } : {}),
        sources: parseFiles(d.sources),
        down: d.down,
        up: d.up,
      })),
      topSources,
      daily,
    };
  })();
}
