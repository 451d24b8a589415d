import type { ColumnDrift, ModelHealth, RunHealth } from "../../monitoring/index.ts";
import { count, decimal, money, percent } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";

/** Flagged features drawn as charts at most (the table lists every one). */
const MAX_DRIFT_CHARTS = 6;
/** Features in the drift table: every flagged one, then the highest PSI up to this many. */
const DRIFT_ROWS = 15;

const REALISED_TITLE = "Realised AUC and at-risk precision by run, beside the AUC the model promised";
const driftTitle = (c: ColumnDrift) => `${c.name}: share of customers by bin, training window vs this run`;

function chart(id: string, title: string): SafeHtml {
  return html`<figure class="chart">
<figcaption id="${id}-h">${title}</figcaption><canvas id="${id}" role="img" aria-labelledby="${id}-h"></canvas></figure>`;
}

function driftCell(r: RunHealth, threshold: number): SafeHtml | string {
  if (!r.drift.available) return html`<span class="muted" title="${r.drift.reason}">not available</span>`;
  const names = [...(r.drift.scoreFlagged ? ["score"] : []), ...r.drift.flagged.map((f) => f.name)];
  return names.length
    ? html`<span class="drifted">${names.length} over PSI ${threshold}: ${names.slice(0, 3).join(", ")}${
        names.length > 3 ? "…" : ""
      }</span>`
    : "none";
}

function runRow(r: RunHealth, h: ModelHealth, currency?: string): SafeHtml {
  const o = r.outcome?.overall;
  return html`<tr><td>${r.asOf}</td><td>${r.modelVersion}</td>
<td>${o ? "measured" : html`<span class="muted">pending until ${r.measurableOn}</span>`}</td>
<td class="num">${count(o?.rows ?? r.scored)}</td><td class="num">${o ? decimal(o.auc) : "–"}</td>
<td class="num">${o ? decimal(o.prAuc) : "–"}</td><td class="num">${o ? decimal(o.brier, 4) : "–"}</td>
<td class="num">${o ? percent(o.atRisk.precision) : "–"}</td><td class="num">${o ? percent(o.atRisk.recall) : "–"}</td>
<td class="num">${o ? `${money(o.mrr.caught, currency)} of ${money(o.mrr.churned, currency)}` : "–"}</td>
<td>${driftCell(r, h.psiThreshold)}</td></tr>`;
}

function driftRow(c: ColumnDrift, threshold: number): SafeHtml {
  const flagged = c.psi > threshold;
  return html`<tr${flagged ? html` class="flagged"` : ""}><th scope="row"><code>${c.name}</code></th>
<td class="num">${decimal(c.psi)}</td><td class="num">${percent(c.missingShare)}</td>
<td class="num">${percent(c.trainingMissingShare)}</td><td>${flagged ? "drifted" : ""}</td></tr>`;
}

/** The columns of the newest drift, flagged first then by PSI: what the table and the charts show. */
export function driftedColumns(h: ModelHealth): { rows: ColumnDrift[]; charts: ColumnDrift[] } {
  if (!h.latestDrift) return { rows: [], charts: [] };
  const all = [h.latestDrift.drift.score, ...h.latestDrift.drift.features].sort((a, b) => b.psi - a.psi);
  const flagged = all.filter((c) => c.psi > h.psiThreshold);
  return { rows: all.slice(0, Math.max(DRIFT_ROWS, flagged.length)), charts: flagged.slice(0, MAX_DRIFT_CHARTS) };
}

/**
 * Model health on the model page: each past run's realised AUC and at-risk precision over time beside the
 * test and validation AUC its model promised, every run (pending ones with the date they become measurable),
 * and the newest run's drift with a chart of each flagged feature's bins (training vs run).
 */
export function modelHealthSection(h: ModelHealth, currency?: string): SafeHtml {
  const { rows, charts } = driftedColumns(h);
  const lastRun = h.runs.at(-1);
  const measured = h.runs.filter((r) => r.outcome).length;
  return html`<section id="model-health"><h2>Model health</h2>
<p class="lead">Each risk run is measured against who churned within its model's horizon once the data covers
  it; drift compares each run's customers with the model's training window (PSI over 10 training quantile bins,
  flagged above ${h.psiThreshold}).</p>
${
  measured
    ? html`<div class="charts">${chart("realised-chart", REALISED_TITLE)}</div>`
    : html`<p id="realised-none">No run can be measured yet: a run is measured once its horizon has passed in the data.</p>`
}
<div class="table-wrap"><table id="realised-runs"><caption>Risk runs, oldest first (realised over each run's horizon)</caption>
<thead><tr><th scope="col">As of</th><th scope="col">Model</th><th scope="col">Status</th>
<th scope="col" class="num">Customers</th><th scope="col" class="num">AUC</th><th scope="col" class="num">PR AUC</th>
<th scope="col" class="num">Brier</th><th scope="col" class="num">Precision</th><th scope="col" class="num">Recall</th>
<th scope="col" class="num">Churned MRR caught</th><th scope="col">Drift</th></tr></thead>
<tbody>${
    h.runs.length
      ? h.runs.map((r) => runRow(r, h, currency))
      : html`<tr><td colspan="11" class="empty">No risk runs yet.</td></tr>`
  }</tbody></table></div>
${
  h.latestDrift
    ? html`<h3>Drift of the run of ${h.latestDrift.asOf} against the training window
${h.latestDrift.drift.trainingFrom} – ${h.latestDrift.drift.trainingTo}</h3>
<div class="table-wrap"><table id="drift-table"><caption>Highest PSI first; flagged above ${h.psiThreshold}</caption>
<thead><tr><th scope="col">Feature</th><th scope="col" class="num">PSI</th><th scope="col" class="num">Missing (run)</th>
<th scope="col" class="num">Missing (training)</th><th scope="col">Flag</th></tr></thead>
<tbody>${rows.map((c) => driftRow(c, h.psiThreshold))}</tbody></table></div>
${
  charts.length
    ? html`<div class="charts two">${charts.map((c, i) => chart(`drift-chart-${i}`, driftTitle(c)))}</div>`
    : ""
}`
    : html`<p id="drift-none">Drift: ${
        lastRun && !lastRun.drift.available ? lastRun.drift.reason : "no run has been scored with this model yet"
      }.</p>`
}</section>`;
}

/** What the page's script draws: the realised series and the flagged features' bins. */
export function modelHealthData(h: ModelHealth) {
  const promised = new Map(h.versions.map((v) => [v.version, v.promised]));
  return {
    series: h.runs
      .filter((r) => r.outcome)
      .map((r) => ({
        asOf: r.asOf,
        version: r.modelVersion,
        auc: r.outcome!.overall.auc,
        precision: r.outcome!.overall.atRisk.precision,
        testAuc: promised.get(r.modelVersion)?.testAuc ?? null,
        validationAuc: promised.get(r.modelVersion)?.validationAuc ?? null,
      })),
    drifted: driftedColumns(h).charts.map((c) => ({
      name: c.name,
      labels: c.labels,
      training: c.training,
      run: c.run,
    })),
  };
}
