import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import type { Database } from "../../src/db/index.ts";
import { usageSpan } from "../../src/db/repositories/feature-aggregates.ts";
import { listRiskRuns } from "../../src/db/repositories/risk-runs.ts";
import { createOutreach, TriggerSource } from "../../src/outreach/index.ts";
import { scoreCustomers } from "../../src/scoring/index.ts";
import { ensureActiveModel, seconds } from "./demo-database.ts";

const DAY_MS = 86_400_000;

/**
 * Makes a demo database look like a working install, once (each step is skipped when done):
 * a trained and promoted model, risk runs a week apart (so "changed since the last run" has
 * data) and a pass of outreach decisions on the tickets closed in the last week.
 */
export async function prepareDashboardWorld(options: { db: Database; dir: string }) {
  const { db, dir } = options;
  const active = await ensureActiveModel(db, dir);
  const { last } = await usageSpan(db);
  const asOfDay = last! + 1;
  const runs = await listRiskRuns(db, 2);
  if (runs.length < 2) {
    const t = performance.now();
    await scoreCustomers({ db, asOfDay: asOfDay - 7 });
    await scoreCustomers({ db, asOfDay });
    console.log(`set-up: two risk runs in ${seconds(t)} s`);
  }
  const [latest] = await listRiskRuns(db, 1);
  let [{ n: decisions }] = await db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM outreach_decisions");
  if (Number(decisions) === 0) decisions = await runOutreachOnce(db, dir, asOfDay);
  const [sample] = await db.sql.all<{ external_id: string; plan: string }>(
    `SELECT c.external_id, c.plan FROM risk_scores s JOIN customers c ON c.id = s.customer_id
     WHERE s.run_id = ? AND s.at_risk = ? AND EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id) ORDER BY
     s.probability DESC LIMIT 1`,
    [latest.id, true],
  );
  return {
    modelVersion: active.version,
    asOf: latest.asOf.toISOString().slice(0, 10),
    atRisk: latest.atRisk,
    decisions: Number(decisions),
    sampleCustomer: sample.external_id,
    samplePlan: sample.plan,
  };
}

/** Decides follow-ups for the tickets closed in the week before the run, then sends them a day later (to .eml files). */
async function runOutreachOnce(db: Database, dir: string, asOfDay: number): Promise<number> {
  const t = performance.now();
  const clock = { now: new Date(asOfDay * DAY_MS + 12 * 3_600_000) };
  const config = loadConfig({
    RETAIN_DATA_DIR: dir,
    DATABASE_URL: `file:${join(dir, "retain.db")}`,
    RETAIN_OUTREACH_SEND_HOURS: "0-24",
    RETAIN_OUTREACH_SEND_DAYS: "mon-sun",
    LOG_LEVEL: "silent",
  });
  const outreach = createOutreach({ db, config, now: () => clock.now });
  const closed = await db.sql.all<{ id: number }>("SELECT id FROM tickets WHERE closed_at >= ? AND closed_at < ?", [
    new Date(clock.now.getTime() - 7 * DAY_MS),
    clock.now,
  ]);
  await outreach.enqueue(
    closed.map((r) => Number(r.id)),
    TriggerSource.Import,
  );
  await outreach.runOnce();
  clock.now = new Date(clock.now.getTime() + 2 * DAY_MS);
  await outreach.runOnce();
  outreach.close();
  const [{ n }] = await db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM outreach_decisions");
  console.log(`set-up: outreach on ${closed.length} closed tickets → ${n} decisions in ${seconds(t)} s`);
  return Number(n);
}
