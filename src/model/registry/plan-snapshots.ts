import { AppError, ErrorCode } from "../../errors.ts";

/** Days of usage a customer needs before an as-of date for its windows (30 + previous 30). */
export const WARMUP_DAYS = 60;
/** Share of the labelled dates in each of the validation and test windows. */
const WINDOW_SHARE = 0.15;

/** The as-of dates of database training, each in one role; `gap` dates only join the refit. */
export interface SnapshotPlan {
  train: number[];
  validation: number[];
  test: number[];
  /** Labelled dates in no window (their labels overlap the next window's dates); the refit uses them. */
  gap: number[];
  /** Every labelled date: what the scoring model is refit on. */
  all: number[];
}

/**
 * Weekly (or every `stepDays`) as-of dates whose horizon has passed, split in time order: an
 * untouched test window of the latest dates, a validation window before it, and training dates
 * before that. Each window starts only after the labels of the one before are known (a date's
 * label needs `horizonDays` after it), so no label crosses into a later window.
 */
export function planSnapshots(options: {
  first: number;
  last: number;
  horizonDays: number;
  stepDays: number;
}): SnapshotPlan {
  const { first, last, horizonDays, stepDays } = options;
  const all: number[] = [];
  for (let d = last - horizonDays; d >= first + WARMUP_DAYS; d -= stepDays) all.unshift(d);
  // Windows of ~15 % of the dates each, narrower when the history is short, so at least two training dates remain.
  for (let size = Math.max(1, Math.round(all.length * WINDOW_SHARE)); size >= 1; size--) {
    const test = all.slice(-size);
    const validation = all.filter((d) => d + horizonDays <= test[0]).slice(-size);
    const train = validation.length > 0 ? all.filter((d) => d + horizonDays <= validation[0]) : [];
    if (train.length < 2) continue;
    const used = new Set([...train, ...validation, ...test]);
    return { train, validation, test, gap: all.filter((d) => !used.has(d)), all };
  }
  {
    // Dates fall on the step grid back from the last labelled one, so each window moves back a whole number of steps.
    const need = WARMUP_DAYS + horizonDays + 2 * stepDays * Math.ceil(horizonDays / stepDays) + stepDays + 1;
    throw new AppError(
      ErrorCode.BadInput,
      `not enough history to train: expected at least ${need} days of usage (a ${WARMUP_DAYS}-day ` +
        `warm-up, then training, validation and test dates each ${horizonDays} days apart), found ` +
        `${last - first + 1}`,
    );
  }
}

/** Most (customer, date) rows database training reads per second of budget; above it customers are sampled. */
export const ROWS_PER_BUDGET_SECOND = 3_500;

/** The share of customers to keep so the (customer, date) rows fit the budget (1 = all; at least 1 %). */
export function customerSample(options: { rows: number; budgetSeconds: number }): number {
  const cap = options.budgetSeconds * ROWS_PER_BUDGET_SECOND;
  return options.rows <= cap ? 1 : Math.max(0.01, Math.floor((cap / options.rows) * 100) / 100);
}
