import { USAGE_LOOKBACK_DAYS, metricFeatures } from "./feature-columns.ts";
import type { SnapshotRows } from "./plan-snapshot-rows.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

const MS_PER_DAY = 86_400_000;
const PEAK_WEEKS = 26;
const SLOPE_WEEKS = 12;
/** Days of usage read before T: the 180-day windows and the 26 weeks (182 days) of the peak. */
export const USAGE_READ_DAYS = Math.max(USAGE_LOOKBACK_DAYS, PEAK_WEEKS * 7);

/** Prefix arrays over one daily series, reused from customer to customer. */
class Prefix {
  sum: Float64Array;
  active: Int32Array;
  lastActive: Int32Array;
  /** Whole values only: sums are exact, no rounding residue to guard against. */
  exact = true;
  constructor(days: number) {
    this.sum = new Float64Array(days + 1);
    this.active = new Int32Array(days + 1);
    this.lastActive = new Int32Array(days + 1);
  }
  fill(series: Float64Array): void {
    const { sum, active, lastActive } = this;
    let exact = true;
    lastActive[0] = -1;
    for (let i = 0; i < series.length; i++) {
      const v = series[i];
      sum[i + 1] = sum[i] + v;
      if (v > 0) {
        active[i + 1] = active[i] + 1;
        lastActive[i + 1] = i;
        exact &&= Number.isInteger(v);
      } else {
        active[i + 1] = active[i];
        lastActive[i + 1] = lastActive[i];
      }
    }
    this.exact = exact && sum[series.length] < Number.MAX_SAFE_INTEGER;
  }
  /** Sum of days [e − to, e − from) before index e; exactly 0 when no day there was active (no rounding residue). */
  window(e: number, from: number, to: number): number {
    const s = this.sum[e - from] - this.sum[e - to];
    return this.exact || this.active[e - from] !== this.active[e - to] ? s : 0;
  }
  /** The sums of the PEAK_WEEKS weeks before index e into `week` (week 0 the latest), each prefix read once. */
  weeks(e: number, week: Float64Array): void {
    const { sum, active, exact } = this;
    let hi = sum[e];
    let hiActive = active[e];
    for (let k = 0, at = e - 7; k < PEAK_WEEKS; k++, at -= 7) {
      const lo = sum[at];
      const loActive = active[at];
      week[k] = exact || hiActive !== loActive ? hi - lo : 0;
      hi = lo;
      hiActive = loActive;
    }
  }
}

/**
 * The usage features (see metricFeatures) of one chunk of customers from its cube
 * (`cube[(slot * metrics + m) * days + day − fromDay]`), for every as-of day each is a customer
 * at. Windows end the day before T. Baselines and active shares count only days since signup, and none of
 * them (nor the slope's weeks) reaches before `usageStartDay`, the data's first usage day: a day before it
 * is unknown, not a day without use.
 */
export function writeUsageFeatures(options: {
  frame: SnapshotFrame;
  rows: SnapshotRows;
  asOfDays: Int32Array;
  firstCustomer: number;
  slots: number;
  cube: Float64Array;
  fromDay: number;
  days: number;
  usageStartDay: number | null;
}): void {
  const { frame, rows, asOfDays, firstCustomer, slots, cube, fromDay, days, usageStartDay } = options;
  const nMetrics = frame.metrics.length;
  const dates = asOfDays.length;
  const prefix = new Prefix(days);
  const week = new Float64Array(PEAK_WEEKS);
  for (let m = 0; m < nMetrics; m++) {
    const col = metricFeatures(frame.metrics[m]).map((f) => frame.numeric.get(f.name)!);
    const [d7, d14, d30, d90, prev30, vsPrev30, vs90, vs180, ofPeak, weeksSincePeak, activeShare, slope, inactive] =
      col;
    for (let s = 0; s < slots; s++) {
      const ci = firstCustomer + s;
      const customer = rows.customers[ci];
      const base = (s * nMetrics + m) * days;
      prefix.fill(cube.subarray(base, base + days));
      for (let j = 0; j < dates; j++) {
        const r = rows.rowOf[ci * dates + j];
        if (r < 0) continue;
        const e = asOfDays[j] - fromDay;
        const tenure = Math.floor((asOfDays[j] * MS_PER_DAY - customer.signupMs) / MS_PER_DAY);
        const sinceData = usageStartDay === null ? Number.POSITIVE_INFINITY : asOfDays[j] - usageStartDay;
        // at least 1: a customer who signed up that day has one day's (empty) window
        const observed = Math.max(1, Math.min(tenure, sinceData));
        const s30 = prefix.window(e, 0, 30);
        const s90 = prefix.window(e, 0, 90);
        const s180 = prefix.window(e, 0, 180);
        const p30 = prefix.window(e, 30, 60);
        d7[r] = prefix.window(e, 0, 7);
        d14[r] = prefix.window(e, 0, 14);
        d30[r] = s30;
        d90[r] = s90;
        prev30[r] = p30;
        vsPrev30[r] = p30 > 0 ? s30 / p30 : NaN;
        // daily means over the days observed in each window, so a young customer (or young data) is not "down"
        const mean30 = s30 / Math.min(30, observed);
        vs90[r] = s90 > 0 ? mean30 / (s90 / Math.min(90, observed)) : NaN;
        vs180[r] = s180 > 0 ? mean30 / (s180 / Math.min(180, observed)) : NaN;
        prefix.weeks(e, week);
        let peak = 0;
        let peakWeek = -1;
        for (let k = 0; k < PEAK_WEEKS; k++) {
          // ties: the most recent week
          if (week[k] > peak) {
            peak = week[k];
            peakWeek = k;
          }
        }
        ofPeak[r] = peak > 0 ? (week[0] + week[1] + week[2] + week[3]) / 4 / peak : NaN;
        weeksSincePeak[r] = peak > 0 ? peakWeek : NaN;
        activeShare[r] = (prefix.active[e] - prefix.active[e - 30]) / Math.min(30, observed);
        // weeks before signup count as 0 (a ramp-up is a trend); weeks before the data are not there
        slope[r] = weeklySlope(week, Math.min(SLOPE_WEEKS, Math.floor(sinceData / 7)));
        const last = prefix.lastActive[e];
        inactive[r] = last >= 0 && e - last <= USAGE_LOOKBACK_DAYS ? e - last : USAGE_LOOKBACK_DAYS + 1;
      }
    }
  }
}

/**
 * Least-squares slope of the last `weeks` weekly sums (12 once the data has that many; oldest first) ÷ their
 * mean; NaN when all are 0 or the data has fewer than 2 weeks.
 */
function weeklySlope(week: Float64Array, weeks: number): number {
  if (weeks < 2) return NaN;
  let sum = 0;
  let sxy = 0;
  const xMean = (weeks - 1) / 2;
  for (let k = 0; k < weeks; k++) {
    const x = weeks - 1 - k; // week k = 0 is the latest
    sum += week[k];
    sxy += (x - xMean) * week[k];
  }
  const sxx = (weeks * (weeks * weeks - 1)) / 12; // Σ (x − x̄)² for x = 0 … weeks − 1
  return sum > 0 ? sxy / sxx / (sum / weeks) : NaN;
}
