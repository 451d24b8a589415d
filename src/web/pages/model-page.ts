import type { Principal } from "../../auth/index.ts";
import type { OpenHealthAlert } from "../../alerts/index.ts";
import type { ModelDetail, ModelSummary, SameRows } from "../../model/index.ts";
import type { ModelHealth } from "../../monitoring/index.ts";
import { dateTime, decimal, percent } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import { modelHealthData, modelHealthSection } from "./model-health-section.ts";
import { calibrationTable, importanceTable, leaderboardTable, scoresTable } from "./model-tables.ts";

export interface ModelPageData {
  principal: Principal;
  active: string | null;
  versions: ModelSummary[];
  events: {
    version: string;
    action: string;
    previous: string | null;
    reason: string | null;
    actor?: string | null;
    at: Date;
  }[];
  /** Every version's AUC on the rows of the newest comparison (null: no comparison yet). */
  sameRows?: SameRows | null;
  /** Model-health alerts nobody acknowledged yet: a banner each. */
  alerts?: OpenHealthAlert[];
  selected: ModelDetail | null;
  /** Realised performance and drift of past runs (shown with a selected version). */
  health?: ModelHealth;
  currency?: string;
}

function versionRow(v: ModelSummary, d: ModelPageData): SafeHtml {
  const admin = d.principal.role === "admin";
  const canPromote = admin && v.status !== "active" && v.source === "database";
  return html`<tr${v.version === d.selected?.version ? html` class="selected"` : ""}>
  <td><a href="/models?version=${encodeURIComponent(v.version)}">${v.version}</a></td><td>${v.kind}</td>
<td><span class="status status-${v.status}">${v.status}</span></td>
  <td>${dateTime(v.createdAt)}</td><td>${dateTime(v.promotedAt)}</td>
  <td class="num">${decimal((v.test ?? v.validation).auc)}</td><td class="num">${decimal(v.validation.auc)}</td>
<td class="num">${decimal((v.test ?? v.validation).prAuc)}</td>
<td class="num">${decimal((v.test ?? v.validation).brier, 4)}</td>
<td class="num">${decimal((v.test ?? v.validation).lift10, 2)}</td>
<td class="num same-rows">${decimal(d.sameRows?.scores[v.version]?.auc ?? null)}</td>
  ${
    admin
      ? html`<td>${
          canPromote
            ? html`<button type="button" class="promote" data-version="${v.version}">Promote ${v.version}</button>`
            : ""
        }</td>`
      : ""
  }
</tr>`;
}

function headline(m: ModelDetail): SafeHtml {
  // The untouched test window is what versions are compared on; older versions have validation only.
  const v = m.test ?? m.validation;
  const on = m.test ? "test window" : "validation";
  const rows: [string, string][] = [
    [`Calibration error (ECE, ${on})`, decimal(v.ece, 4)],
    ["Threshold", decimal(m.threshold)],
    ["Precision at threshold", percent(v.precision)],
    ["Recall at threshold", percent(v.recall)],
    [`Rows (${on})`, decimal(v.rows, 0)],
    [`Churn rate (${on})`, percent(v.prevalence)],
  ];
  return html`<dl class="facts">${rows.map(([k, val]) => html`<div><dt>${k}</dt><dd>${val}</dd></div>`)}
  ${
    m.comparedWith
      ? html`<div><dt>Compared with</dt>
<dd>${m.comparedWith.version} (AUC ${decimal(m.comparedWith.auc)})</dd></div>`
      : ""
  }</dl>`;
}

/** Which rows the "same rows" column is on. */
function sameRowsNote(same: SameRows | null): SafeHtml {
  return same
    ? html`<p class="note">AUC on the same rows: the ${decimal(same.rows, 0)} rows of the test window of ${same.window}
  (${same.dates[0]} to ${same.dates.at(-1)}), each version's chosen pipeline before its refit, compared ${dateTime(same.at)}.</p>`
    : html`<p class="note">AUC on the same rows appears after the first comparison (a promotion or a retraining).</p>`;
}

/** A banner per unacknowledged model-health alert; admins can acknowledge it. */
function alertBanners(alerts: OpenHealthAlert[], admin: boolean): SafeHtml {
  return html`${alerts.map(
    (a) => html`<div class="alert-banner" role="alert" data-alert="${a.id}"><strong>Model alert:</strong> ${a.message}
  (${dateTime(a.createdAt)})${admin ? html` <button type="button" class="ack-alert" data-alert="${a.id}">Acknowledge</button>` : ""}</div>`,
  )}`;
}

function chart(id: string, title: string): SafeHtml {
  return html`<figure class="chart">
<figcaption id="${id}-h">${title}</figcaption><canvas id="${id}" role="img" aria-labelledby="${id}-h"></canvas></figure>`;
}

/**
 * The model page: one version's scores beside the naive baseline, its candidate leaderboard, curves, calibration bins
 * and importance; version history and promotions; promote and rollback for admins.
 */
export function modelPage(d: ModelPageData): string {
  const m = d.selected;
  const admin = d.principal.role === "admin";
  const body = html`<h1>Churn model</h1>
${alertBanners(d.alerts ?? [], admin)}
<p class="lead">Active version: <strong>${d.active ?? "none"}</strong>. Scores are on the untouched test window:
  the latest labelled as-of dates, never used to train or choose the model.</p>
${
  admin
    ? html`<div class="admin-bar"><label><input type="checkbox" id="force">
    Force (promote even if it does not beat the active model)</label>
  ${
    d.active ? html`<button type="button" id="rollback">Roll back to the previous model</button>` : ""
  }<p id="model-status" role="status" aria-live="polite">
</p></div>`
    : ""
}
${
  m
    ? html`<h2>Version ${m.version} <span class="status status-${m.status}">${m.status}</span></h2>
${scoresTable(m)}
${headline(m)}
<h3>Candidates</h3>
${leaderboardTable(m.candidates)}
<div class="charts two">
  ${chart("roc-chart", "ROC curve (true vs false positive rate)")}
  ${chart("calibration-chart", "Calibration: observed churn rate by predicted probability")}
  ${chart("lift-chart", "Cumulative lift and share of churners found, by depth")}
  ${chart("importance-chart", "Feature importance (permutation, top 15)")}
</div>
<details open><summary>Calibration bins</summary>${calibrationTable(m)}</details>
<details><summary>Feature importance data</summary>${importanceTable(m)}</details>
${d.health ? modelHealthSection(d.health, d.currency) : ""}`
    : html`<p>No model yet: run <code>npx retain train --promote</code>.</p>`
}
<h2>Version history</h2>
${sameRowsNote(d.sameRows ?? null)}
<div class="table-wrap"><table id="versions"><caption class="visually-hidden">Model versions, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Kind</th><th scope="col">Status</th>
<th scope="col">Trained</th><th scope="col">Promoted</th>
<th scope="col" class="num">Test AUC</th><th scope="col" class="num">Validation AUC</th>
<th scope="col" class="num">PR AUC</th><th scope="col" class="num">Brier</th>
<th scope="col" class="num">Lift@10</th><th scope="col" class="num">AUC on the same rows</th>
${admin ? html`<th scope="col">Action</th>` : ""}</tr></thead>
<tbody>${
    d.versions.length
      ? d.versions.map((v) => versionRow(v, d))
      : html`<tr>
<td colspan="12" class="empty">No versions.</td></tr>`
  }</tbody></table></div>
<h2>Promotions and rollbacks</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Newest first</caption><thead><tr>
<th scope="col">When</th><th scope="col">Action</th><th scope="col">Version</th><th scope="col">Before</th>
<th scope="col">Reason</th><th scope="col">By</th></tr></thead>
<tbody>${
    d.events.length
      ? d.events.map(
          (e) => html`<tr><td>${dateTime(e.at)}</td><td>${e.action}</td>
<td>${e.version}</td><td>${e.previous ?? "–"}</td><td>${e.reason ?? ""}</td><td>${e.actor ?? ""}</td></tr>`,
        )
      : html`<tr>
<td colspan="6" class="empty">None yet.</td></tr>`
  }</tbody></table></div>`;
  const data = m
    ? {
        version: m.version,
        curves: m.curves,
        importance: m.importance.slice(0, 15),
        health: d.health ? modelHealthData(d.health) : null,
      }
    : null;
  return renderPage({
    title: "Model",
    principal: d.principal,
    active: "models",
    body,
    data,
    scripts: ["chart.umd.js", "charts.js", "model.js", "model-health.js"],
  });
}
