import type { Database } from "../../database.ts";

/** Agent external id → name, for labelling agent rows. */
export async function agentNames(db: Database): Promise<Map<string, string | null>> {
  const rows = await db.reports.all<{ external_id: string; name: string | null }>(
    "SELECT external_id, name FROM agents",
  );
  return new Map(rows.map((r) => [r.external_id, r.name]));
}
