/** Billing cycle from the plan's name: "Pro Monthly" renews monthly, "Business Annual" yearly. */
export function billingCycle(plan: string | null): "monthly" | "annual" | "other" {
  const p = (plan ?? "").toLowerCase();
  if (/annual|yearly|year/.test(p)) return "annual";
  if (/monthly|month/.test(p)) return "monthly";
  return "other";
}

/**
 * Days from `asOfMs` to the next renewal: the next monthly or yearly anniversary of the
 * signup date (a 31st renews on the month's last day). Null when the cycle is unknown.
 */
export function daysToRenewal(signupMs: number, asOfMs: number, cycle: ReturnType<typeof billingCycle>): number | null {
  if (cycle === "other") return null;
  const signup = new Date(signupMs);
  const step = cycle === "monthly" ? 1 : 12;
  const asOf = new Date(asOfMs);
  let months = (asOf.getUTCFullYear() - signup.getUTCFullYear()) * 12 + asOf.getUTCMonth() - signup.getUTCMonth();
  months = Math.max(step, Math.floor(months / step) * step);
  for (;;) {
    const y = signup.getUTCFullYear() + Math.floor((signup.getUTCMonth() + months) / 12);
    const m = (signup.getUTCMonth() + months) % 12;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const renewal = Date.UTC(y, m, Math.min(signup.getUTCDate(), lastDay));
    if (renewal >= asOfMs) return Math.round((renewal - asOfMs) / 86_400_000);
    months += step;
  }
}
