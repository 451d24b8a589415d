import type { ModelDetail, ModelScores } from "../../model/index.ts";
import { count, decimal, percent } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";

type Candidate = ModelDetail["candidates"][number];

/** Trained candidates by validation AUC (what chose the model), skipped ones last in their saved order. */
function ranked(candidates: Candidate[]): Candidate[] {
  const trained = candidates.filter((c) => !c.skipped && Number.isFinite(c.valAuc));
  return [...trained.sort((a, b) => b.valAuc - a.valAuc), ...candidates.filter((c) => !trained.includes(c))];
}

function candidateRow(c: Candidate, best: boolean): SafeHtml {
  const notes = [
    best ? "highest validation AUC" : "",
    c.skipped ? `skipped: ${c.skipped}` : "",
    c.members && c.members > 1 ? `${c.members} members` : "",
  ].filter(Boolean);
  return html`<tr${best ? html` class="selected"` : ""}>
<th scope="row">${c.name}</th><td>${c.kind ?? "–"}</td>
<td class="num">${c.skipped ? "–" : decimal(c.valAuc)}</td><td class="num">${decimal(c.testAuc)}</td>
<td class="num">${c.skipped ? "–" : decimal(c.seconds, 1)}</td><td>${notes.join("; ")}</td>
</tr>`;
}

/** Every candidate the training tried: validation and test AUC and fit time; versions before format 2 kept only validation AUC. */
export function leaderboardTable(candidates: Candidate[]): SafeHtml {
  const rows = ranked(candidates);
  return html`<div class="table-wrap"><table id="leaderboard">
<caption>Candidate leaderboard: the model is chosen on validation AUC; test AUC is reported, never used to choose</caption>
<thead><tr><th scope="col">Candidate</th><th scope="col">Kind</th>
<th scope="col" class="num">Validation AUC</th><th scope="col" class="num">Test AUC</th>
<th scope="col" class="num">Fit time (s)</th><th scope="col">Notes</th></tr></thead>
<tbody>${
    rows.length
      ? rows.map((c, i) => candidateRow(c, i === 0 && !c.skipped))
      : html`<tr>
<td colspan="6" class="empty">No candidates recorded for this version.</td></tr>`
  }</tbody></table></div>`;
}

type ScoreKey = "auc" | "prAuc" | "brier" | "lift10";
const SCORES: [ScoreKey, string, number][] = [
  ["auc", "ROC AUC (higher is better)", 3],
  ["prAuc", "PR AUC (higher is better)", 3],
  ["brier", "Brier score (lower is better)", 4],
  ["lift10", "Lift in the top 10 % (higher is better)", 2],
];

/** The version's scores with the naive baseline (always the training churn rate) beside each, on test and validation rows. */
export function scoresTable(m: ModelDetail): SafeHtml {
  const sets: [string, ModelScores, ModelDetail["baseline"]][] = [];
  if (m.test && m.baselines.test) sets.push(["Test window", m.test, m.baselines.test]);
  sets.push(["Validation (chose it)", m.validation, m.baselines.validation]);
  return html`<div class="table-wrap"><table id="scores">
<caption>Scores beside the naive baseline, a model that always predicts the training churn rate</caption>
<thead><tr><th scope="col">Metric</th>${sets.map(
    ([name]) => html`<th scope="col" class="num">${name}</th>
<th scope="col" class="num">Naive baseline</th>`,
  )}</tr></thead>
<tbody>${SCORES.map(
    ([key, label, digits]) =>
      html`<tr><th scope="row">${label}</th>${sets.map(
        ([, scores, baseline]) => html`<td class="num">${decimal(scores[key], digits)}</td>
<td class="num baseline">${decimal(baseline[key], digits)}</td>`,
      )}</tr>`,
  )}</tbody></table></div>`;
}

/** The calibration bins with their row counts (an empty bin has no rate), under the calibration chart. */
export function calibrationTable(m: ModelDetail): SafeHtml {
  return html`<div class="table-wrap"><table id="calibration-bins">
<caption>Calibration bins (${m.test ? "test window" : "validation"})</caption>
<thead><tr><th scope="col">Predicted probability</th><th scope="col" class="num">Rows</th>
<th scope="col" class="num">Mean predicted</th><th scope="col" class="num">Observed churn rate</th></tr></thead>
<tbody>${m.curves.calibration.map(
    (b) => html`<tr><th scope="row">${decimal(b.lower, 1)}–${decimal(b.upper, 1)}</th>
<td class="num">${count(b.count)}</td><td class="num">${percent(b.meanPredicted)}</td>
<td class="num">${percent(b.observedRate)}</td></tr>`,
  )}</tbody></table></div>`;
}

/** Permutation importance with each feature's readable label and its column name. */
export function importanceTable(m: ModelDetail): SafeHtml {
  return html`<div class="table-wrap"><table id="importance-table">
<caption>Permutation importance: validation ROC AUC lost when the feature's values are shuffled</caption>
<thead><tr><th scope="col">Feature</th><th scope="col">Column</th>
<th scope="col" class="num">AUC lost</th></tr></thead>
<tbody>${m.importance.map(
    (
      i,
    ) => html`<tr><td>${i.label}</td><td><code>${i.feature}</code></td><td class="num">${decimal(i.importance, 4)}</td>
</tr>`,
  )}</tbody></table></div>`;
}
