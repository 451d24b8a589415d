import type { AtRiskSummary } from "../../scoring/index.ts";
import { count, day, money } from "../format.ts";
import { html, queryString, type HtmlValue, type SafeHtml } from "../html.ts";

/** The strip's filters, carried by its links (the list's filters but view, band, sort and order). */
export type StripFilters = Record<string, string | undefined>;

const BANDS = [
  ["high", "High"],
  ["medium", "Medium"],
  ["low", "Low"],
] as const;

/** "+3", "−2", "no change". */
function countChange(delta: number | null): string {
  if (delta === null) return "";
  return delta === 0 ? "no change" : `${delta > 0 ? "+" : "−"}${count(Math.abs(delta))}`;
}

function moneyChange(delta: number | null, currency?: string): string {
  if (delta === null) return "";
  return Math.abs(delta) < 0.005 ? "no change" : `${delta > 0 ? "+" : "−"}${money(Math.abs(delta), currency)}`;
}

const link = (filters: StripFilters, extra: StripFilters) => `/at-risk${queryString({ ...filters, ...extra })}`;

/** A small bar chart of the at-risk count at each recent run (SVG drawn on the server: no script needed). */
function historyChart(history: AtRiskSummary["history"]): HtmlValue {
  if (history.length < 2) return "";
  const width = 150;
  const height = 36;
  const max = Math.max(1, ...history.map((h) => h.atRisk));
  const step = width / history.length;
  const words = history.map((h) => `${day(h.asOf)}: ${count(h.atRisk)}`).join(", ");
  const bars = history.map((h, i) => {
    const barHeight = Math.max(1, Math.round((h.atRisk / max) * (height - 2)));
    return html`<rect x="${(i * step + 1).toFixed(1)}" y="${height - barHeight}" width="${Math.max(1, step - 2).toFixed(1)}"
  height="${barHeight}"><title>${day(h.asOf)}: ${count(h.atRisk)} at risk</title></rect>`;
  });
  return html`<div class="tile strip-chart"><span class="label">At risk, last ${history.length} runs</span>
<svg id="at-risk-history" class="history" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"
  role="img" aria-label="At-risk customers at each run: ${words}">${bars}</svg></div>`;
}

function tile(id: string, label: string, value: HtmlValue, sub: HtmlValue = ""): SafeHtml {
  return html`<div class="tile" id="${id}"><span class="label">${label}</span><span class="value">${value}</span>${
    sub ? html`<span class="sub">${sub}</span>` : ""
  }</div>`;
}

/**
 * The summary strip above the list: at-risk count and MRR at risk with the change since the previous run, newly
 * and no longer at risk, snoozed (each a link to that view), counts by band and the recent runs' counts.
 */
export function summaryStrip(s: AtRiskSummary, filters: StripFilters, currency?: string): HtmlValue {
  if (!s.run) return "";
  const since = s.run.previousAsOf ? html` since ${day(s.run.previousAsOf)}` : "";
  const n = s.atRisk.count;
  return html`<section class="tiles strip" aria-label="Summary of the latest run">
${tile(
  "sum-at-risk",
  "At risk",
  html`<a href="${link(filters, {})}">${count(n)}</a>`,
  s.previous ? html`${countChange(s.atRisk.countChange)}${since}` : "no previous run",
)}
${tile(
  "sum-mrr",
  "MRR at risk",
  money(s.atRisk.mrrAtRisk, currency),
  s.previous ? html`${moneyChange(s.atRisk.mrrAtRiskChange, currency)}${since}` : "",
)}
${tile("sum-new", "Newly at risk", html`<a href="${link(filters, { scope: "newly_at_risk" })}">${count(s.newlyAtRisk)}</a>`)}
${tile(
  "sum-gone",
  "No longer at risk",
  html`<a href="${link(filters, { scope: "no_longer_at_risk" })}">${count(s.noLongerAtRisk)}</a>`,
)}
${tile("sum-snoozed", "Snoozed", html`<a href="${link(filters, { scope: "snoozed" })}">${count(s.snoozed)}</a>`)}
<div class="tile" id="sum-bands"><span class="label">At risk by band</span><ul class="band-counts">${BANDS.map(
    ([band, label]) =>
      html`<li><span class="band band-${band}">${label}</span> ${
        s.bands[band] ? html`<a href="${link(filters, { band })}">${count(s.bands[band])}</a>` : "0"
      }</li>`,
  )}</ul></div>
${historyChart(s.history)}
</section>`;
}
