import type { KpiChange } from "./kpi-report.ts";

/** How a figure is read: hours (a time), percentage points (a rate), or a count. */
export type ChangeUnit = "hours" | "points" | "count";

const WORDS: Record<ChangeUnit, { up: string; down: string }> = {
  hours: { up: "longer", down: "shorter" },
  points: { up: "higher", down: "lower" },
  count: { up: "more", down: "fewer" },
};

const oneDecimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/** A size of change: counts whole, hours under one in minutes, points with one decimal. */
function amount(value: number, unit: ChangeUnit): string {
  if (unit === "count") return whole.format(value);
  if (unit === "hours")
    return value >= 1 ? `${oneDecimal.format(value)} h` : `${Math.max(1, Math.round(value * 60))} min`;
  const text = oneDecimal.format(value);
  return `${text} ${text === "1.0" ? "point" : "points"}`;
}

/**
 * A change in plain words for people, with an arrow: "▲ 1.5 h longer (+12.5 %)", "▼ 20 min
 * shorter (−25.0 %)", "▼ 3.0 points
 * lower", "▲ 120 more (+5.0 %)", "= no change"; "no previous figure" / "no figure this period"
 * when one side is missing. Rates move in points (a percent of a percent would mislead).
 */
export function describeChange(change: KpiChange, unit: ChangeUnit): string {
  if (change.current === null) return "no figure this period";
  if (change.previous === null || change.difference === null) return "no previous figure";
  if (change.direction === "same") return "= no change";
  const up = change.difference > 0;
  const percent =
    unit === "points" || change.percent === null
      ? ""
      : ` (${up ? "+" : "−"}${oneDecimal.format(Math.abs(change.percent))} %)`;
  return `${up ? "▲" : "▼"} ${amount(Math.abs(change.difference), unit)} ${WORDS[unit][up ? "up" : "down"]}${percent}`;
}
