import { readUsageCubes, type Database } from "../db/index.ts";
import { firstTicketMs, usageSpan } from "../db/repositories/feature-aggregates.ts";
import { listFeatureCustomers, listMetrics } from "../db/repositories/feature-sources.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { collectTickets } from "./collect-tickets.ts";
import { HISTORY_LOOKBACK_DAYS } from "./feature-columns.ts";
import { planSnapshotRows, writeRowIdentities } from "./plan-snapshot-rows.ts";
import { createSnapshotFrame, type SnapshotFrame } from "./snapshot-frame.ts";
import { writeAccountFeatures } from "./write-account-features.ts";
import { writeBillingFeatures } from "./write-billing-features.ts";
import { collectSurveys, writeSurveyFeatures } from "./write-survey-features.ts";
import { writeTicketFeatures } from "./write-ticket-features.ts";
import { USAGE_READ_DAYS, writeUsageFeatures } from "./write-usage-features.ts";

const MS_PER_DAY = 86_400_000;
/** Customers per usage read: bounds memory (a chunk's cube) on big databases. */
export const CUSTOMERS_PER_CHUNK = 2_000;

export interface SnapshotOptions {
  db: Database;
  /** As-of days (day numbers); rows come out by ascending day, duplicates once. */
  asOfDays: number[];
  horizonDays?: number;
  /** The last day data is known for (default: the last usage day); labels needing later days are unknown. */
  dataEndDay?: number | null;
  /** The first usage day in the data (default: read): days before it are unknown, not days without usage. */
  usageStartDay?: number | null;
  /** Share (0–1] of customers to keep, by a hash of the external id: the same customers at every date. */
  sampleFraction?: number;
  seed?: number;
  /** Customers per usage read (default 2,000). */
  chunkCustomers?: number;
  /** Called as each stage ends, with its wall-clock milliseconds (for benchmarks and logs). */
  onStage?: (stage: SnapshotStage, ms: number) => void;
}

/** The stages of a build; usage overlaps the others (its reads run while tickets are read). */
export type SnapshotStage = "customers" | "account" | "tickets" | "surveys" | "billing" | "usage";

function checkOptions(o: SnapshotOptions): Int32Array {
  if (o.asOfDays.length === 0) throw new AppError(ErrorCode.BadInput, "expected at least one as-of day, found none");
  const bad = o.asOfDays.find((d) => !Number.isInteger(d));
  if (bad !== undefined)
    throw new AppError(ErrorCode.BadInput, `expected whole day numbers for the as-of dates, found ${bad}`);
  const { horizonDays = 90, sampleFraction = 1, chunkCustomers = CUSTOMERS_PER_CHUNK } = o;
  if (!Number.isInteger(horizonDays) || horizonDays < 1)
    throw new AppError(ErrorCode.BadInput, `expected a horizon of at least 1 whole day, found ${horizonDays}`);
  if (!(sampleFraction > 0 && sampleFraction <= 1))
    throw new AppError(ErrorCode.BadInput, `expected a sample fraction in (0, 1], found ${sampleFraction}`);
  if (!Number.isInteger(chunkCustomers) || chunkCustomers < 1)
    throw new AppError(
      ErrorCode.BadInput,
      `expected a positive whole number of customers per chunk, found ${chunkCustomers}`,
    );
  return Int32Array.from(new Set(o.asOfDays)).sort();
}

/**
 * Point-in-time feature snapshots at many as-of dates in one pass over the data: usage read
 * once for [first T − 182 days, last T) in chunks of customers (each customer's daily series,
 * prefix sums per window), tickets and surveys once for the 365 days before the first T up to
 * the last T; every feature at T uses only data dated before T (see feature-columns.ts).
 */
export async function buildFeatureSnapshots(options: SnapshotOptions): Promise<SnapshotFrame> {
  const asOfDays = checkOptions(options);
  const { db, horizonDays = 90, sampleFraction = 1, seed = 0, chunkCustomers = CUSTOMERS_PER_CHUNK } = options;
  let mark = performance.now();
  const stage = (name: SnapshotStage) => {
    const now = performance.now();
    options.onStage?.(name, now - mark);
    mark = now;
  };
  const [first, last] = [asOfDays[0], asOfDays[asOfDays.length - 1]];
  const known = options.dataEndDay !== undefined && options.usageStartDay !== undefined;
  const [metrics, span, ticketStartMs, candidates] = await Promise.all([
    listMetrics(db),
    known ? { first: options.usageStartDay!, last: options.dataEndDay! } : usageSpan(db),
    firstTicketMs(db),
    listFeatureCustomers(db, { fromDay: first, toDay: last }),
  ]);
  const dataEndDay = options.dataEndDay !== undefined ? options.dataEndDay : span.last;
  const usageStartDay = options.usageStartDay !== undefined ? options.usageStartDay : span.first;
  const rows = planSnapshotRows({ customers: candidates, asOfDays, sampleFraction, seed });
  stage("customers");
  const chunks: Int32Array[] = [];
  for (let c = 0; c < rows.customers.length; c += chunkCustomers)
    chunks.push(Int32Array.from(rows.customers.slice(c, c + chunkCustomers), (x) => x.id));
  const usage = { fromDay: first - USAGE_READ_DAYS, toDay: last, metricIds: Int32Array.from(metrics, (m) => m.id) };
  // usage reading starts now (in reader threads on SQLite) while this thread does the rest
  const cubes = readUsageCubes(db, { chunks, request: usage });
  try {
    const frame = createSnapshotFrame({ horizonDays, metrics: metrics.map((m) => m.name), size: rows.size });
    writeRowIdentities({ frame, rows, asOfDays, dataEndDay });
    writeAccountFeatures({ frame, rows, asOfDays });
    stage("account");
    const customerIndex = new Map(rows.customers.map((c, i) => [c.id, i]));
    const history = {
      db,
      fromMs: (first - HISTORY_LOOKBACK_DAYS) * MS_PER_DAY,
      toMs: last * MS_PER_DAY,
      customerIndex,
    };
    const tickets = await collectTickets(history);
    writeTicketFeatures({ frame, rows, asOfDays, tickets, ticketStartMs });
    stage("tickets");
    const surveys = await collectSurveys(history);
    writeSurveyFeatures({ frame, rows, asOfDays, surveys });
    stage("surveys");
    await writeBillingFeatures({ db, frame, rows, asOfDays, customerIndex });
    stage("billing");
    for await (const { index, cube } of cubes) {
      const firstCustomer = index * chunkCustomers;
      const slots = chunks[index].length;
      writeUsageFeatures({
        frame,
        rows,
        asOfDays,
        firstCustomer,
        slots,
        cube,
        fromDay: usage.fromDay,
        days: usage.toDay - usage.fromDay,
        usageStartDay,
      });
    }
    stage("usage");
    return frame;
  } finally {
    await cubes.close();
  }
}
