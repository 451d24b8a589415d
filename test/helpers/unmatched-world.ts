import { queueUnmatched, resolveCustomer } from "../../src/identity/index.ts";
import type { TestDatabase } from "./test-database.ts";

/** Queues a native ticket for `email` as the webhook would (resolved first, so the candidates are real). */
export async function queueTicket(t: TestDatabase, id: string, email: string, name: string | null = null) {
  const ref = { email, name };
  const resolution = await resolveCustomer(t.db, ref);
  if (resolution.status === "matched") throw new Error(`${email} matched ${resolution.customer.externalId}`);
  const ticket = {
    id,
    subject: `Question ${id}`,
    channel: "email",
    created_at: "2026-03-01T09:00:00Z",
    closed_at: "2026-03-02T09:30:00Z",
    requester: { email },
  };
  return queueUnmatched(t.db, {
    kind: "ticket",
    source: "webhook",
    eventId: `evt-${id}`,
    externalId: id,
    ref,
    subject: ticket.subject,
    payload: { format: "ticket-closed", ticket },
    resolution,
    receivedAt: new Date("2026-03-02T09:31:00Z"),
  });
}
