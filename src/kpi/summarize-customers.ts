import type { CustomerCountRow } from "../db/repositories/kpi/index.ts";
import type { CustomerKpis, ValueKpis } from "./kpi-report.ts";
import { percent } from "./retention-share.ts";

/** Retention (E − N) / S, churn and revenue churn from one row of customer counts (missing row = no customers). */
export function summarizeCustomers(row: Partial<CustomerCountRow> | undefined): CustomerKpis {
  const [S, E, N, churned] = [row?.at_start, row?.at_end, row?.new_customers, row?.churned].map((v) => Number(v ?? 0));
  const [mrrAtStart, mrrChurned] = [row?.mrr_at_start, row?.mrr_churned].map((v) => Number(v ?? 0));
  return {
    atStart: S,
    atEnd: E,
    new: N,
    churned,
    retentionRate: percent(E - N, S),
    churnRate: percent(churned, S),
    mrrAtStart,
    mrrChurned,
    revenueChurnRate: percent(mrrChurned, mrrAtStart),
  };
}

/**
 * CLV = ARPA ÷ monthly churn (ARPA = mean MRR at the start of P; monthly churn = churn rate ÷
 * months in P), null when nobody churned. Cost per retained = spend ÷ CRR numerator.
 */
export function summarizeValue(options: {
  customers: CustomerKpis;
  months: number;
  retained: number;
  spend?: number | null;
}): ValueKpis {
  const { customers, months, retained, spend = null } = options;
  const arpa = customers.atStart > 0 ? customers.mrrAtStart / customers.atStart : null;
  const monthlyChurnRate = customers.churnRate === null || months <= 0 ? null : customers.churnRate / months;
  return {
    arpa,
    monthlyChurnRate,
    clv: arpa === null || !monthlyChurnRate ? null : arpa / (monthlyChurnRate / 100),
    spend,
    costPerRetained: spend === null || retained === 0 ? null : spend / retained,
  };
}
