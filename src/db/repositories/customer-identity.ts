import type { SqlClient } from "../sql-client.ts";

/** A customer as identity resolution shows it: internal id, external id, name and email. */
export interface IdentityCustomer {
  id: number;
  externalId: string;
  name: string | null;
  email: string | null;
}

const COLUMNS = "c.id, c.external_id, c.name, c.email";

/**
 * The domain of an email column, lowercased: the same expression as the index of migration
 * 0011 (customers_email_domain_idx), so the domain rule reads the index, not every customer.
 */
function domainOf(sql: SqlClient, column: string): string {
  return sql.dialect === "sqlite"
    ? `lower(substr(${column}, instr(${column}, '@') + 1))`
    : `lower(split_part(${column}, '@', 2))`;
}

function toCustomer(r: Record<string, unknown>): IdentityCustomer {
  return {
    id: Number(r.id),
    externalId: String(r.external_id),
    name: (r.name as string | null) ?? null,
    email: (r.email as string | null) ?? null,
  };
}

export async function findCustomerByExternalId(sql: SqlClient, externalId: string): Promise<IdentityCustomer | null> {
  const [row] = await sql.all(`SELECT ${COLUMNS} FROM customers c WHERE c.external_id = ?`, [externalId]);
  return row ? toCustomer(row) : null;
}

export async function findCustomerById(sql: SqlClient, id: number): Promise<IdentityCustomer | null> {
  const [row] = await sql.all(`SELECT ${COLUMNS} FROM customers c WHERE c.id = ?`, [id]);
  return row ? toCustomer(row) : null;
}

/** Customers whose own email is `email` (lowercased by the caller), at most `limit`. */
export async function findCustomersByEmail(sql: SqlClient, email: string, limit = 10): Promise<IdentityCustomer[]> {
  const rows = await sql.all(`SELECT ${COLUMNS} FROM customers c WHERE lower(c.email) = ? ORDER BY c.id LIMIT ?`, [
    email,
    limit,
  ]);
  return rows.map(toCustomer);
}

/** The customer a known contact email (lowercased) belongs to. */
export async function findContactCustomer(sql: SqlClient, email: string): Promise<IdentityCustomer | null> {
  const [row] = await sql.all(
    `SELECT ${COLUMNS} FROM customer_contacts k JOIN customers c ON c.id = k.customer_id WHERE k.email = ?`,
    [email],
  );
  return row ? toCustomer(row) : null;
}

/** The customers owning a domain (lowercased) through their email or a contact's, at most `limit`. */
export async function findDomainOwners(sql: SqlClient, domain: string, limit = 10): Promise<IdentityCustomer[]> {
  const rows = await sql.all(
    `SELECT ${COLUMNS} FROM customers c WHERE c.id IN (
       SELECT id FROM customers WHERE ${domainOf(sql, "email")} = ?
       UNION SELECT customer_id FROM customer_contacts WHERE domain = ?)
     ORDER BY c.id LIMIT ?`,
    [domain, domain, limit],
  );
  return rows.map(toCustomer);
}

/**
 * Remembers that `email` (lowercased) belongs to the customer; an address known for another
 * customer moves to this one (the latest decision wins). Resolves to the customer it belonged to
 * before, when another.
 */
export async function upsertCustomerContact(
  sql: SqlClient,
  contact: { customerId: number; email: string; domain: string; source: string; now: Date },
): Promise<{ previousCustomerId: number | null }> {
  const [before] = await sql.all<{ customer_id: number }>("SELECT customer_id FROM customer_contacts WHERE email = ?", [
    contact.email,
  ]);
  await sql.run(
    `INSERT INTO customer_contacts (customer_id, email, domain, source, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (email) DO UPDATE SET customer_id = excluded.customer_id, source = excluded.source,
       created_at = excluded.created_at`,
    [contact.customerId, contact.email, contact.domain, contact.source, contact.now],
  );
  const previous = before ? Number(before.customer_id) : null;
  return { previousCustomerId: previous === contact.customerId ? null : previous };
}

/** Customers whose id is `text` or whose id, name or email contains it (case-insensitive): exact id first. */
export async function searchIdentityCustomers(sql: SqlClient, text: string, limit = 10): Promise<IdentityCustomer[]> {
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await sql.all(
    `SELECT ${COLUMNS} FROM customers c
     WHERE c.external_id = ? OR lower(c.external_id) LIKE ? ESCAPE '\\' OR lower(c.name) LIKE ? ESCAPE '\\'
       OR lower(c.email) LIKE ? ESCAPE '\\'
     ORDER BY CASE WHEN c.external_id = ? THEN 0 ELSE 1 END, c.name, c.external_id LIMIT ?`,
    [text, like, like, like, text, limit],
  );
  return rows.map(toCustomer);
}
