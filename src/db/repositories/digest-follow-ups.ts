import { CustomerEventKind } from "../../customer-event-kinds.ts";
import { OutboxStatus } from "../../outreach-statuses.ts";
import type { SqlClient } from "../sql-client.ts";
import { groupRanked, OWNER_EMAIL, ownerUserJoin, type OwnerSection } from "./digest-owners.ts";
import { asDate } from "./outreach-row-values.ts";

/** A follow-up email that went out in a recipient's name. */
export interface SentFollowUpRow {
  /** The user it was sent in the name of. */
  userId: number;
  customerId: number;
  externalId: string;
  name: string | null;
  subject: string | null;
  sentAt: Date;
}

/**
 * The owner when the email went out, its From: the owner an owner change after the send replaced (its `previous`),
 * else today's owner. (An owner changed by an import leaves no event: then today's owner is taken.)
 */
const OWNER_AT_SEND = `CASE WHEN EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id = f.customer_id
    AND e.kind = '${CustomerEventKind.Owner}' AND e.at > o.sent_at)
  THEN (SELECT e.previous FROM customer_events e WHERE e.customer_id = f.customer_id
    AND e.kind = '${CustomerEventKind.Owner}' AND e.at > o.sent_at ORDER BY e.at, e.id LIMIT 1)
  ELSE ${OWNER_EMAIL} END`;

/**
 * The follow-ups sent in each recipient's name in [from, to), oldest first, `limit` per owner. A sent message was
 * due before it went out, so `due_at < to` lets the (status, due_at) index narrow the scan.
 */
export async function listFollowUpsSentByOwner(
  sql: SqlClient,
  q: { from: Date; to: Date; roles: readonly string[]; limit: number },
): Promise<Map<number, OwnerSection<SentFollowUpRow>>> {
  const owner = ownerUserJoin(q.roles, "x.owner_email");
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT u.id AS user_id, x.customer_id, x.external_id, x.name, x.subject, x.sent_at,
         ROW_NUMBER() OVER (PARTITION BY u.id ORDER BY x.sent_at, x.id) AS position,
         COUNT(*) OVER (PARTITION BY u.id) AS total
       FROM (
         SELECT o.id, f.customer_id, c.external_id, c.name, o.subject, o.sent_at, ${OWNER_AT_SEND} AS owner_email
         FROM outreach_outbox o JOIN outreach_follow_ups f ON f.id = o.follow_up_id
           JOIN customers c ON c.id = f.customer_id LEFT JOIN customer_state cs ON cs.customer_id = c.id
         WHERE o.status = ? AND o.due_at < ? AND o.sent_at >= ? AND o.sent_at < ?
       ) x ${owner.sql}
     ) r WHERE r.position <= ? ORDER BY r.user_id, r.position`,
    [OutboxStatus.Sent, q.to, q.from, q.to, ...owner.params, q.limit],
  );
  return groupRanked(rows, (r) => ({
    userId: Number(r.user_id),
    customerId: Number(r.customer_id),
    externalId: String(r.external_id),
    name: (r.name as string | null) ?? null,
    subject: (r.subject as string | null) ?? null,
    sentAt: asDate(r.sent_at),
  }));
}
