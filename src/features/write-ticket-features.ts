import { HISTORY_LOOKBACK_DAYS, TICKET_FEATURES } from "./feature-columns.ts";
import type { TicketColumns } from "./collect-tickets.ts";
import { kindMedians } from "./kind-medians.ts";
import type { SnapshotRows } from "./plan-snapshot-rows.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

const DAY = 86_400_000;
const SPEED_WINDOW = 60 * DAY;

/**
 * The support features (TICKET_FEATURES) of every row, from tickets dated before T only: a
 * response, resolution or closing counts once it happened before T, a ticket is open at T until
 * then, and reopens count for tickets closed before T. Times are compared with the point-in-time
 * median of the same channel and category over every customer's tickets of the last 365 days. The ticket rate's
 * windows count only days since signup and since `ticketStartMs`, the data's first ticket (like the usage
 * baselines: before either a day is unknown or not a customer's).
 */
export function writeTicketFeatures(options: {
  frame: SnapshotFrame;
  rows: SnapshotRows;
  asOfDays: Int32Array;
  tickets: TicketColumns;
  ticketStartMs: number | null;
}): void {
  const { frame, rows, asOfDays, tickets: t, ticketStartMs } = options;
  const window = { kind: t.kind, kinds: t.kinds, asOfDays, windowDays: HISTORY_LOOKBACK_DAYS };
  const responseTime = t.firstResponseMs.map((v, i) => v - t.createdMs[i]);
  const resolutionTime = t.doneMs.map((v, i) => v - t.createdMs[i]);
  const responseMedian = kindMedians({ ...window, eventMs: t.firstResponseMs, durationMs: responseTime });
  const resolutionMedian = kindMedians({ ...window, eventMs: t.doneMs, durationMs: resolutionTime });
  const [n30, n90, rate, urgentShare, sinceLast, open, oldest, over5, cancel, response, resolution, slow, reopen] =
    TICKET_FEATURES.map((f) => frame.numeric.get(f.name)!);
  const dates = asOfDays.length;
  const year = HISTORY_LOOKBACK_DAYS * DAY;
  for (let ci = 0; ci < rows.customers.length; ci++) {
    const from = t.start[ci];
    const to = t.start[ci + 1];
    for (let j = 0; j < dates; j++) {
      const r = rows.rowOf[ci * dates + j];
      if (r < 0) continue;
      const T = asOfDays[j] * DAY;
      let c30 = 0,
        c60 = 0,
        c90 = 0,
        c365 = 0,
        urgent = 0,
        last = -Infinity,
        nOpen = 0,
        oldestAge = 0,
        nOver5 = 0,
        cancelOpen = 0;
      let responseSum = 0,
        responses = 0,
        resolutionSum = 0,
        resolutions = 0,
        nSlow = 0,
        closings = 0,
        reopened = 0;
      for (let o = from; o < to; o++) {
        const i = t.order[o];
        const age = T - t.createdMs[i];
        if (age > 0 && age <= year) {
          c365++;
          if (age <= 60 * DAY) c60++;
          if (age <= 30 * DAY) c30++;
          if (age <= 90 * DAY) {
            c90++;
            urgent += t.urgentHigh[i];
          }
          if (t.createdMs[i] > last) last = t.createdMs[i];
          if (!(t.doneMs[i] < T)) {
            nOpen++;
            if (age > oldestAge) oldestAge = age;
            if (age > 5 * DAY) nOver5++;
            cancelOpen |= t.cancel[i];
          }
        }
        const k = j * t.kinds + t.kind[i];
        if (T - t.firstResponseMs[i] > 0 && T - t.firstResponseMs[i] <= SPEED_WINDOW && responseMedian[k] > 0) {
          responseSum += responseTime[i] / responseMedian[k];
          responses++;
        }
        if (T - t.doneMs[i] > 0 && T - t.doneMs[i] <= SPEED_WINDOW) {
          if (resolutionMedian[k] > 0) {
            resolutionSum += resolutionTime[i] / resolutionMedian[k];
            resolutions++;
          }
          if (resolutionTime[i] > resolutionMedian[k]) nSlow++;
        }
        if (T - t.closedMs[i] > 0 && T - t.closedMs[i] <= SPEED_WINDOW) {
          closings++;
          reopened += t.reopened[i];
        }
      }
      n30[r] = c30;
      n90[r] = c90;
      const since = Math.max(rows.customers[ci].signupMs, ticketStartMs ?? Number.NEGATIVE_INFINITY);
      const observed = Math.max(1, (T - since) / DAY);
      const perDay = (count: number, days: number) => count / Math.min(days, observed);
      rate[r] = c365 > 0 ? perDay(c60, 60) / perDay(c365, HISTORY_LOOKBACK_DAYS) : NaN;
      urgentShare[r] = c90 > 0 ? urgent / c90 : NaN;
      sinceLast[r] = c365 > 0 ? (T - last) / DAY : NaN;
      open[r] = nOpen;
      oldest[r] = nOpen > 0 ? oldestAge / DAY : NaN;
      over5[r] = nOver5;
      cancel[r] = cancelOpen;
      response[r] = responses > 0 ? responseSum / responses : NaN;
      resolution[r] = resolutions > 0 ? resolutionSum / resolutions : NaN;
      slow[r] = nSlow;
      reopen[r] = closings > 0 ? reopened / closings : NaN;
    }
  }
}
