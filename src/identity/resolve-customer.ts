import type { Database, SqlClient } from "../db/index.ts";
import {
  findContactCustomer,
  findCustomerByExternalId,
  findCustomersByEmail,
  findDomainOwners,
  type IdentityCustomer,
} from "../db/repositories/customer-identity.ts";
import { emailDomain, isFreeMailDomain, normalizeEmail } from "./free-mail-domains.ts";

/** Which rule found the customer, in the order they are tried. */
export const MatchRule = {
  ExternalId: "external_id",
  ContactEmail: "contact_email",
  Email: "email",
  Domain: "domain",
} as const;
export type MatchRule = (typeof MatchRule)[keyof typeof MatchRule];

/** What a ticket or event says about its customer; `name` (the requester's) is shown, never matched on. */
export interface CustomerRef {
  externalId?: string | null;
  email?: string | null;
  name?: string | null;
}

export type { IdentityCustomer };

/** A customer the item may belong to, and the rule that proposed it. */
export interface Candidate extends IdentityCustomer {
  rule: MatchRule;
}

export type Resolution =
  | { status: "matched"; customer: IdentityCustomer; rule: MatchRule }
  | { status: "ambiguous"; candidates: Candidate[]; reason: string }
  | { status: "unmatched"; candidates: []; reason: string };

const MAX_CANDIDATES = 10;

const ids = (cs: IdentityCustomer[]) =>
  `${cs.map((c) => c.externalId).join(", ")}${cs.length >= MAX_CANDIDATES ? ", …" : ""}`;
const some = (n: number) => (n >= MAX_CANDIDATES ? `${n} or more` : String(n));

/**
 * The customer a ticket or event is about, by these rules in order:
 * 1. `externalId` is a customer's id;
 * 2. the email (case-insensitive) is a known contact's (customer_contacts: linked on the Unmatched page or
 *    imported; one customer per address), else a customer's own email (several: ambiguous);
 * 3. the email's domain is owned by exactly one customer (through its email or a contact's), unless it is a
 *    free-mail domain (FREE_MAIL_DOMAINS); several owners: ambiguous.
 * Ambiguous and unmatched results carry the reason in words, and the candidates if any. Takes the database
 * or a transaction's SqlClient; reads only.
 */
export async function resolveCustomer(source: Database | SqlClient, ref: CustomerRef): Promise<Resolution> {
  const sql = "sql" in source ? source.sql : source;
  const externalId = ref.externalId?.trim() || null;
  if (externalId) {
    const byId = await findCustomerByExternalId(sql, externalId);
    if (byId) return { status: "matched", customer: byId, rule: MatchRule.ExternalId };
  }
  const email = normalizeEmail(ref.email);
  const tried = [externalId && `customer_id "${externalId}"`];
  let note = "";
  if (email) {
    const contact = await findContactCustomer(sql, email);
    if (contact) return { status: "matched", customer: contact, rule: MatchRule.ContactEmail };
    const byEmail = await findCustomersByEmail(sql, email, MAX_CANDIDATES);
    if (byEmail.length === 1) return { status: "matched", customer: byEmail[0], rule: MatchRule.Email };
    if (byEmail.length > 1)
      return {
        status: "ambiguous",
        candidates: byEmail.map((c) => ({ ...c, rule: MatchRule.Email })),
        reason: `${some(byEmail.length)} customers have the email ${email}: ${ids(byEmail)}`,
      };
    tried.push(`email "${email}"`);
    const domain = emailDomain(email);
    if (isFreeMailDomain(domain)) note = ` (${domain} is a free-mail domain: not matched by domain)`;
    else {
      const owners = await findDomainOwners(sql, domain, MAX_CANDIDATES);
      if (owners.length === 1) return { status: "matched", customer: owners[0], rule: MatchRule.Domain };
      if (owners.length > 1)
        return {
          status: "ambiguous",
          candidates: owners.map((c) => ({ ...c, rule: MatchRule.Domain })),
          reason: `no customer has the email ${email}, and ${some(owners.length)} customers own the domain ${domain}: ${ids(owners)}`,
        };
      tried.push(`domain ${domain}`);
    }
  } else if (ref.email?.trim()) tried.push(`email "${ref.email.trim()}" (not an email address)`);
  const named = tried.filter(Boolean);
  return {
    status: "unmatched",
    candidates: [],
    reason: named.length ? `no customer with ${named.join(", ")}${note}` : "the item names no customer id or email",
  };
}
