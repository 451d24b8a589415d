/**
 * The KPI report, as served by `GET /api/v1/kpis` and printed by `retain kpi --json`.
 * Rates, shares and intervals are percentages (0–100); null when the denominator is 0.
 * Durations are hours; money is in the unit of customers.mrr.
 */

/** Customers who stayed W days after an event, among those whose window has ended. */
export interface RetentionShare {
  /** retained + churned: decided windows only; pending windows are not in n. */
  n: number;
  retained: number;
  churned: number;
  /** Windows not ended yet (event + W > now, not churned yet): excluded from n. */
  pending: number;
  rate: number | null;
  /** Wilson 95% interval of the rate; [0, 100] when n = 0. */
  ci95: [number, number];
}

export interface CrrKpi {
  /** At-risk cohort of P: distinct customers flagged in any complete run with as_of in P. */
  denominator: number;
  /** Cohort customers still customers W days after their first interaction (ticket closed in P, on or after their first flag). */
  numerator: number;
  /** numerator / denominator × 100. */
  rate: number | null;
  churned: number;
  pending: number;
  noInteraction: number;
  /** Among decided windows: retained / (retained + churned), with its interval. */
  decided: RetentionShare;
}

export interface CustomerKpis {
  atStart: number;
  atEnd: number;
  new: number;
  churned: number;
  /** (E − N) / S × 100. */
  retentionRate: number | null;
  /** churned / S × 100; retentionRate + churnRate = 100. */
  churnRate: number | null;
  mrrAtStart: number;
  mrrChurned: number;
  revenueChurnRate: number | null;
}

export interface SatisfactionKpis {
  /** % of CSAT answers scoring 4–5. */
  csat: { responses: number; satisfied: number; score: number | null };
  /** % promoters (9–10) − % detractors (0–6), −100…100. */
  nps: { responses: number; promoters: number; detractors: number; score: number | null };
  /** Mean CES (1–7, higher = easier). */
  ces: { responses: number; mean: number | null };
}

export interface DurationStats {
  n: number;
  medianHours: number | null;
  meanHours: number | null;
}

export interface TicketKpis {
  created: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
  resolvedByEnd: number;
  /** resolvedByEnd / created × 100. */
  resolutionRate: number | null;
  /** Tickets created in P per channel (in the report and by month; not in channel or agent rows). */
  byChannel?: Record<string, number>;
}

export interface ValueKpis {
  /** Mean MRR of the customers at the start of P. */
  arpa: number | null;
  /** churnRate / months in P (percent per month). */
  monthlyChurnRate: number | null;
  /** arpa ÷ (monthlyChurnRate / 100); null when nobody churned. */
  clv: number | null;
  spend: number | null;
  /** spend ÷ CRR numerator. */
  costPerRetained: number | null;
}

export interface CoreKpis {
  crr: CrrKpi;
  /**
   * Why the CRR is empty or no cohort window is decided yet (no risk run or nobody at risk in P, or when the
   * windows end); null when it is a number.
   */
  crrPendingReason: string | null;
  customers: CustomerKpis;
  satisfaction: SatisfactionKpis;
  tickets: TicketKpis;
  value: ValueKpis;
}

export const BREAKDOWNS = ["month", "plan", "segment", "channel", "agent"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** One row of a breakdown: only the KPIs that apply to the dimension are present. */
export interface BreakdownRow extends Partial<CoreKpis> {
  /** The month (YYYY-MM), plan, segment, channel or agent id; "(none)" when missing. */
  key: string;
  /** Agent name (by agent). */
  name?: string | null;
  /** The part of P the row covers (by month). */
  period?: { firstDay: string; lastDay: string };
}

export interface ResolutionBucket extends RetentionShare {
  bucket: string;
  /** Lower and upper bound in hours; null = open-ended. */
  fromHours: number;
  toHours: number | null;
}

export interface KpiAnalyses {
  retentionByResolutionTime: {
    buckets: ResolutionBucket[];
    /** A faster bucket retains clearly better than a slower one (95% intervals apart); null = too little data. */
    fasterPays: boolean | null;
    /** The slowest bucket that retains as well as every faster one, when some slower bucket is clearly worse. */
    stopsPayingAt: string | null;
    finding: string;
  };
  retentionByChannel: (RetentionShare & { channel: string })[];
  atRiskOpenTickets: {
    runAsOf: string | null;
    atRisk: number;
    withOpenTickets: number;
    customers: {
      customerId: string;
      name: string | null;
      ownerEmail: string | null;
      probability: number;
      band: string;
      mrr: number;
      openTickets: number;
      oldestOpenAt: string;
    }[];
  };
  /** Ranked by rate (then n); read the interval: a small n gives a wide one. */
  agents: (RetentionShare & { rank: number; agentId: string; name: string | null })[];
}

/** The support KPIs of one period: its tickets, and the at-risk customers with tickets open at its end. */
export interface SupportSnapshot {
  period: { label: string; firstDay: string; lastDay: string };
  /** Tickets created in the period (see TicketKpis). */
  created: number;
  resolvedByEnd: number;
  resolutionRate: number | null;
  firstResponse: DurationStats;
  resolution: DurationStats;
  byChannel: Record<string, number>;
  /** The latest complete run on or before `at` (the period's end, or now if sooner) and its customers with tickets open then. */
  atRiskOpenTickets: { at: string; runAsOf: string | null; atRisk: number; withOpenTickets: number };
}

/** How a figure moved from the previous period to this one. */
export interface KpiChange {
  current: number | null;
  previous: number | null;
  /** current − previous (percentage points for rates); null when either is missing. */
  difference: number | null;
  /** difference / previous × 100; null when previous is 0 or missing. */
  percent: number | null;
  direction: "up" | "down" | "same" | null;
  /**
   * Whether the move is good news (shorter times, a higher resolution rate, fewer at-risk customers
   * waiting); null when neutral (volume).
   */
  verdict: "better" | "worse" | "same" | null;
}

/** The support KPIs of P beside those of the previous period of the same length (immediately before P). */
export interface SupportComparison {
  current: SupportSnapshot;
  previous: SupportSnapshot;
  changes: {
    firstResponseMedianHours: KpiChange;
    resolutionMedianHours: KpiChange;
    resolutionRate: KpiChange;
    created: KpiChange;
    /** Per channel of either period, largest current volume first. */
    byChannel: Record<string, KpiChange>;
    atRiskWithOpenTickets: KpiChange;
  };
  /** Tickets open at the previous period's end of each customer in analyses.atRiskOpenTickets.customers, by customer id. */
  previousOpenTickets: Record<string, number>;
}

export interface KpiReport extends CoreKpis {
  period: { label: string; firstDay: string; lastDay: string; days: number; months: number };
  /** The reference instant: windows ending after it are pending. */
  now: string;
  windowDays: number;
  breakdown: { by: Breakdown; rows: BreakdownRow[] } | null;
  analyses: KpiAnalyses;
  support: SupportComparison;
}
