import type { SqlClient } from "../sql-client.ts";
import { asDateOrNull } from "./outreach-row-values.ts";

/** A stored ticket as the tickets contract names its columns (ISO instants), with its customer's id. */
export interface StoredTicket {
  customerExternalId: string;
  record: {
    subject: string | null;
    channel: string;
    priority: string;
    category: string | null;
    agent_id: string | null;
    created_at: string;
    first_response_at: string | null;
    resolved_at: string | null;
    closed_at: string | null;
    status: string;
    reopened_count: number;
    requester_name: string | null;
  };
}

const iso = (v: unknown) => asDateOrNull(v)?.toISOString() ?? null;

/** The stored ticket with this external id, for a helpdesk event that changes only some of its fields. */
export async function findStoredTicket(sql: SqlClient, externalId: string): Promise<StoredTicket | null> {
  const [r] = await sql.all<Record<string, unknown>>(
    `SELECT t.subject, t.channel, t.priority, t.category, t.created_at, t.first_response_at, t.resolved_at, t.closed_at,
       t.status, t.reopened_count, t.requester_name, c.external_id AS customer_external_id, a.external_id AS agent_external_id
     FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.agent_id
     WHERE t.external_id = ?`,
    [externalId],
  );
  if (!r) return null;
  return {
    customerExternalId: String(r.customer_external_id),
    record: {
      subject: (r.subject as string | null) ?? null,
      channel: String(r.channel),
      priority: String(r.priority),
      category: (r.category as string | null) ?? null,
      agent_id: (r.agent_external_id as string | null) ?? null,
      created_at: iso(r.created_at)!,
      first_response_at: iso(r.first_response_at),
      resolved_at: iso(r.resolved_at),
      closed_at: iso(r.closed_at),
      status: String(r.status),
      reopened_count: Number(r.reopened_count),
      requester_name: (r.requester_name as string | null) ?? null,
    },
  };
}

/** The external id of the agent with this email (case-insensitive); null when none or several. */
export async function findAgentIdByEmail(sql: SqlClient, email: string): Promise<string | null> {
  const rows = await sql.all<{ external_id: string }>(
    "SELECT external_id FROM agents WHERE LOWER(email) = LOWER(?) ORDER BY id LIMIT 2",
    [email],
  );
  return rows.length === 1 ? rows[0].external_id : null;
}
