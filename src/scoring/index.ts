export { applyAtRiskRule, parseAtRiskRule, riskBand, RiskBand, type AtRiskRule } from "./at-risk-rule.ts";
export { scoreCustomers, type ScoreProgress, type ScoreResult } from "./score-customers.ts";
export { INSTANCE_ID, NIGHTLY_SCORING_JOB, runNightlyScoring, type NightlyOutcome } from "./run-nightly-scoring.ts";
export { listRecentJobRuns } from "./list-recent-job-runs.ts";
export { localDate } from "./local-date.ts";
export { exportAtRiskCsv } from "./export-at-risk-csv.ts";
export { findLatestRun } from "./find-latest-run.ts";
export { listAtRisk, listAtRiskChoices, type AtRiskItem, type AtRiskList, type AtRiskQuery } from "./list-at-risk.ts";
export { summarizeAtRisk, type AtRiskSummary, type AtRiskSummaryQuery } from "./summarize-at-risk.ts";
