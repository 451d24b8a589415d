import type { Database } from "../database.ts";

/** external id → internal id of every customer or agent (reference data, loaded once per file). */
export async function loadIdMap(db: Database, table: "customers" | "agents"): Promise<Map<string, number>> {
  const rows = await db.sql.all<{ id: number; external_id: string }>(`SELECT id, external_id FROM ${table}`);
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** Tickets by external id, for the references of one batch of surveys. */
export async function findTicketsByExternalId(
  db: Database,
  externalIds: string[],
): Promise<Map<string, { id: number; customerId: number }>> {
  const found = new Map<string, { id: number; customerId: number }>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.sql.all<{ id: number; external_id: string; customer_id: number }>(
      `SELECT id, external_id, customer_id FROM tickets WHERE external_id IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const r of rows) found.set(r.external_id, { id: r.id, customerId: r.customer_id });
  }
  return found;
}
