import { billingCycle, daysToRenewal } from "../features/index.ts";

const DAY_MS = 86_400_000;

/**
 * A customer's next renewal from today (UTC midnight of `now`), by the same rule as the model's days_to_renewal
 * feature: the date (YYYY-MM-DD, UTC) and whole days to it (0 = today); null when the plan's cycle is unknown.
 */
export function nextRenewal(
  c: { signupMs: number; plan: string | null },
  now: Date,
): { date: string; days: number } | null {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const days = daysToRenewal(c.signupMs, today, billingCycle(c.plan));
  return days === null ? null : { date: new Date(today + days * DAY_MS).toISOString().slice(0, 10), days };
}
