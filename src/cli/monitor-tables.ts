import type { ModelHealth, OutcomeScores, RunHealth } from "../monitoring/index.ts";
import { Cells, formatTable } from "./format-table.ts";

type Money = (amount: number) => string;
const f3 = Cells.fixed(3);
const f4 = Cells.fixed(4);
const pct = { align: "right", show: (v: string | number | Date) => `${(Number(v) * 100).toFixed(1)} %` } as const;

function groupTable(groups: { key: string; scores: OutcomeScores }[], what: string, money: Money): string {
  return formatTable(groups, [
    { header: what, value: (g) => g.key },
    { header: "customers", value: (g) => g.scores.rows, format: Cells.count },
    { header: "churned", value: (g) => g.scores.churned, format: Cells.count },
    { header: "AUC", value: (g) => g.scores.auc, format: f3 },
    { header: "PR AUC", value: (g) => g.scores.prAuc, format: f3 },
    { header: "Brier", value: (g) => g.scores.brier, format: f4 },
    { header: "precision", value: (g) => g.scores.atRisk.precision, format: pct },
    { header: "recall", value: (g) => g.scores.atRisk.recall, format: pct },
    { header: "MRR caught", value: (g) => g.scores.mrr.caught, format: Cells.money(money) },
    { header: "MRR churned", value: (g) => g.scores.mrr.churned, format: Cells.money(money) },
  ]);
}

const driftText = (r: RunHealth, threshold: number) =>
  !r.drift.available
    ? "n/a"
    : r.drift.flagged.length || r.drift.scoreFlagged
      ? `${[...(r.drift.scoreFlagged ? ["score"] : []), ...r.drift.flagged.map((f) => f.name)].slice(0, 4).join(", ")}` +
        `${r.drift.flagged.length > 4 ? ` +${r.drift.flagged.length - 3}` : ""} (PSI > ${threshold})`
      : "none";

/** `retain monitor` as text: runs, versions, the latest measured run by segment, plan and calibration, drift. */
export function formatModelHealth(h: ModelHealth, money: Money): string {
  if (!h.runs.length) return "No risk runs yet: score with `npx retain score --as-of DATE`.";
  const runs = formatTable(h.runs, [
    { header: "run", value: (r) => r.runId, format: Cells.id },
    { header: "as of", value: (r) => r.asOf },
    { header: "model", value: (r) => r.modelVersion },
    { header: "status", value: (r) => (r.outcome ? "measured" : `pending until ${r.measurableOn}`) },
    // Measured: the run's customers still customers at its as-of; pending: everyone it scored.
    { header: "customers", value: (r) => r.outcome?.overall.rows ?? r.scored, format: Cells.count },
    { header: "churned", value: (r) => r.outcome?.overall.churned, format: Cells.count },
    { header: "AUC", value: (r) => r.outcome?.overall.auc, format: f3 },
    { header: "PR AUC", value: (r) => r.outcome?.overall.prAuc, format: f3 },
    { header: "Brier", value: (r) => r.outcome?.overall.brier, format: f4 },
    { header: "precision", value: (r) => r.outcome?.overall.atRisk.precision, format: pct },
    { header: "recall", value: (r) => r.outcome?.overall.atRisk.recall, format: pct },
    { header: "MRR caught", value: (r) => r.outcome?.overall.mrr.caught, format: Cells.money(money) },
    { header: "MRR churned", value: (r) => r.outcome?.overall.mrr.churned, format: Cells.money(money) },
    { header: "score PSI", value: (r) => (r.drift.available ? r.drift.scorePsi : null), format: f3 },
    { header: "drifted", value: (r) => driftText(r, h.psiThreshold) },
  ]);
  const versions = formatTable(h.versions, [
    { header: "model", value: (v) => v.version },
    { header: "runs", value: (v) => v.runs, format: Cells.count },
    { header: "measured", value: (v) => v.measured, format: Cells.count },
    { header: "mean AUC", value: (v) => v.meanAuc, format: f3 },
    { header: "test AUC (promised)", value: (v) => v.promised.testAuc, format: f3 },
    { header: "validation AUC", value: (v) => v.promised.validationAuc, format: f3 },
    { header: "mean PR AUC", value: (v) => v.meanPrAuc, format: f3 },
    { header: "mean Brier", value: (v) => v.meanBrier, format: f4 },
    { header: "precision", value: (v) => v.atRisk.precision, format: pct },
    { header: "recall", value: (v) => v.atRisk.recall, format: pct },
    { header: "MRR caught", value: (v) => v.mrr.caught, format: Cells.money(money) },
  ]);
  const parts = [`Risk runs (realised over each run's horizon)\n${runs}`, `Model versions\n${versions}`];
  const latest = h.runs.findLast((r) => r.outcome);
  if (latest?.outcome) {
    const o = latest.outcome;
    parts.push(`Run ${latest.runId} (${latest.asOf}) by segment\n${groupTable(o.bySegment, "segment", money)}`);
    parts.push(`Run ${latest.runId} (${latest.asOf}) by plan\n${groupTable(o.byPlan, "plan", money)}`);
    const bins = o.overall.calibration.filter((b) => b.count > 0);
    parts.push(
      `Run ${latest.runId} (${latest.asOf}) calibration by tenth of predicted probability\n${formatTable(bins, [
        { header: "predicted", value: (b) => `${Math.round(b.lower * 100)}–${Math.round(b.upper * 100)} %` },
        { header: "customers", value: (b) => b.count, format: Cells.count },
        { header: "mean predicted", value: (b) => b.meanPredicted, format: pct },
        { header: "realised rate", value: (b) => b.observedRate, format: pct },
      ])}`,
    );
  }
  if (h.latestDrift) {
    const { drift, runId, asOf } = h.latestDrift;
    const columns = [drift.score, ...drift.features]
      .filter((c) => c.psi > h.psiThreshold)
      .sort((a, b) => b.psi - a.psi);
    parts.push(
      `Drift of run ${runId} (${asOf}) against the training window ${drift.trainingFrom} – ${drift.trainingTo}: ` +
        `${columns.length ? `${columns.length} over PSI ${h.psiThreshold}` : `nothing over PSI ${h.psiThreshold}`}\n` +
        formatTable(columns, [
          { header: "feature", value: (c) => c.name },
          { header: "PSI", value: (c) => c.psi, format: f3 },
          { header: "missing (run)", value: (c) => c.missingShare, format: pct },
          { header: "missing (training)", value: (c) => c.trainingMissingShare, format: pct },
        ]),
    );
  } else {
    const reason = h.runs.at(-1)!.drift;
    if (!reason.available) parts.push(`Drift: ${reason.reason}`);
  }
  return parts.join("\n\n");
}
