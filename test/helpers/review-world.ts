import { addUser, createApiKey, setPasswordWithLink } from "../../src/auth/index.ts";
import { setCustomerState } from "../../src/db/repositories/customer-state.ts";
import { TriggerSource, type Outreach } from "../../src/outreach/index.ts";
import { addCustomers, closedTicket, testOutreach, upsertTickets, writeRiskRun } from "./outreach-world.ts";
import type { TestDatabase } from "./test-database.ts";

export const REVIEW_PASSWORD = "a long and memorable passphrase";

/**
 * An outreach world for the review and log pages: Jane (csm, password REVIEW_PASSWORD) owns R1 (MRR 2,500, held
 * for review) and R2 (sent as planned); Bob owns R3 (held); R6 was emailed 3 days before its closing (capped).
 * Clock at 2026-03-03T09:00Z, after the planned sends; RETAIN_OUTREACH_REVIEW_MRR=1000, Europe/Paris.
 */
export async function seedReviewWorld(
  t: TestDatabase,
  options: { clock: { now: Date }; smtpUrl: string },
): Promise<{ outreach: Outreach; viewerKey: string }> {
  const { clock } = options;
  clock.now = new Date("2026-03-02T08:00:00Z");
  await addCustomers(t, [
    { customer_id: "R1", name: "Big One", mrr: 2500, owner_email: "jane@acme.test", contact_name: "Ana Lopez" },
    { customer_id: "R2", name: "Small One", mrr: 500, owner_email: "jane@acme.test" },
    { customer_id: "R3", name: "Bob's Big", mrr: 3000, owner_email: "bob@acme.test" },
    { customer_id: "R6", name: "Recently Emailed", mrr: 100, owner_email: "jane@acme.test" },
  ]);
  await writeRiskRun(t, { asOf: "2026-03-01", atRisk: ["R1", "R2", "R3", "R6"] });
  const { link } = await addUser(t.db, { email: "jane@acme.test", name: "Jane Doe", role: "csm" });
  await setPasswordWithLink(t.db, { token: link.token, password: REVIEW_PASSWORD });
  await addUser(t.db, { email: "bob@acme.test", name: "Bob Smith", role: "csm" });
  const r6 = (await t.db.sql.all<{ id: number }>("SELECT id FROM customers WHERE external_id = 'R6'"))[0];
  await setCustomerState(t.db.sql, {
    customerId: Number(r6.id),
    fields: { lastContactedAt: new Date("2026-02-27T08:00:00Z") },
  });
  const outreach = testOutreach(t, {
    clock,
    smtpUrl: options.smtpUrl,
    env: { RETAIN_OUTREACH_REVIEW_MRR: "1000", RETAIN_TIMEZONE: "Europe/Paris" },
  });
  const tickets = [
    ["4512", "R1", "Export fails"],
    ["4513", "R2", "Login loop"],
    ["4514", "R3", "Invoice wrong"],
    ["4516", "R6", "Slow reports"],
  ].map(([id, customer, subject]) => ({ ...closedTicket(id, customer, new Date("2026-03-02T07:00:00Z")), subject }));
  await outreach.enqueue(await upsertTickets(t, tickets), TriggerSource.Ingest);
  await outreach.runOnce();
  clock.now = new Date("2026-03-03T09:00:00Z");
  await outreach.runOnce();
  const viewerKey = (await createApiKey(t.db, { role: "viewer" })).key;
  return { outreach, viewerKey };
}
