import type { CustomerDetail } from "../../customers/index.ts";
import { day, decimal, percent } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";

const DAY_MS = 86_400_000;

function table(caption: string, head: string[], rows: SafeHtml[], empty: string): SafeHtml {
  return html`<div class="table-wrap">
<table><caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="${head.length}" class="empty">${empty}</td></tr>`}</tbody></table></div>`;
}

/** Index range [first, last] of the customer's active days (signup to churn) in the usage window; null when none. */
export function activeRange(usage: CustomerDetail["usage"]): [number, number] | null {
  if (!usage.activeFrom || !usage.activeTo) return null;
  const from = Date.parse(`${usage.from}T00:00:00Z`);
  return [
    Math.round((Date.parse(`${usage.activeFrom}T00:00:00Z`) - from) / DAY_MS),
    Math.round((Date.parse(`${usage.activeTo}T00:00:00Z`) - from) / DAY_MS),
  ];
}

/** A count summed, a gauge (active users) averaged, over the active days of values[start, end); null when none. */
function summarize(values: number[], range: [number, number], gauge: boolean, start: number, end: number) {
  const slice = values.slice(Math.max(start, range[0]), Math.min(end, range[1] + 1));
  if (!slice.length) return null;
  const sum = slice.reduce((s, v) => s + v, 0);
  return gauge ? sum / slice.length : sum;
}

function usageTable(d: CustomerDetail): SafeHtml {
  const range = activeRange(d.usage);
  const n = d.usage.metrics[0]?.values.length ?? 0;
  const cell = (v: number | null, gauge: boolean) =>
    html`<td class="num">${v === null ? "–" : decimal(v, gauge ? 1 : 0)}</td>`;
  return table(
    "Usage over the active days: totals for counts, daily averages for gauges",
    ["Metric", "Shown as", "Whole window", "Last 30 days", "30 days before"],
    range
      ? d.usage.metrics.map(
          (m) => html`<tr><td>${m.metric}</td><td>${m.gauge ? "daily average" : "total"}</td>
${cell(summarize(m.values, range, m.gauge, 0, n), m.gauge)}${cell(summarize(m.values, range, m.gauge, n - 30, n), m.gauge)}
${cell(summarize(m.values, range, m.gauge, n - 60, n - 30), m.gauge)}</tr>`,
        )
      : [],
    "No usage in this window.",
  );
}

/**
 * The risk chart (probability across runs by date, with the at-risk cutoff) and one small chart per usage metric,
 * each with its own axis, over the customer's active days only; each with its data table.
 */
export function chartsSection(d: CustomerDetail): SafeHtml {
  const range = activeRange(d.usage);
  const span = range ? `${d.usage.activeFrom} to ${d.usage.activeTo}` : `${d.usage.from} to ${d.usage.to}`;
  return html`<div class="charts two">
  <figure class="chart"><figcaption id="risk-h">Churn probability across risk runs, by date</figcaption>
    <canvas id="risk-chart" role="img" aria-labelledby="risk-h" aria-describedby="risk-table"></canvas>
    <details><summary>Data</summary>${table(
      "Risk history",
      ["As of", "Probability", "At-risk cutoff", "At risk"],
      d.risk.history.map(
        (h) => html`<tr><td>${day(h.asOf)}</td><td class="num">${percent(h.probability)}</td>
<td class="num">${h.threshold === null ? "–" : percent(h.threshold)}</td><td>${h.atRisk ? "yes" : "no"}</td></tr>`,
      ),
      "Not scored yet.",
    )}</details>
    <p class="visually-hidden" id="risk-table">${d.risk.history.length} runs; the data table follows.</p></figure>
  <figure class="chart"><figcaption id="usage-h">Daily usage, ${span}${
    range && d.usage.activeFrom !== d.usage.from ? " (since signup)" : ""
  }${range && d.usage.activeTo !== d.usage.to ? " (until churn)" : ""}</figcaption>
    <div class="usage-charts">${d.usage.metrics.map(
      (m, i) => html`<div class="usage-chart"><span class="label" id="usage-h-${i}">${m.metric}${
        m.gauge ? " (per day)" : ""
      }</span>
<canvas id="usage-chart-${i}" data-metric="${m.metric}" role="img" aria-labelledby="usage-h usage-h-${i}"></canvas></div>`,
    )}</div>
    <details><summary>Data</summary>${usageTable(d)}</details></figure>
</div>`;
}
