import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateToDay } from "../src/db/index.ts";
import { generateDemoWorld } from "../src/demo/index.ts";
import { buildFeatureFrame, type FeatureFrame } from "../src/features/index.ts";
import { findImportFiles, importFiles } from "../src/ingest/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { truncateWorld } from "./helpers/truncate-world.ts";
import { writeCsv } from "./helpers/write-csv.ts";

const AS_OF = "2025-06-01";

async function importDir(t: TestDatabase, dir: string) {
  const summary = await importFiles({ db: t.db, dataDir: t.config.dataDir, files: findImportFiles(dir) });
  for (const f of summary.files) expect(f.rejected, `${f.kind} rejects`).toBe(0);
}

const featuresOnly = (frame: FeatureFrame) => frame.rows.map((r) => ({ id: r.externalId, ...r.values }));

describe.each(testDialects())("point-in-time features on %s", (dialect) => {
  let full: TestDatabase;
  let past: TestDatabase;
  let hand: TestDatabase;

  beforeAll(async () => {
    [full, past, hand] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect), createTestDatabase(dialect)]);
    const worldDir = join(full.config.dataDir, "world");
    await generateDemoWorld({ outDir: worldDir, customers: 150, days: 300, seed: 7, end: "2025-09-30" });
    await importDir(full, worldDir);
    truncateWorld(worldDir, join(past.config.dataDir, "world"), AS_OF);
    await importDir(past, join(past.config.dataDir, "world"));
  });
  afterAll(() => Promise.all([full, past, hand].map((t) => t?.drop())));

  it("data dated after T changes no feature at T (leakage test)", async () => {
    const asOfDay = isoDateToDay(AS_OF);
    const withFuture = await buildFeatureFrame({ db: full.db, asOfDay });
    const withoutFuture = await buildFeatureFrame({ db: past.db, asOfDay });
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

  it("computes each feature as defined, on a hand-made customer", async () => {
    const dir = join(hand.config.dataDir, "hand");
    writeCsv(dir, "customers.csv", ["customer_id", "plan", "mrr", "signup_date", "churn_date", "segment"], [
      ["H1", "Pro Monthly", 200, "2025-01-10", "2025-07-01", "SMB"],
      ["H2", "Custom", 10, "2025-05-31", "", ""], // signed up before T: in the frame
      ["H3", "Custom", 10, "2025-06-01", "", ""], // signs up on T: not yet a customer
      ["H4", "Custom", 10, "2025-01-01", "2025-05-20", ""], // churned before T
    ]);
    writeCsv(dir, "usage.csv", ["customer_id", "date", "metric", "value"], [
      ["H1", "2025-05-31", "logins", 2], // in 7d and 30d
      ["H1", "2025-05-20", "logins", 3], // in 30d
      ["H1", "2025-04-20", "logins", 10], // in the previous 30 days
      ["H1", "2025-06-01", "logins", 99], // on T: not before T
    ]);
    const TK = ["ticket_id", "customer_id", "created_at", "channel", "priority", "first_response_at", "resolved_at", "closed_at", "reopened_count"];
    writeCsv(dir, "tickets.csv", TK, [
      ["K1", "H1", "2025-05-25T00:00:00Z", "email", "urgent", "2025-05-25T04:00:00Z", "2025-05-26T00:00:00Z", "2025-05-27T00:00:00Z", 2],
      ["K2", "H1", "2025-05-29T00:00:00Z", "chat", "normal", "2025-05-29T02:00:00Z", "", "", 0], // open at T
      ["K3", "H1", "2025-04-01T00:00:00Z", "phone", "high", "2025-04-01T06:00:00Z", "2025-06-05T00:00:00Z", "2025-06-06T00:00:00Z", 1], // resolved after T: open at T
      ["K4", "H1", "2025-06-02T00:00:00Z", "web", "low", "", "", "", 0], // after T: ignored
    ]);
    writeCsv(dir, "surveys.csv", ["response_id", "customer_id", "kind", "score", "responded_at"], [
      ["S1", "H1", "csat", 5, "2025-05-01T00:00:00Z"],
      ["S2", "H1", "csat", 2, "2025-05-28T00:00:00Z"],
      ["S3", "H1", "nps", 6, "2025-05-02T00:00:00Z"],
      ["S4", "H1", "ces", 3, "2025-05-03T00:00:00Z"],
      ["S5", "H1", "csat", 1, "2025-06-03T00:00:00Z"], // after T: ignored
    ]);
    await importDir(hand, dir);
    const frame = await buildFeatureFrame({ db: hand.db, asOfDay: isoDateToDay(AS_OF), dataEndDay: isoDateToDay("2025-12-31") });
    expect(frame.rows.map((r) => r.externalId)).toEqual(["H1", "H2"]);
    const [h1, h2] = frame.rows;
    expect(h1.label).toBe(1); // churns 30 days after T
    expect(h2.label).toBe(0);
    expect(h1.values).toMatchObject({
      plan: "Pro Monthly", billing_cycle: "monthly", mrr: 200, tenure_days: 142, days_to_renewal: 9,
      logins_7d: 2, logins_30d: 5, logins_prev30d: 10, logins_trend30: -0.5, logins_days_inactive: 1,
      tickets_30d: 2, tickets_90d: 3, open_tickets: 2, oldest_open_ticket_days: 61, reopens_90d: 2,
      email_share_90d: 1 / 3, chat_share_90d: 1 / 3, phone_share_90d: 1 / 3, urgent_high_share_90d: 2 / 3,
      csat_last: 2, csat_mean: 3.5, csat_low_share: 0.5, csat_responses: 2, nps_last: 6, nps_category: "detractor", ces_mean: 3,
    });
    expect(h1.values.first_response_mean_hours).toBeCloseTo(4, 6);
    expect(h1.values.first_response_max_hours).toBeCloseTo(6, 6);
    expect(h1.values.resolution_mean_hours).toBeCloseTo(24, 6);
    expect(h1.values.days_since_last_ticket).toBeCloseTo(3, 6);
    expect(h2.values).toMatchObject({ logins_30d: 0, logins_days_inactive: 91, tickets_90d: 0, first_response_mean_hours: null, csat_last: null, nps_category: "none" });
  });
});
