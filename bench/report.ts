/**
 * @module
 * Benchmark output: a Markdown table for the terminal and the docs, and an SVG chart of answer
 * latency against corpus size (hand-drawn, log–log, no dependencies).
 */
import type { EngineResult } from "./measure.ts";
import { QUESTION_STYLES } from "./questions.ts";
import type { StartupResult } from "./startup.ts";
import type { TelegramResult } from "./telegram.ts";

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const pct = (n: number) => `${Math.round(n * 100)}%`;
/** A speed-up; below 0.1× (citebot slower) two significant digits, so 0.018× is not printed as 0.0×. */
const ratio = (n: number) => `${n >= 0.1 ? n.toFixed(1) : n.toPrecision(2)}×`;
const s = (msValue: number) => (msValue / 1000).toFixed(msValue >= 10_000 ? 0 : 2);

/**
 * The results as Markdown: one row per corpus size and engine, then citebot's speed-up over each
 * baseline measured in the same run.
 *
 * @example
 * ```ts
 * console.log(markdownTable(results));
 * ```
 */
export function markdownTable(results: readonly EngineResult[]): string {
  const lines = [
    "| passages | engine | build s | heap MB (index) | snapshot MB | load s | 1st after load ms | p50 / p99 ms: keywords | natural | typo | recall@1 kw / nat / typo | recall@10 kw / nat / typo |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    const lat = QUESTION_STYLES.map((st) => `${ms(r.styles[st].p50Ms)} / ${ms(r.styles[st].p99Ms)}`);
    const at1 = QUESTION_STYLES.map((st) => pct(r.styles[st].recallAt1)).join(" / ");
    const at10 = QUESTION_STYLES.map((st) => pct(r.styles[st].recallAt10)).join(" / ");
    lines.push(
      `| ${r.passages} | ${r.engine} | ${s(r.buildMs)} | ${r.heapMb} (${r.indexHeapMb}) | ${r.snapshotMb} | ${s(r.loadMs)} | ${ms(r.firstMs ?? Number.NaN)} | ${lat.join(" | ")} | ${at1} | ${at10} |`,
    );
  }
  lines.push(
    "",
    "| passages | baseline | citebot speed-up p50 kw / nat / typo | recall@10 citebot − baseline kw / nat / typo |",
  );
  lines.push("|---:|---|---:|---:|");
  for (const base of results.filter((r) => r.engine !== "citebot")) {
    const ours = results.find((r) => r.engine === "citebot" && r.passages === base.passages);
    if (!ours) continue;
    const speed = QUESTION_STYLES.map((st) =>
      ratio(base.styles[st].p50Ms / Math.max(ours.styles[st].p50Ms, 0.001)),
    );
    const diff = QUESTION_STYLES.map((st) => {
      const d = Math.round((ours.styles[st].recallAt10 - base.styles[st].recallAt10) * 100);
      return `${d >= 0 ? "+" : ""}${d}`;
    });
    lines.push(`| ${base.passages} | ${base.engine} | ${speed.join(" / ")} | ${diff.join(" / ")} |`);
  }
  return lines.join("\n");
}

const COLORS: Record<string, string> = {
  citebot: "#1b7f3b",
  minisearch: "#1f5fbf",
  "minisearch-stop": "#8e44ad",
  "minisearch-stop-fuzzy": "#c0392b",
  "bm25-floor": "#555555",
};
const DASH: Record<string, string> = { keywords: "2 4", natural: "", typo: "8 4" };

/**
 * Log–log chart of p50 latency per engine and question style against corpus size.
 *
 * @example
 * ```ts
 * await writeFile("bench/results/latency.svg", latencySvg(results));
 * ```
 */
export function latencySvg(results: readonly EngineResult[]): string {
  const width = 720;
  const height = 440;
  const pad = { left: 70, right: 200, top: 30, bottom: 50 };
  const sizes = [...new Set(results.map((r) => r.passages))].sort((a, b) => a - b);
  const values = results.flatMap((r) => QUESTION_STYLES.map((st) => Math.max(r.styles[st].p50Ms, 0.01)));
  const xMin = Math.log10(Math.min(...sizes));
  const xMax = Math.max(xMin + 1, Math.log10(Math.max(...sizes)));
  const yMin = Math.floor(Math.log10(Math.min(...values)));
  const yMax = Math.max(yMin + 1, Math.ceil(Math.log10(Math.max(...values))));
  const x = (n: number) =>
    pad.left + ((Math.log10(n) - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const y = (v: number) =>
    height -
    pad.bottom -
    ((Math.log10(Math.max(v, 0.01)) - yMin) / (yMax - yMin)) * (height - pad.top - pad.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${pad.left}" y="18" font-size="14">p50 answer latency (ms, log) against corpus size (passages, log)</text>`,
  ];
  for (let e = yMin; e <= yMax; e++) {
    const yy = y(10 ** e).toFixed(1);
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${pad.left - 8}" y="${yy}" text-anchor="end" dy="4">${10 ** e >= 1 ? 10 ** e : (10 ** e).toFixed(-e)}</text>`,
    );
  }
  for (const n of sizes) {
    const xx = x(n).toFixed(1);
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${xx}" y="${height - pad.bottom + 18}" text-anchor="middle">${n.toLocaleString("en")}</text>`,
    );
  }
  let legend = 0;
  for (const engine of [...new Set(results.map((r) => r.engine))]) {
    const rows = results.filter((r) => r.engine === engine).sort((a, b) => a.passages - b.passages);
    for (const style of QUESTION_STYLES) {
      const points = rows
        .map((r) => `${x(r.passages).toFixed(1)},${y(r.styles[style].p50Ms).toFixed(1)}`)
        .join(" ");
      const color = COLORS[engine] ?? "#555";
      parts.push(
        `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="${DASH[style]}"/>`,
      );
      const ly = pad.top + 10 + legend++ * 18;
      parts.push(
        `<line x1="${width - pad.right + 12}" x2="${width - pad.right + 42}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2" stroke-dasharray="${DASH[style]}"/>`,
      );
      parts.push(`<text x="${width - pad.right + 48}" y="${ly + 4}">${engine} ${style}</text>`);
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}

/**
 * The `--telegram` results as Markdown: end-to-end questions per second through the adapter and
 * the fake Bot API, beside `composeAnswer` alone on the same questions.
 */
export function telegramTable(results: readonly TelegramResult[]): string {
  const lines = [
    "| passages | questions | replied | lost | seconds | questions/s via Telegram | questions/s answer only |",
    "|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.passages} | ${r.questions} | ${r.replied} | ${r.lost} | ${r.seconds} | ${r.questionsPerSecond} | ${r.directPerSecond} |`,
    );
  }
  return lines.join("\n");
}

/** The `--startup` results as Markdown: `Library.open` without and with the snapshot. */
export function startupTable(results: readonly StartupResult[]): string {
  const lines = [
    "| passages | documents | open without snapshot s | peak RSS MB | open with snapshot s | peak RSS MB | 1st question ms | speed-up |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.passages} | ${r.documents} | ${s(r.coldMs)} | ${r.coldRssMb} | ${s(r.warmMs)} | ${r.warmRssMb} | ${r.firstAskMs} | ${(r.coldMs / Math.max(1, r.warmMs)).toFixed(1)}× |`,
    );
  }
  return lines.join("\n");
}
