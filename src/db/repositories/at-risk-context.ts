import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";
import { OPEN_TICKET_STATUSES } from "../../outreach-statuses.ts";

export interface LastTicket {
  externalId: string;
  subject: string | null;
  status: string;
  channel: string;
  createdAt: Date;
  closedAt: Date | null;
}

/** Each customer's newest ticket, last CSAT answer and count of open tickets (customers without one are absent). */
export async function loadListContext(
  sql: SqlClient,
  customerIds: number[],
): Promise<{
  lastTickets: Map<number, LastTicket>;
  lastCsat: Map<number, { score: number; respondedAt: Date }>;
  openTickets: Map<number, number>;
}> {
  const lastTickets = new Map<number, LastTicket>();
  const lastCsat = new Map<number, { score: number; respondedAt: Date }>();
  const openTickets = new Map<number, number>();
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    const list = ids.map(() => "?").join(", ");
    const tickets = await sql.all<Record<string, unknown>>(
      `SELECT * FROM (SELECT t.customer_id, t.external_id, t.subject, t.status, t.channel, t.created_at, t.closed_at,
         ROW_NUMBER() OVER (PARTITION BY t.customer_id ORDER BY t.created_at DESC, t.id DESC) AS rn FROM tickets t
         WHERE t.customer_id IN (${list})) x WHERE rn = 1`,
      ids,
    );
    for (const t of tickets) {
      lastTickets.set(Number(t.customer_id), {
        externalId: String(t.external_id),
        subject: (t.subject as string | null) ?? null,
        status: String(t.status),
        channel: String(t.channel),
        createdAt: asDate(t.created_at),
        closedAt: asDateOrNull(t.closed_at),
      });
    }
    const csat = await sql.all<Record<string, unknown>>(
      `SELECT * FROM (SELECT v.customer_id, v.score, v.responded_at, ROW_NUMBER() OVER (PARTITION BY v.customer_id
        ORDER BY v.responded_at DESC, v.id DESC) AS rn
         FROM surveys v WHERE v.kind = 'csat' AND v.customer_id IN (${list})) x WHERE rn = 1`,
      ids,
    );
    for (const v of csat)
      lastCsat.set(Number(v.customer_id), { score: Number(v.score), respondedAt: asDate(v.responded_at) });
    const open = await sql.all<{ customer_id: number; n: number }>(
      `SELECT customer_id, COUNT(*) AS n FROM tickets WHERE customer_id IN (${list}) AND closed_at IS ` +
        `NULL AND status IN (${OPEN_TICKET_STATUSES.map(() => "?").join(", ")}) GROUP BY customer_id`,
      [...ids, ...OPEN_TICKET_STATUSES],
    );
    for (const o of open) openTickets.set(Number(o.customer_id), Number(o.n));
  }
  return { lastTickets, lastCsat, openTickets };
}
