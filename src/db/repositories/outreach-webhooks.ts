import type { SqlClient } from "../sql-client.ts";

/** Whether a webhook event id was processed before. */
export async function hasWebhookEvent(sql: SqlClient, eventId: string): Promise<boolean> {
  return (await sql.all("SELECT 1 AS hit FROM outreach_webhook_events WHERE event_id = ?", [eventId])).length > 0;
}

/** Remembers a processed event id; false when it was already there (a concurrent duplicate delivery). */
export async function recordWebhookEvent(
  sql: SqlClient,
  options: { eventId: string; ticketExternalId: string | null; outcome: string; now: Date },
): Promise<boolean> {
  const inserted = await sql.run(
    "INSERT INTO outreach_webhook_events (event_id, ticket_external_id, outcome, received_at) VALUES " +
      "(?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
    [options.eventId, options.ticketExternalId, options.outcome, options.now],
  );
  return inserted === 1;
}
