import { addUser } from "../../src/auth/index.ts";
import { insertModelVersion } from "../../src/db/repositories/model-versions.ts";
import { insertDecision } from "../../src/db/repositories/outreach-decisions.ts";
import { findTicketsByExternalId, loadIdMap } from "../../src/db/repositories/reference-ids.ts";
import { completeRiskRun, insertRiskScores, startRiskRun } from "../../src/db/repositories/risk-runs.ts";
import { ingestRecords } from "../../src/ingest/index.ts";
import { promoteModel, writeRegistryMetrics, writeRegistryTraining, type Metrics } from "../../src/model/index.ts";
import { createFactories } from "./factories.ts";
import type { TestDatabase } from "./test-database.ts";

const driver = (feature: string, text: string, delta: number) => ({ feature, text, value: -0.4, delta });
const DRIVERS = JSON.stringify([
  driver("logins_trend", "logins fell 40 % in 30 days", 0.12),
  driver("tickets_90d", "6 tickets in 90 days", 0.08),
  driver("csat_last", "last CSAT 2 of 5", 0.05),
  driver("mrr", "MRR 1,000", 0.01),
]);

/** [external id, probability, at risk, previous probability, change] of one run. */
type Score = [string, number, boolean, number | null, string];

async function riskRun(
  t: TestDatabase,
  asOf: string,
  scores: Score[],
  status: "complete" | "building" = "complete",
): Promise<number> {
  const ids = await loadIdMap(t.db, "customers");
  const mrrs = new Map(
    (await t.db.sql.all<{ id: number; mrr: number }>("SELECT id, mrr FROM customers")).map((r) => [
      Number(r.id),
      Number(r.mrr),
    ]),
  );
  const runId = await startRiskRun(t.db, {
    asOf: new Date(`${asOf}T00:00:00Z`),
    modelVersion: "v1",
    rule: JSON.stringify({ kind: "threshold", value: 0.5 }),
  });
  await insertRiskScores(
    t.db,
    runId,
    scores.map(([id, probability, atRisk, previous, change]) => ({
      customerId: ids.get(id)!,
      probability,
      band: probability >= 0.5 ? "high" : probability >= 0.25 ? "medium" : "low",
      atRisk,
      mrr: mrrs.get(ids.get(id)!)!,
      drivers: atRisk ? DRIVERS : "[]",
      previous,
      change,
    })),
  );
  if (status === "complete")
    await completeRiskRun(t.db, runId, {
      scored: scores.length,
      atRisk: scores.filter((s) => s[2]).length,
      durationMs: 1,
    });
  return runId;
}

function scores(auc: number): Metrics {
  const roc = [
    { threshold: null, fpr: 0, tpr: 0 },
    { threshold: 0.5, fpr: 0.2, tpr: 0.7 },
    { threshold: 0, fpr: 1, tpr: 1 },
  ];
  const calibration = [
    { lower: 0, upper: 0.5, count: 10, meanPredicted: 0.2, observedRate: 0.25 },
    { lower: 0.5, upper: 1, count: 5, meanPredicted: 0.7, observedRate: 0.6 },
  ];
  const lift = [
    { depth: 0.5, cumulativeLift: 1.6, capture: 0.8 },
    { depth: 1, cumulativeLift: 1, capture: 1 },
  ];
  return {
    auc,
    prAuc: 0.4,
    brier: 0.1,
    logLoss: 0.3,
    lift10: 3,
    rows: 100,
    prevalence: 0.1,
    threshold: 0.5,
    precision: 0.4,
    recall: 0.5,
    f1: 0.44,
    flaggedShare: 0.1,
    ece: 0.02,
    baseline: { auc: 0.5, prAuc: 0.1, brier: 0.09, logLoss: 0.33, lift10: 1 },
    curves: { roc, calibration, lift },
  };
}

const importance = [
  { feature: "days_to_renewal", importance: 0.2 },
  { feature: "logins_7d", importance: 0.05 },
];

/** v1 as Retain saved a version before the registry formats had a version (the shapes of the first database training). */
const legacyV1 = {
  metrics: JSON.stringify({
    validation: scores(0.7),
    importance,
    candidates: [{ name: "lr", valAuc: 0.7 }],
    active: null,
    beatsActive: true,
  }),
  training: JSON.stringify({
    from: "2026-01-05",
    to: "2026-03-02",
    validationAsOf: ["2026-03-02"],
    horizonDays: 90,
    asOf: { train: ["2026-01-05", "2026-02-02"], validation: ["2026-03-02"] },
    rows: { train: 12, validation: 6 },
    dataFingerprint: "a".repeat(64),
    seed: 42,
    backend: "wasm",
  }),
};

/** v2 through today's writers, compared with the active v1 when it was trained. */
const currentV2 = {
  metrics: writeRegistryMetrics({
    validation: scores(0.8),
    test: null,
    importance,
    candidates: [{ name: "mlp", kind: "mlp", members: 1, valAuc: 0.8, epochs: [12] }],
    stages: [],
    active: { version: "v1", metrics: scores(0.7) },
    beatsActive: true,
  }),
  training: writeRegistryTraining({
    source: "database",
    from: "2026-01-05",
    to: "2026-03-02",
    horizonDays: 90,
    stepDays: 28,
    customerSample: 1,
    asOf: {
      train: ["2026-01-05", "2026-02-02"],
      validation: ["2026-03-02"],
      test: [],
      refit: ["2026-01-05", "2026-02-02", "2026-03-02"],
    },
    rows: { train: 12, validation: 6, test: 0, refit: 18 },
    dataFingerprint: "b".repeat(64),
    seed: 42,
    backend: "wasm",
  }),
};

/** The world's CSM users: email → name. */
export const DASHBOARD_USERS = [
  ["ann@cs.test", "Ann Archer"],
  ["bob@cs.test", "Bob Baker"],
  ["zoe@cs.test", "Zoe Zhang"],
  ["cara@cs.test", "Cara Cole"],
] as const;

/**
 * A hand-made world for the dashboard API and pages (no model training):
 * A1–A5 at risk in the latest run (2026-06-08), A6 at risk but churned, L1 not at risk;
 * an earlier run (2026-06-01) for the changes and an unfinished one (2026-06-15) to ignore;
 * model versions v1 (active) and v2 (a better candidate); one outreach decision for A1. Users Ann and
 * Bob (who own A1, A4 and A2), Zoe and Cara are CSMs (no password: tests that sign in set one).
 */
export async function seedDashboardWorld(t: TestDatabase): Promise<{ latestRunId: number }> {
  const f = createFactories(t.db);
  for (const [email, name] of DASHBOARD_USERS) await addUser(t.db, { email, name, role: "csm" });
  await f.agents({ agent_id: "G1", name: "Gwen" });
  await f.customers(
    {
      customer_id: "A1",
      name: "Acme",
      plan: "Pro",
      segment: "SMB",
      mrr: 1000,
      owner_email: "ann@cs.test",
      email: "ops@acme.test",
    },
    { customer_id: "A2", name: "Beta", plan: "Pro", segment: "Enterprise", mrr: 5000, owner_email: "bob@cs.test" },
    { customer_id: "A3", name: "Gamma", plan: "Basic", segment: "SMB", mrr: 50 },
    {
      customer_id: "A4",
      name: "<script>alert(1)</script> & Co",
      plan: "Basic",
      segment: "SMB",
      mrr: 200,
      owner_email: "ann@cs.test",
    },
    { customer_id: "A5", name: '=HYPERLINK("http://evil.test")', plan: "Basic", segment: "Enterprise", mrr: 300 },
    { customer_id: "A6", name: "Delta", plan: "Pro", segment: "SMB", mrr: 800, churn_date: "2026-06-20" },
    { customer_id: "L1", name: "Low Co", plan: "Pro", segment: "SMB", mrr: 100 },
  );
  await f.tickets(
    { ticket_id: "T1", customer_id: "A1", created_at: "2026-06-01T10:00:00Z", subject: "Export fails", status: "open" },
    {
      ticket_id: "T2",
      customer_id: "A1",
      created_at: "2026-05-01T10:00:00Z",
      subject: "Old question",
      closed_at: "2026-05-02T10:00:00Z",
      agent_id: "G1",
    },
    {
      ticket_id: "T3",
      customer_id: "A2",
      created_at: "2026-05-20T10:00:00Z",
      subject: "Invoice",
      closed_at: "2026-05-21T10:00:00Z",
    },
    {
      ticket_id: "T4",
      customer_id: "A4",
      created_at: "2026-06-02T10:00:00Z",
      subject: "Pending thing",
      status: "pending",
    },
  );
  await f.surveys(
    {
      customer_id: "A1",
      kind: "csat",
      score: 2,
      responded_at: "2026-05-03T10:00:00Z",
      ticket_id: "T2",
      comment: "slow",
    },
    { customer_id: "A1", kind: "csat", score: 4, responded_at: "2026-04-03T10:00:00Z" },
    { customer_id: "A2", kind: "nps", score: 3, responded_at: "2026-05-22T10:00:00Z" },
  );
  const usage = [
    ["2026-06-07", "logins", 5],
    ["2026-06-06", "logins", 3],
    ["2026-03-10", "logins", 9],
    ["2026-03-09", "logins", 100],
    ["2026-06-07", "events", 40],
  ] as const;
  const usageResult = await ingestRecords({
    db: t.db,
    kind: "usage",
    records: usage.map(([date, metric, value]) => ({ customer_id: "A1", date, metric, value })),
  });
  if (usageResult.rejected) throw new Error(`usage rejected: ${JSON.stringify(usageResult.errors)}`);
  await riskRun(t, "2026-06-01", [
    ["A1", 0.6, true, null, "new"],
    ["A2", 0.5, true, null, "new"],
    ["A3", 0.33, true, null, "new"],
    ["L1", 0.05, false, null, "same"],
  ]);
  const latestRunId = await riskRun(t, "2026-06-08", [
    ["A1", 0.9, true, 0.6, "up"],
    ["A2", 0.4, true, 0.5, "down"],
    ["A3", 0.35, true, 0.33, "same"],
    ["A4", 0.7, true, null, "new"],
    ["A5", 0.55, true, null, "new"],
    ["A6", 0.8, true, null, "new"],
    ["L1", 0.1, false, 0.05, "same"],
  ]);
  await riskRun(t, "2026-06-15", [["A3", 0.99, true, 0.35, "up"]], "building");
  const created = new Date("2026-06-01T00:00:00Z");
  await insertModelVersion(t.db, {
    version: "v1",
    kind: "lr",
    source: "database",
    createdAt: created,
    threshold: 0.5,
    ...legacyV1,
    dir: "/nonexistent/v1",
  });
  await insertModelVersion(t.db, {
    version: "v2",
    kind: "mlp",
    source: "database",
    createdAt: new Date("2026-06-02T00:00:00Z"),
    threshold: 0.4,
    ...currentV2,
    dir: "/nonexistent/v2",
  });
  await promoteModel({ db: t.db, version: "v1" });
  const ids = await loadIdMap(t.db, "customers");
  const tickets = await findTicketsByExternalId(t.db, ["T2"]);
  await insertDecision(t.db.sql, {
    followUp: {
      id: 1,
      customerId: ids.get("A1")!,
      ticketId: tickets.get("T2")!.id,
      play: "ticket-closed",
      arm: "treatment",
      template: "ticket-closed",
      plannedAt: new Date("2026-05-03T09:00:00Z"),
    },
    status: "suppressed",
    reason: "frequency_cap",
    detail: "contacted 3 days ago",
    at: new Date("2026-05-02T11:00:00Z"),
    evidence: { runId: latestRunId, modelVersion: "v1", score: 0.6, drivers: DRIVERS, rule: "{}" },
  });
  return { latestRunId };
}
