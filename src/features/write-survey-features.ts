import type { Database } from "../db/index.ts";
import { eachFeatureSurvey } from "../db/repositories/feature-sources.ts";
import { HISTORY_LOOKBACK_DAYS, npsCategory, SURVEY_FEATURES } from "./feature-columns.ts";
import { groupByCustomer, sortWithinCustomers, type CustomerGroups } from "./group-by-customer.ts";
import type { SnapshotRows } from "./plan-snapshot-rows.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

const DAY = 86_400_000;
const KINDS: Record<string, number> = { csat: 0, nps: 1, ces: 2 };

/** Survey answers as columns, each customer's in the order they were given. */
export interface SurveyColumns extends CustomerGroups {
  kind: Int8Array;
  score: Float64Array;
  respondedMs: Float64Array;
}

/** Reads the survey answers given in [fromMs, toMs) of the frame's customers once. */
export async function collectSurveys(options: {
  db: Database;
  fromMs: number;
  toMs: number;
  customerIndex: Map<number, number>;
}): Promise<SurveyColumns> {
  const { db, fromMs, toMs, customerIndex } = options;
  const [customer, kind, score, responded, id]: number[][] = [[], [], [], [], []];
  await eachFeatureSurvey(db, { fromMs, toMs }, (s) => {
    const c = customerIndex.get(s.customerId);
    if (c === undefined || KINDS[s.kind] === undefined) return;
    customer.push(c);
    kind.push(KINDS[s.kind]);
    score.push(s.score);
    responded.push(s.respondedMs);
    id.push(s.id);
  });
  const groups = groupByCustomer(Int32Array.from(customer), customerIndex.size);
  sortWithinCustomers(groups, (a, b) => responded[a] - responded[b] || id[a] - id[b]);
  return {
    ...groups,
    kind: Int8Array.from(kind),
    score: Float64Array.from(score),
    respondedMs: Float64Array.from(responded),
  };
}

/** Per kind of answer in a window: count, sum, answers 1–2 and the last one. */
class Answers {
  n = new Int32Array(3);
  sum = new Float64Array(3);
  low = new Int32Array(3);
  last = new Float64Array(3);
  reset(): void {
    this.n.fill(0);
    this.sum.fill(0);
    this.low.fill(0);
    this.last.fill(NaN);
  }
  add(kind: number, score: number): void {
    this.n[kind]++;
    this.sum[kind] += score;
    this.last[kind] = score;
    if (score <= 2) this.low[kind]++;
  }
  mean(kind: number): number {
    return this.n[kind] > 0 ? this.sum[kind] / this.n[kind] : NaN;
  }
  /** The last answer − the mean of the earlier ones; NaN with fewer than 2 answers. */
  lastVsEarlier(kind: number): number {
    const n = this.n[kind];
    return n >= 2 ? this.last[kind] - (this.sum[kind] - this.last[kind]) / (n - 1) : NaN;
  }
}

/** The satisfaction features (SURVEY_FEATURES) of every row, from the answers of the 365 days before T. */
export function writeSurveyFeatures(options: {
  frame: SnapshotFrame;
  rows: SnapshotRows;
  asOfDays: Int32Array;
  surveys: SurveyColumns;
}): void {
  const { frame, rows, asOfDays, surveys: s } = options;
  // nps_category is the one category among them: the gap in the list
  const [csatLast, csatMean, csatVsMean, csatLow, csatN, npsLast, , cesLast, cesMean, cesTrend, sinceSurvey] =
    SURVEY_FEATURES.map((f) => frame.numeric.get(f.name)!);
  const npsCat = frame.categorical.get("nps_category")!;
  const answers = new Answers();
  const dates = asOfDays.length;
  for (let ci = 0; ci < rows.customers.length; ci++) {
    for (let j = 0; j < dates; j++) {
      const r = rows.rowOf[ci * dates + j];
      if (r < 0) continue;
      const T = asOfDays[j] * DAY;
      answers.reset();
      let latest = NaN;
      for (let o = s.start[ci]; o < s.start[ci + 1]; o++) {
        const i = s.order[o];
        if (!(s.respondedMs[i] < T && s.respondedMs[i] >= T - HISTORY_LOOKBACK_DAYS * DAY)) continue;
        answers.add(s.kind[i], s.score[i]);
        latest = s.respondedMs[i];
      }
      csatLast[r] = answers.last[0];
      csatMean[r] = answers.mean(0);
      csatVsMean[r] = answers.lastVsEarlier(0);
      csatLow[r] = answers.n[0] > 0 ? answers.low[0] / answers.n[0] : NaN;
      csatN[r] = answers.n[0];
      npsLast[r] = answers.last[1];
      npsCat[r] = npsCategory(Number.isNaN(answers.last[1]) ? null : answers.last[1]);
      cesLast[r] = answers.last[2];
      cesMean[r] = answers.mean(2);
      cesTrend[r] = answers.lastVsEarlier(2);
      sinceSurvey[r] = Number.isNaN(latest) ? NaN : (T - latest) / DAY;
    }
  }
}
