import type { SqlClient, SqlValue } from "../sql-client.ts";
import { asDateOrNull } from "./outreach-row-values.ts";

/**
 * Per-customer outreach state: what CSMs set (snooze, owner override, last contact) and
 * what the sender learns (unsubscribe, bounce). Functions take a SqlClient so callers can
 * use them inside a transaction (`db.sql` or the `tx` of `db.sql.transaction`).
 */
export interface CustomerStateFields {
  snoozedUntil: Date | null;
  unsubscribedAt: Date | null;
  bouncedAt: Date | null;
  /** Overrides customers.owner_email (the CSM who owns the account). */
  ownerEmail: string | null;
  lastContactedAt: Date | null;
}

export interface CustomerState extends CustomerStateFields {
  customerId: number;
  updatedAt: Date;
}

/** Field → column; the only column names that reach SQL. */
const COLUMNS: Record<keyof CustomerStateFields, string> = {
  snoozedUntil: "snoozed_until",
  unsubscribedAt: "unsubscribed_at",
  bouncedAt: "bounced_at",
  ownerEmail: "owner_email",
  lastContactedAt: "last_contacted_at",
};

const SELECT =
  `SELECT customer_id, snoozed_until, unsubscribed_at, bounced_at, owner_email, last_contacted_at, ` +
  `updated_at FROM customer_state`;

export function toCustomerState(row: Record<string, unknown>): CustomerState {
  return {
    customerId: Number(row.customer_id),
    snoozedUntil: asDateOrNull(row.snoozed_until),
    unsubscribedAt: asDateOrNull(row.unsubscribed_at),
    bouncedAt: asDateOrNull(row.bounced_at),
    ownerEmail: (row.owner_email as string | null) ?? null,
    lastContactedAt: asDateOrNull(row.last_contacted_at),
    updatedAt: asDateOrNull(row.updated_at) ?? new Date(0),
  };
}

/** The state of one customer; null when nothing was ever set. */
export async function getCustomerState(sql: SqlClient, customerId: number): Promise<CustomerState | null> {
  const [row] = await sql.all<Record<string, unknown>>(`${SELECT} WHERE customer_id = ?`, [customerId]);
  return row ? toCustomerState(row) : null;
}

/**
 * Sets some fields of a customer's state (creating the row if needed); fields not given keep
 * their value. `keepExisting` lists fields that are only set when still empty, so the first
 * unsubscribe or bounce time stays.
 */
export async function setCustomerState(
  sql: SqlClient,
  options: {
    customerId: number;
    fields: Partial<CustomerStateFields>;
    keepExisting?: (keyof CustomerStateFields)[];
    now?: Date;
  },
): Promise<void> {
  const { customerId, fields, keepExisting = [], now = new Date() } = options;
  const names = (Object.keys(fields) as (keyof CustomerStateFields)[]).filter((f) => f in COLUMNS);
  const columns = names.map((f) => COLUMNS[f]);
  const values: SqlValue[] = names.map((f) => fields[f] ?? null);
  const updates = names.map((f) =>
    keepExisting.includes(f)
      ? `${COLUMNS[f]} = COALESCE(customer_state.${COLUMNS[f]}, excluded.${COLUMNS[f]})`
      : `${COLUMNS[f]} = excluded.${COLUMNS[f]}`,
  );
  await sql.run(
    `INSERT INTO customer_state (customer_id, ${[...columns, "updated_at"].join(", ")}) VALUES (?,
      ${[...values, now].map(() => "?").join(", ")})
     ON CONFLICT (customer_id) DO UPDATE SET ${[...updates, "updated_at = excluded.updated_at"].join(", ")}`,
    [customerId, ...values, now],
  );
}

/** Rows per multi-row statement (a few parameters each: far below both databases' limits). */
const CHUNK = 500;

/** The states of these customers, by customer id (customers whose state was never set are absent). */
export async function listCustomerStates(sql: SqlClient, customerIds: number[]): Promise<Map<number, CustomerState>> {
  const states = new Map<number, CustomerState>();
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const ids = customerIds.slice(i, i + CHUNK);
    const rows = await sql.all<Record<string, unknown>>(
      `${SELECT} WHERE customer_id IN (${ids.map(() => "?").join(", ")})`,
      ids,
    );
    for (const row of rows) states.set(Number(row.customer_id), toCustomerState(row));
  }
  return states;
}

/**
 * Sets the same fields on many customers (creating their rows as needed), in statements of up to 500 rows;
 * fields not given keep their value. Call it inside a transaction for all-or-nothing.
 */
export async function setCustomerStates(
  sql: SqlClient,
  options: { customerIds: number[]; fields: Partial<CustomerStateFields>; now?: Date },
): Promise<void> {
  const { customerIds, fields, now = new Date() } = options;
  const names = (Object.keys(fields) as (keyof CustomerStateFields)[]).filter((f) => f in COLUMNS);
  const columns = [...names.map((f) => COLUMNS[f]), "updated_at"];
  const values: SqlValue[] = [...names.map((f) => fields[f] ?? null), now];
  const row = `(${["?", ...values.map(() => "?")].join(", ")})`;
  const updates = columns.map((c) => `${c} = excluded.${c}`).join(", ");
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const ids = customerIds.slice(i, i + CHUNK);
    await sql.run(
      `INSERT INTO customer_state (customer_id, ${columns.join(", ")}) VALUES ${ids.map(() => row).join(", ")}
       ON CONFLICT (customer_id) DO UPDATE SET ${updates}`,
      ids.flatMap((id) => [id, ...values]),
    );
  }
}
