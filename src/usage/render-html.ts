/**
 * @module
 * The standalone HTML usage report (`npm run report -- --html out.html`): one self-contained
 * page, every value escaped, charts as inline SVG, nothing loaded from the network.
 */
import type { AuditEvent } from "../moderation/audit-log.ts";
import { dailyChart, escapeHtml, sourcesChart } from "./svg-chart.ts";
import type { DayCount, UsageStats } from "./usage-stats.ts";

const DAY_MS = 86_400_000;
const MAX_FILLED_DAYS = 400;

/** Options for {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  generatedAt: Date;
  /** Recent document changes, reindexes and rollbacks, oldest first. */
  audit?: AuditEvent[];
}

/** Adds the days nobody asked anything, so the chart's x axis is real time. */
export function fillDays(days: DayCount[], from?: string, to?: string): DayCount[] {
  const first = from ?? days[0]?.day;
  const last = to ?? days.at(-1)?.day;
  if (!first || !last) return days;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: DayCount[] = [];
  for (
    let t = Date.parse(`${first}T00:00:00Z`), n = 0;
    t <= Date.parse(`${last}T00:00:00Z`) && n < MAX_FILLED_DAYS;
    t += DAY_MS, n++
  ) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, answered: 0, abstained: 0 });
  }
  return out;
}

const cell = (v: string | number) => `<td>${escapeHtml(String(v))}</td>`;
const table = (head: string[], rows: (string | number)[][], empty: string) =>
  rows.length
    ? `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map(cell).join("")}</tr>`)
        .join("\n")}</tbody></table>`
    : `<p class="none">${escapeHtml(empty)}</p>`;

/**
 * Renders the report page.
 *
 * @example
 * ```ts
 * fs.writeFileSync("report.html", renderHtmlReport(usage.stats(), { generatedAt: new Date(), audit }));
 * ```
 */
export function renderHtmlReport(stats: UsageStats, options: HtmlReportOptions): string {
  const { answered, abstained } = stats.questions;
  const today = options.generatedAt.toISOString().slice(0, 10);
  const days = fillDays(
    stats.daily,
    stats.since?.slice(0, 10),
    stats.daily.length || stats.since ? today : undefined,
  );
  const window = stats.since ? `since ${stats.since.slice(0, 10)}` : `last ${stats.retentionDays} days kept`;
  const audit = (options.audit ?? []).slice().reverse();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>citebot usage report (${escapeHtml(window)})</title>
<style>
body{font-family:system-ui,sans-serif;max-width:780px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
.none{color:#666}.totals{display:flex;gap:2em;flex-wrap:wrap}.totals div{font-size:1.4em}.totals span{display:block;font-size:.6em;color:#666}
</style></head><body>
<h1>citebot usage report</h1>
<p>Generated ${escapeHtml(options.generatedAt.toISOString().slice(0, 16).replace("T", " "))} UTC, ${escapeHtml(window)}.${stats.logQuestions ? "" : " Question text is not logged (LOG_QUESTIONS=false)."}</p>
${stats.error ? `<p><strong>${escapeHtml(stats.error)}</strong></p>` : ""}
<div class="totals">
<div>${answered}<span>answered</span></div><div>${abstained}<span>not covered</span></div>
<div>${stats.feedback.up}<span>👍 helpful</span></div><div>${stats.feedback.down}<span>👎 not helpful</span></div><div>${stats.users}<span>people</span></div>
</div>
<h2>Questions per day</h2>
${dailyChart(days)}
<h2>Most cited sources</h2>
${sourcesChart(stats.topSources)}
<h2>Most asked, not covered</h2>
${table(
  ["Question", "Times", "Last asked"],
  stats.gaps.map((g) => [g.question, g.count, g.lastAsked.slice(0, 16).replace("T", " ")]),
  stats.logQuestions ? "No unanswered questions." : "Not available without question text.",
)}
<h2>Answers with the most 👎 (not helpful)</h2>
${table(
  ["Question", "Sources", "👎 down", "👍 up"],
  stats.disliked.map((d) => [d.question ?? "(not logged)", d.sources.join(", "), d.down, d.up]),
  "No 👎 yet.",
)}
<h2>Document changes</h2>
${table(
  ["When", "What", "File", "Who", "Platform"],
  audit.map((e) => [
    e.at.slice(0, 16).replace("T", " "),
    // A refusal changed nothing: say which command was refused and why instead.
    e.action === "refused" ? `refused ${e.detail?.command ?? ""} (${e.detail?.reason ?? ""})` : e.action,
    e.file ?? "",
    e.label ?? e.userHash ?? "",
    e.platform,
  ]),
  "No document changes recorded.",
)}
</body></html>
`;
}
