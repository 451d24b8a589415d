import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateToDay } from "../src/db/index.ts";
import { generateDemoWorld } from "../src/demo/index.ts";
import {
  buildFeatureFrame,
  buildFeatureSnapshots,
  snapshotRecord,
  type FeatureFrame,
  type SnapshotFrame,
} from "../src/features/index.ts";
import { findImportFiles, importFiles, ingestRecords } from "../src/ingest/index.ts";
import { createFactories } from "./helpers/factories.ts";
import { HAND_AS_OF, writeHandWorld } from "./helpers/hand-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { truncateWorld } from "./helpers/truncate-world.ts";

const AS_OF = "2025-06-01";
const T = isoDateToDay(AS_OF);

async function importDir(t: TestDatabase, dir: string) {
  const summary = await importFiles({ db: t.db, dataDir: t.config.dataDir, files: findImportFiles(dir) });
  for (const f of summary.files) expect(f.rejected, `${f.kind} rejects`).toBe(0);
}

const featuresOnly = (frame: FeatureFrame) => frame.rows.map((r) => ({ id: r.externalId, ...r.values }));

/** The rows of a snapshot frame at one as-of day, as records keyed by external id (label left out). */
function recordsAt(frame: SnapshotFrame, day: number): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < frame.size; i++) {
    if (frame.asOfDay[i] !== day) continue;
    const { churned, ...features } = snapshotRecord(frame, i);
    void churned;
    out.set(frame.externalId[i], features);
  }
  return out;
}

function expectSameFeatures(
  a: Map<string, Record<string, unknown>>,
  b: Map<string, Record<string, unknown>>,
  what: string,
) {
  expect([...b.keys()], what).toEqual([...a.keys()]);
  for (const [id, row] of a) {
    for (const [k, v] of Object.entries(row)) {
      const other = b.get(id)![k];
      if (typeof v === "number") expect(other, `${what}: ${id} ${k}`).toBeCloseTo(v, 9);
      else expect(other, `${what}: ${id} ${k}`).toEqual(v);
    }
  }
}

describe.each(testDialects())("point-in-time features on %s", (dialect) => {
  let full: TestDatabase;
  let past: TestDatabase;

  beforeAll(async () => {
    [full, past] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
    const worldDir = join(full.config.dataDir, "world");
    await generateDemoWorld({ outDir: worldDir, customers: 150, days: 300, seed: 7, end: "2025-09-30" });
    await importDir(full, worldDir);
    truncateWorld(worldDir, join(past.config.dataDir, "world"), AS_OF);
    await importDir(past, join(past.config.dataDir, "world"));
  });
  afterAll(() => Promise.all([full, past].map((t) => t?.drop())));

  it("data dated after T changes no feature at T (leakage test)", async () => {
    const withFuture = await buildFeatureFrame({ db: full.db, asOfDay: T });
    const withoutFuture = await buildFeatureFrame({ db: past.db, asOfDay: T });
    expect(withFuture.rows.length).toBeGreaterThan(50);
    expect(withFuture.metrics).toEqual(["active_users", "events", "logins"]);
    const a = featuresOnly(withFuture);
    const b = featuresOnly(withoutFuture);
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      for (const [k, v] of Object.entries(a[i])) {
        if (typeof v === "number") expect(b[i][k as keyof (typeof b)[number]], `${a[i].id} ${k}`).toBeCloseTo(v, 6);
        else expect(b[i][k as keyof (typeof b)[number]], `${a[i].id} ${k}`).toEqual(v);
      }
    }
    // The future does show up in labels: customers who churn within 90 days of T.
    expect(withFuture.rows.some((r) => r.label === 1)).toBe(true);
    expect(withoutFuture.rows.every((r) => r.label === null)).toBe(true);
  });

  it("features at T from a multi-date build equal a single-date build and a world truncated at T", async () => {
    const days = [T - 63, T - 28, T - 7, T];
    // small chunks: several usage reads (on SQLite in reader threads) must give what one read gives
    const many = await buildFeatureSnapshots({ db: full.db, asOfDays: days, chunkCustomers: 40 });
    expect(Array.from(new Set(many.asOfDay))).toEqual(days);
    const atT = recordsAt(many, T);
    expectSameFeatures(atT, recordsAt(await buildFeatureSnapshots({ db: full.db, asOfDays: [T] }), T), "single date");
    expectSameFeatures(
      atT,
      recordsAt(await buildFeatureSnapshots({ db: past.db, asOfDays: [T], chunkCustomers: 40 }), T),
      "truncated world",
    );
    for (const d of days.slice(0, -1)) {
      expectSameFeatures(
        recordsAt(many, d),
        recordsAt(await buildFeatureSnapshots({ db: full.db, asOfDays: [d] }), d),
        `single date ${d}`,
      );
    }
  });

  it("a sample keeps the same customers at every date, with the same values", async () => {
    const days = [T - 28, T];
    const all = await buildFeatureSnapshots({ db: full.db, asOfDays: days });
    const half = await buildFeatureSnapshots({ db: full.db, asOfDays: days, sampleFraction: 0.5, seed: 3 });
    expect(half.size).toBeGreaterThan(all.size * 0.3);
    expect(half.size).toBeLessThan(all.size * 0.7);
    const [early, late] = days.map((d) => recordsAt(half, d));
    const both = [...late.keys()].filter((id) => recordsAt(all, days[0]).has(id));
    expect(both.every((id) => early.has(id))).toBe(true);
    for (const d of days) {
      const kept = recordsAt(half, d);
      const reference = new Map([...recordsAt(all, d)].filter(([id]) => kept.has(id)));
      expectSameFeatures(reference, kept, `sample at ${d}`);
    }
  });
});

describe.each(testDialects())("each feature as defined, on hand-made customers on %s", (dialect) => {
  let hand: TestDatabase;
  let frame: FeatureFrame;

  beforeAll(async () => {
    hand = await createTestDatabase(dialect);
    const dir = join(hand.config.dataDir, "hand");
    writeHandWorld(dir);
    await importDir(hand, dir);
    frame = await buildFeatureFrame({
      db: hand.db,
      asOfDay: isoDateToDay(HAND_AS_OF),
      dataEndDay: isoDateToDay("2025-12-31"),
    });
  });
  afterAll(() => hand?.drop());

  const row = (id: string) => frame.rows.find((r) => r.externalId === id)!;
  const expectValues = (id: string, expected: Record<string, number | string | null>) => {
    for (const [k, v] of Object.entries(expected)) {
      if (typeof v === "number") expect(row(id).values[k], `${id} ${k}`).toBeCloseTo(v, 9);
      else expect(row(id).values[k], `${id} ${k}`).toBe(v);
    }
  };

  it("keeps the customers at T and labels them", () => {
    expect(frame.rows.map((r) => r.externalId)).toEqual(["H1", "H2", "H5"]);
    expect(frame.rows.map((r) => r.label)).toEqual([1, 0, 0]); // H1 churns 30 days after T
  });

  it("account: tenure, new customer, renewals", () => {
    // H1 signed up 2025-01-10: 142 days; renews on the 10th: Jun 10, Jul 10, Aug 10 fall in [T, T + 90)
    expectValues("H1", {
      plan: "Pro Monthly",
      segment: "SMB",
      billing_cycle: "monthly",
      mrr: 200,
      tenure_days: 142,
      new_customer: 0,
      days_to_renewal: 9,
      renewal_in_horizon: 1,
      renewals_in_horizon: 3,
    });
    // H5 signed up 2025-04-17 on an annual plan: next renewal 2026-04-17
    expectValues("H5", {
      billing_cycle: "annual",
      tenure_days: 45,
      new_customer: 1,
      days_to_renewal: 320,
      renewal_in_horizon: 0,
      renewals_in_horizon: 0,
    });
    // H2's plan has no known cycle: renewals are missing, not 0
    expectValues("H2", {
      plan: "Custom",
      segment: null,
      billing_cycle: "other",
      tenure_days: 1,
      new_customer: 1,
      days_to_renewal: null,
      renewal_in_horizon: null,
      renewals_in_horizon: null,
    });
  });

  it("usage windows, baselines, peak, slope and inactivity", () => {
    // H1 logins: 2 (1 day before T, week 0), 3 (12 days, week 1), 10 (42 days, week 5), 20 (100 days, week 14); 99 on T ignored
    expectValues("H1", {
      logins_7d: 2,
      logins_14d: 5,
      logins_30d: 5,
      logins_90d: 15,
      logins_prev30d: 10,
      logins_vs_prev30: 0.5,
      logins_vs_90d: 5 / 30 / (15 / 90),
      // H1 signed up 142 days before T, but the data's usage begins 100 days before T (H1's 20): the days
      // before are unknown, not days without logins, so the 180-day baseline is over 100 days
      logins_vs_180d: 5 / 30 / (35 / 100),
      logins_of_peak: (2 + 3) / 4 / 20,
      logins_weeks_since_peak: 14,
      logins_active_share_30d: 2 / 30,
      logins_slope_12w: (2 * 5.5 + 3 * 4.5 + 10 * 0.5) / 143 / (15 / 12),
      logins_days_inactive: 1,
    });
    // H5, 45 days old: 6 (3 days, week 0), 4 (20 days, week 2), 8 (40 days, week 5); baselines over its 45 days
    expectValues("H5", {
      logins_7d: 6,
      logins_30d: 10,
      logins_90d: 18,
      logins_prev30d: 8,
      logins_vs_prev30: 10 / 8,
      logins_vs_90d: 10 / 30 / (18 / 45),
      logins_vs_180d: 10 / 30 / (18 / 45),
      logins_of_peak: (6 + 4) / 4 / 8,
      logins_weeks_since_peak: 5,
      logins_active_share_30d: 2 / 30,
      logins_slope_12w: (6 * 5.5 + 4 * 3.5 + 8 * 0.5) / 143 / (18 / 12), // weeks before signup count as 0
      logins_days_inactive: 3,
    });
    // no usage: sums 0, ratios missing, inactive past the window
    expectValues("H2", {
      logins_30d: 0,
      logins_vs_prev30: null,
      logins_vs_90d: null,
      logins_vs_180d: null,
      logins_of_peak: null,
      logins_weeks_since_peak: null,
      logins_active_share_30d: 0,
      logins_slope_12w: null,
      logins_days_inactive: 181,
    });
  });

  it("tickets: volume, open tickets, cancel request, speed against the channel + category medians, reopens", () => {
    // created in 30 days: K1, K2, K6; 90: + K3 (61 days); 60: K1, K2, K6; 365: + K5
    // email/billing medians (all customers, H4's K7 and K8 too): first response {1, 4, 8, 10, 12} → 8 h,
    // resolution {12, 24, 36, 48, 60} → 36 h; chat/account K2 alone: 2 h
    expectValues("H1", {
      tickets_30d: 3,
      tickets_90d: 4,
      // the 365-day baseline over H1's 142 days as a customer (the data's first ticket, K5, is 273 days before T)
      ticket_rate_vs_baseline: 3 / 60 / (5 / 142),
      urgent_high_share_90d: 2 / 4,
      days_since_last_ticket: 3,
      open_tickets: 2,
      oldest_open_ticket_days: 61,
      tickets_open_over_5d: 1,
      cancel_request_open: 1,
      first_response_vs_median_60d: (4 / 8 + 2 / 2 + 8 / 8) / 3, // K3's response was 61 days ago
      resolution_vs_median_60d: (24 / 36 + 60 / 36) / 2,
      slow_resolutions_60d: 1,
      reopen_share_60d: 1 / 2, // K1 (reopened) and K6 closed in 60 days; K3 closes after T
    });
    expectValues("H2", {
      tickets_30d: 0,
      ticket_rate_vs_baseline: null,
      urgent_high_share_90d: null,
      days_since_last_ticket: null,
      open_tickets: 0,
      oldest_open_ticket_days: null,
      tickets_open_over_5d: 0,
      cancel_request_open: 0,
      first_response_vs_median_60d: null,
      resolution_vs_median_60d: null,
      slow_resolutions_60d: 0,
      reopen_share_60d: null,
    });
  });

  it("satisfaction: last against the earlier answers, trends, recency", () => {
    // CSAT in 365 days: 4 (Dec), 5 (May 1), 2 (May 28); 3 (a year and a month ago) and 1 (after T) ignored
    expectValues("H1", {
      csat_last: 2,
      csat_mean: 11 / 3,
      csat_last_vs_mean: 2 - 4.5,
      csat_low_share: 1 / 3,
      csat_responses: 3,
      nps_last: 6,
      nps_category: "detractor",
      ces_last: 3,
      ces_mean: 4.5,
      ces_trend: 3 - 6,
      days_since_survey: 4,
    });
    expectValues("H5", {
      csat_last: 4,
      csat_mean: 4,
      csat_last_vs_mean: null,
      csat_low_share: 0,
      csat_responses: 1,
      nps_category: "none",
      ces_trend: null,
      days_since_survey: 17,
    });
    expectValues("H2", {
      csat_last: null,
      csat_mean: null,
      csat_low_share: null,
      csat_responses: 0,
      nps_last: null,
      nps_category: "none",
      ces_mean: null,
      days_since_survey: null,
    });
  });

  it("each date of a multi-date build sees only its past", async () => {
    const may1 = isoDateToDay("2025-05-01");
    const frames = await buildFeatureSnapshots({ db: hand.db, asOfDays: [isoDateToDay(HAND_AS_OF), may1] });
    const h1 = recordsAt(frames, may1).get("H1")!;
    // on May 1: K3 (Apr 1) is the only ticket of 30 days and open; S1 answered at 00:00 on May 1 is not
    // before T, S7 (2024-05-01, exactly 365 days before) is in the window
    expect(h1).toMatchObject({
      logins_7d: 0,
      logins_14d: 10,
      logins_90d: 30,
      logins_days_inactive: 11,
      tickets_30d: 1,
      open_tickets: 1,
      oldest_open_ticket_days: 30,
      first_response_vs_median_60d: 1,
      resolution_vs_median_60d: null,
      csat_last: 4,
      csat_mean: 3.5,
      csat_responses: 2,
    });
    expectSameFeatures(
      recordsAt(frames, isoDateToDay(HAND_AS_OF)),
      new Map(frame.rows.map((r) => [r.externalId, { customer_id: r.externalId, as_of: HAND_AS_OF, ...r.values }])),
      "June 1",
    );
  });
});

/**
 * History imported from a date on: the days before the data's first usage day and first ticket are unknown,
 * not days without use. T = 2025-06-01; the usage starts 40 days and the tickets 92 days before T, both long
 * after D1 signed up (2023-01-01).
 */
describe.each(testDialects())("baselines from the data's first day, not before it, on %s", (dialect) => {
  let t: TestDatabase;
  let values: Record<string, unknown>;
  const daysBefore = (days: number) => new Date(Date.parse("2025-06-01T00:00:00Z") - days * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const f = createFactories(t.db);
    await f.customers({ customer_id: "D1", signup_date: "2023-01-01" });
    await f.tickets(
      ...[92, 80, 20, 10].map((days) => ({
        customer_id: "D1",
        created_at: daysBefore(days),
        closed_at: daysBefore(days - 1),
      })),
    );
    const logins = [40, 35, 25, 15, 5].map((days) => ({
      customer_id: "D1",
      date: daysBefore(days).slice(0, 10),
      metric: "logins",
      value: 3,
    }));
    await ingestRecords({ db: t.db, kind: "usage", records: logins });
    const frame = await buildFeatureFrame({ db: t.db, asOfDay: isoDateToDay("2025-06-01") });
    values = frame.rows[0].values;
  });
  afterAll(() => t?.drop());

  it("averages the 90- and 180-day baselines over the 40 days of usage there are", () => {
    // last 30 days: 3 logins on 3 days (25, 15, 5); all 40 days: 15 on 5 days
    expect(values.logins_vs_90d).toBeCloseTo(9 / 30 / (15 / 40), 12);
    expect(values.logins_vs_180d).toBeCloseTo(9 / 30 / (15 / 40), 12);
    expect(values.logins_active_share_30d).toBeCloseTo(3 / 30, 12);
  });

  it("fits the slope to the 5 whole weeks of usage, not 12 with 7 of them made up", () => {
    // week k holds days 7k + 1 … 7k + 7 before T: 5 → week 0, 15 → 2, 25 → 3, 35 → 4; 40 is in week 5, past the 5
    const week = [3, 0, 3, 3, 3]; // weeks 0..4, the latest first
    const x = [4, 3, 2, 1, 0];
    const mean = week.reduce((a, b) => a + b, 0) / 5;
    const sxy = week.reduce((a, w, k) => a + (x[k] - 2) * w, 0);
    expect(values.logins_slope_12w).toBeCloseTo(sxy / 10 / mean, 12);
  });

  it("takes the ticket baseline over the 92 days since the data's first ticket", () => {
    // 2 tickets in 60 days (20, 10), 4 in the 92 days there are
    expect(values.ticket_rate_vs_baseline).toBeCloseTo(2 / 60 / (4 / 92), 12);
  });
});
