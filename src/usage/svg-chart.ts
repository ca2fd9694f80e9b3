/**
 * @module
 * Hand-made inline SVG charts for the HTML report: no chart library, no CDN, no network, so the
 * page opens anywhere (an air-gapped laptop, an email attachment).
 */
import type { DayCount, SourceCount } from "./usage-stats.ts";

/** Escapes text for HTML and SVG (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ANSWERED = "#2e7d32";
const ABSTAINED = "#ef6c00";
/** Days shown at most: beyond that bars get thinner than a pixel. */
const MAX_DAYS = 120;

/**
 * Stacked bars per UTC day: answered (green) under not covered (orange).
 *
 * @example
 * ```ts
 * const svg = dailyChart(stats.daily); // "<svg …>…</svg>"
 * ```
 */
export function dailyChart(days: DayCount[]): string {
  const shown = days.slice(-MAX_DAYS);
  const width = 720;
  const height = 260;
  const pad = { left: 40, right: 10, top: 24, bottom: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...shown.map((d) => d.answered + d.abstained));
  const slot = plotW / Math.max(1, shown.length);
  const barW = Math.max(1, slot * 0.7);
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(shown.length / 10);
  const bars = shown.map((d, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const total = d.answered + d.abstained;
    const label = `${d.day}: ${d.answered} answered, ${d.abstained} not covered`;
    const tick =
      i % labelEvery === 0
        ? `<text x="${(x + barW / 2).toFixed(1)}" y="${height - pad.bottom + 14}" font-size="10" text-anchor="middle">${escapeHtml(d.day.slice(5))}</text>`
        : "";
    return `<g><title>${escapeHtml(label)}</title>
<rect x="${x.toFixed(1)}" y="${y(d.answered).toFixed(1)}" width="${barW.toFixed(1)}" height="${(plotH - (y(d.answered) - pad.top)).toFixed(1)}" fill="${ANSWERED}"/>
<rect x="${x.toFixed(1)}" y="${y(total).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(d.answered) - y(total)).toFixed(1)}" fill="${ABSTAINED}"/>${tick}</g>`;
  });
  const empty = shown.length
    ? ""
    : `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#666">No questions in this window</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Questions answered and not covered per day">
<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${width - pad.right}" y2="${pad.top + plotH}" stroke="#999"/>
<text x="${pad.left - 6}" y="${pad.top + 4}" font-size="10" text-anchor="end">${max}</text>
<text x="${pad.left - 6}" y="${pad.top + plotH}" font-size="10" text-anchor="end">0</text>
<rect x="${pad.left}" y="4" width="10" height="10" fill="${ANSWERED}"/><text x="${pad.left + 14}" y="13" font-size="11">answered</text>
<rect x="${pad.left + 90}" y="4" width="10" height="10" fill="${ABSTAINED}"/><text x="${pad.left + 104}" y="13" font-size="11">not covered</text>
${bars.join("\n")}${empty}
</svg>`;
}

/**
 * Horizontal bars for the most cited sources.
 *
 * @example
 * ```ts
 * const svg = sourcesChart(stats.topSources);
 * ```
 */
export function sourcesChart(sources: SourceCount[]): string {
  const width = 720;
  const row = 26;
  const labelW = 300;
  const height = Math.max(1, sources.length) * row + 10;
  const max = Math.max(1, ...sources.map((s) => s.count));
  const rows = sources.map((s, i) => {
    const y = 5 + i * row;
    const w = ((width - labelW - 50) * s.count) / max;
    const name = s.file.length > 45 ? `…${s.file.slice(-44)}` : s.file;
    return `<g><title>${escapeHtml(`${s.file}: cited ${s.count} times`)}</title>
<text x="${labelW - 8}" y="${y + 16}" font-size="12" text-anchor="end">${escapeHtml(name)}</text>
<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="16" fill="#1565c0"/>
<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}" font-size="12">${s.count}</text></g>`;
  });
  const empty = sources.length
    ? ""
    : `<text x="10" y="20" fill="#666">No answers cited a source in this window</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Most cited sources">
${rows.join("\n")}${empty}
</svg>`;
}
