import { loadConfig } from "../../src/config.ts";
import { completeRiskRun, insertRiskScores, startRiskRun } from "../../src/db/repositories/risk-runs.ts";
import { ingestRecords } from "../../src/ingest/index.ts";
import { createOutreach, type Outreach } from "../../src/outreach/index.ts";
import type { TestDatabase } from "./test-database.ts";

/** Settings that keep outreach tests fast and independent of the weekday: send any hour, no holdout. */
export const OUTREACH_TEST_ENV: NodeJS.ProcessEnv = {
  RETAIN_OUTREACH_SEND_HOURS: "0-24",
  RETAIN_OUTREACH_SEND_DAYS: "mon-sun",
  RETAIN_OUTREACH_HOLDOUT_PERCENT: "0",
  RETAIN_MAIL_FROM: "Acme Customer Success <cs@acme.test>",
  RETAIN_PUBLIC_URL: "http://retain.test",
  RETAIN_COMPANY_NAME: "Acme Analytics Inc.",
  RETAIN_PRODUCT_NAME: "Acme Insights",
  RETAIN_UNSUBSCRIBE_SECRET: "test-unsubscribe-secret-0123456789",
  RETAIN_WEBHOOK_SECRET: "test-webhook-secret-0123456789",
  RETAIN_OUTREACH_CLAIM_SECONDS: "20",
  RETAIN_OUTREACH_RETRY_SECONDS: "60",
  LOG_LEVEL: "silent",
};

export interface CustomerSpec {
  customer_id: string;
  name?: string;
  email?: string;
  owner_email?: string;
  timezone?: string;
  contact_name?: string;
  mrr?: number;
  churn_date?: string;
  signup_date?: string;
}

/** Upserts customers through the real ingest path (same validation as the API). */
export async function addCustomers(t: TestDatabase, customers: CustomerSpec[]): Promise<void> {
  const records = customers.map((c) => ({
    signup_date: "2024-01-01",
    email: `${c.customer_id.toLowerCase()}@customer.test`,
    ...c,
  }));
  const result = await ingestRecords({ db: t.db, kind: "customers", records });
  if (result.rejected) throw new Error(`customers rejected: ${JSON.stringify(result.errors)}`);
}

/** Upserts tickets through the ingest path; resolves to the ids of tickets inserted or changed. */
export async function upsertTickets(t: TestDatabase, tickets: Record<string, unknown>[]): Promise<number[]> {
  const result = await ingestRecords({ db: t.db, kind: "tickets", records: tickets });
  if (result.rejected) throw new Error(`tickets rejected: ${JSON.stringify(result.errors)}`);
  return result.changedTicketIds;
}

/** A closed ticket record: created a day before it closed. */
export function closedTicket(
  id: string,
  customer: string,
  closedAt: Date,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ticket_id: id,
    customer_id: customer,
    created_at: new Date(closedAt.getTime() - 86_400_000).toISOString(),
    closed_at: closedAt.toISOString(),
    status: "closed",
    subject: `Subject of ${id}`,
    channel: "email",
    ...extra,
  };
}

/**
 * A complete risk run as of `asOf` scoring every customer: the `atRisk` ones at 0.8 with
 * drivers, the others at 0.1. Written with the scoring repository, so no model is needed.
 */
export async function writeRiskRun(
  t: TestDatabase,
  options: { asOf: string; atRisk: string[]; modelVersion?: string },
): Promise<number> {
  const customers = await t.db.sql.all<{ id: number; external_id: string; mrr: number }>(
    "SELECT id, external_id, mrr FROM customers",
  );
  const runId = await startRiskRun(t.db, {
    asOf: new Date(`${options.asOf}T00:00:00Z`),
    modelVersion: options.modelVersion ?? "test-model-1",
    rule: JSON.stringify({ kind: "threshold", value: 0.5 }),
  });
  const drivers = JSON.stringify([
    { feature: "logins_trend", text: "logins fell 40 % in 30 days", value: -0.4, delta: 0.12 },
  ]);
  await insertRiskScores(
    t.db,
    runId,
    customers.map((c) => {
      const atRisk = options.atRisk.includes(c.external_id);
      return {
        customerId: Number(c.id),
        probability: atRisk ? 0.8 : 0.1,
        band: atRisk ? "high" : "low",
        atRisk,
        mrr: Number(c.mrr),
        drivers: atRisk ? drivers : "[]",
        previous: null,
        change: "same",
      };
    }),
  );
  await completeRiskRun(t.db, runId, { scored: customers.length, atRisk: options.atRisk.length, durationMs: 1 });
  return runId;
}

/** Outreach on the test database with the test settings (plus `env`), a movable clock and optional SMTP server. */
export function testOutreach(
  t: TestDatabase,
  options: { clock: { now: Date }; smtpUrl?: string; env?: NodeJS.ProcessEnv },
): Outreach {
  const config = loadConfig({
    ...t.env,
    ...OUTREACH_TEST_ENV,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  return createOutreach({ db: t.db, config, now: () => options.clock.now });
}

/** The follow-ups of a ticket (by external id) with their outbox row, for assertions. */
export async function followUpOf(t: TestDatabase, ticketExternalId: string) {
  const [row] = await t.db.sql.all<Record<string, unknown>>(
    `SELECT f.id, f.status, f.reason, f.arm, f.planned_at, f.window_start, f.window_end, f.outcome, o.status AS
      outbox_status, o.attempts, o.rejections, o.due_at, o.message_id
     FROM outreach_follow_ups f JOIN tickets t ON t.id = f.ticket_id LEFT JOIN outreach_outbox o ON o.follow_up_id = f.id
     WHERE t.external_id = ?`,
    [ticketExternalId],
  );
  return row;
}

/** Decision-log statuses and reasons of a ticket's follow-up, oldest first. */
export async function decisionsOf(
  t: TestDatabase,
  ticketExternalId: string,
): Promise<{ status: string; reason: string | null }[]> {
  return t.db.sql.all(
    `SELECT d.status, d.reason FROM outreach_decisions d JOIN tickets t ON t.id = d.ticket_id WHERE t.external_id = ? ORDER BY d.id`,
    [ticketExternalId],
  );
}
