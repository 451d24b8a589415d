/**
 * # KPIs
 *
 * Period P = whole UTC days [from, to): `2026-Q2`, `2026-05`, `2026-05-01..2026-06-15`
 * (inclusive end day); default the last full calendar month before now. "now" is the
 * reference instant (default the clock; `--now YYYY-MM-DD` = 00:00 UTC of that day): a
 * window that ends after it is pending. W = window days (default 60). Rates are percent,
 * null when their denominator is 0. Intervals are Wilson 95% intervals (0 of 0 → [0, 100]).
 *
 * 1. **CRR, customer retention rate by support interaction** = numerator / denominator × 100.
 *    Denominator: the at-risk cohort — distinct customers with at_risk in any complete risk
 *    run (status = 'complete') whose as_of is in P, once each; their first flag in P counts.
 *    Interaction: their first ticket closed (closed_at) in P on or after that first flag.
 *    Numerator: retained — still a customer W days after it (churn_date null or > interaction
 *    + W) and the window has ended (interaction + W ≤ now). Also reported: `churned` (churn_date
 *    ≤ interaction + W, including customers who left before their ticket closed), `pending`
 *    (window not ended, not churned yet; never retained), `noInteraction`, and `decided` =
 *    retained / (retained + churned) with its interval.
 * 2. **Customers**: S = at the start of P (signed up before P, churn_date null or ≥ from),
 *    E = at the end, N = signed up in P, churned = churn_date in P; so E = S + N − churned.
 *    Retention = (E − N) / S × 100; churn = churned / S × 100 (the two add to 100);
 *    revenue churn = MRR of the churned / MRR of S × 100 (current MRR of each customer).
 * 3. **Satisfaction** of answers given in P: CSAT = % of CSAT answers 4–5; NPS = % 9–10 −
 *    % 0–6; CES = mean; each with its response count.
 * 4. **Tickets** created in P: first response = first_response_at − created_at; resolution
 *    = COALESCE(resolved_at, closed_at) − created_at; median and mean hours of the tickets
 *    that have one; resolution rate = resolved or closed before the end of P / created;
 *    volume per channel.
 * 5. **Value**: ARPA = mean MRR of S; monthly churn = churn rate / months in P (calendar
 *    months, or days ÷ 30.44 for a range that is not whole months); CLV = ARPA ÷ monthly
 *    churn (as a fraction), null when nobody churned. Cost per retained = spend ÷ CRR numerator.
 * 6. **Breakdowns** (`by`): month — every KPI, each calendar month of P as its own period;
 *    plan, segment (the customer's current value) — customer KPIs, CLV, satisfaction, CRR;
 *    channel, agent (of the ticket) — ticket KPIs, and CRR by the channel / agent of the
 *    interaction ticket ("(none)" = no interaction, or no agent). Spend applies to P only.
 * 7. **Analyses**: retention W days after each customer's first ticket resolved in P, by its
 *    resolution time (<4 h, 4–24 h, 1–3 d, 3–7 d, >7 d) and by its channel; does faster
 *    resolution pay (a faster bucket's interval wholly above a slower one's), and the bucket
 *    where it stops paying; the at-risk customers of the latest complete run (as_of ≤ now)
 *    with the most tickets open now; agents ranked by the share of the customers they served
 *    (closed a ticket of in P) who stayed W days after the first such closing. Every share
 *    has n (decided windows; pending excluded) and an interval, so small samples show as small.
 */
export { readDataVersion, type DataVersion } from "../db/repositories/data-version.ts";
export { buildKpiReport, type KpiOptions } from "./build-kpi-report.ts";
export { compareFigures } from "./compare-kpis.ts";
export { describeChange, type ChangeUnit } from "./describe-change.ts";
export { supportRows, type SupportRow } from "./format-support-comparison.ts";
export { formatKpiReport } from "./format-kpi-report.ts";
export {
  BREAKDOWNS,
  type Breakdown,
  type KpiChange,
  type KpiReport,
  type RetentionShare,
  type SupportComparison,
} from "./kpi-report.ts";
export { DEFAULT_WINDOW_DAYS, parseKpiOptions, type KpiOptionsInput } from "./parse-kpi-options.ts";
export { parsePeriod, PERIOD_FORMS, previousPeriod, splitByMonth, type Period } from "./parse-period.ts";
export { wilsonInterval } from "./wilson-interval.ts";
