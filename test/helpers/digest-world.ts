import { assignOwner } from "../../src/customers/index.ts";
import { insertFollowUp } from "../../src/db/repositories/outreach-follow-ups.ts";
import { insertOutbox, markOutboxSent } from "../../src/db/repositories/outreach-outbox.ts";
import { findTicketsByExternalId, loadIdMap } from "../../src/db/repositories/reference-ids.ts";
import { seedDashboardWorld } from "./dashboard-world.ts";
import { createFactories } from "./factories.ts";
import type { TestDatabase } from "./test-database.ts";

/** The digest's day in the digest world, and the instant the tests read it at (07:00 in New York). */
export const DIGEST_DATE = "2026-06-09";
export const DIGEST_NOW = new Date("2026-06-09T11:00:00Z");
/** The world's time zone: "yesterday" is 2026-06-08 in New York, 04:00Z to 04:00Z. */
export const DIGEST_TIME_ZONE = "America/New_York";

/** Records a follow-up email to a customer as sent at `sentAt`, as the outreach worker does. */
export async function recordSentFollowUp(
  t: TestDatabase,
  options: { customer: string; ticket: string; subject: string; sentAt: string; runId: number },
): Promise<void> {
  const sentAt = new Date(options.sentAt);
  await createFactories(t.db).tickets({
    ticket_id: options.ticket,
    customer_id: options.customer,
    created_at: "2026-06-01T10:00:00Z",
    closed_at: "2026-06-02T10:00:00Z",
  });
  const customerId = (await loadIdMap(t.db, "customers")).get(options.customer)!;
  const ticketId = (await findTicketsByExternalId(t.db, [options.ticket])).get(options.ticket)!.id;
  const followUpId = await insertFollowUp(
    t.db.sql,
    {
      customerId,
      ticketId,
      play: "ticket-closed",
      template: "ticket-closed",
      arm: "treatment",
      status: "scheduled",
      reason: null,
      closedAt: new Date("2026-06-02T10:00:00Z"),
      reopenedCount: 0,
      plannedAt: sentAt,
      runId: options.runId,
      modelVersion: "v1",
      score: 0.9,
      drivers: "[]",
      rule: "{}",
    },
    sentAt,
  );
  await insertOutbox(t.db.sql, {
    followUpId: followUpId!,
    messageId: `<f${followUpId}@test>`,
    dueAt: sentAt,
    now: sentAt,
  });
  const [row] = await t.db.sql.all<{ id: number }>("SELECT id FROM outreach_outbox WHERE follow_up_id = ?", [
    followUpId,
  ]);
  await markOutboxSent(t.db.sql, {
    id: Number(row.id),
    recipient: "ops@customer.test",
    subject: options.subject,
    smtpResponse: "250 ok",
    now: sentAt,
  });
}

/**
 * The dashboard world (Ann owns A1 and A4, Bob A2; runs of 2026-06-01 and 2026-06-08) made ready for the digest of
 * 2026-06-09 in New York:
 * - Ann: A4 newly at risk (70 %), A1 risen 60 % → 90 % and, on a monthly plan since 2025-01-01, renewing on
 *   2026-07-01 (22 days); a follow-up to A1 sent yesterday at 10:00 local, and two outside yesterday (23:30 the day
 *   before, 01:00 today).
 * - Bob: A2 fell 50 % → 40 %, still at risk but not newly, no known renewal: nothing to send.
 * - Cara: owns C9 (not scored); a follow-up to Z1 went out in her name yesterday, and Z1 was handed to Zoe since.
 * - Zoe: owns Z1 (not scored), nothing sent in her name: nothing to send.
 */
export async function seedDigestWorld(t: TestDatabase): Promise<{ latestRunId: number }> {
  const { latestRunId } = await seedDashboardWorld(t);
  await t.db.sql.run("UPDATE customers SET plan = ? WHERE external_id = ?", ["Pro Monthly", "A1"]);
  const f = createFactories(t.db);
  await f.customers(
    { customer_id: "Z1", name: "Zeta", plan: "Basic", owner_email: "cara@cs.test" },
    { customer_id: "C9", name: "Ceta", plan: "Basic", owner_email: "cara@cs.test" },
  );
  const sent = (customer: string, ticket: string, subject: string, sentAt: string) =>
    recordSentFollowUp(t, { customer, ticket, subject, sentAt, runId: latestRunId });
  await sent("A1", "T-100", "Your ticket T-100: did we get it right?", "2026-06-08T14:00:00Z");
  await sent("A1", "T-101", "Too early", "2026-06-08T03:30:00Z");
  await sent("A1", "T-102", "Too late", "2026-06-09T05:00:00Z");
  await sent("Z1", "T-200", "Your ticket T-200: did we get it right?", "2026-06-08T15:30:00Z");
  await assignOwner(t.db, {
    customerId: "Z1",
    email: "zoe@cs.test",
    actor: "admin",
    now: new Date("2026-06-09T09:00:00Z"),
  });
  return { latestRunId };
}
