import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCustomerContact, FREE_MAIL_DOMAINS, resolveCustomer } from "../src/identity/index.ts";
import { addCustomers } from "./helpers/outreach-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("resolveCustomer on %s", (dialect) => {
  let t: TestDatabase;
  const matched = async (ref: Parameters<typeof resolveCustomer>[1]) => {
    const r = await resolveCustomer(t.db, ref);
    return r.status === "matched" ? [r.customer.externalId, r.rule] : [r.status, r.reason];
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await addCustomers(t, [
      { customer_id: "ACME", name: "Acme", email: "Billing@Acme.test" },
      { customer_id: "GLOBEX", name: "Globex", email: "ops@globex.test" },
      { customer_id: "INITECH", name: "Initech", email: "it@initech.test" },
      { customer_id: "UMBRELLA", name: "Umbrella", email: "boss@shared.test" },
      { customer_id: "HOOLI", name: "Hooli", email: "ceo@shared.test" },
      { customer_id: "TWIN-A", email: "same@twins.test" },
      { customer_id: "TWIN-B", email: "same@twins.test" },
      { customer_id: "SOLO", name: "Solo", email: "solo.founder@gmail.com" },
    ]);
    await addCustomerContact(t.db, { customerId: "GLOBEX", email: "Maria@Partner-Globex.test", source: "import" });
  });
  afterAll(() => t.drop());

  it("matches by external id first, even when the email says otherwise", async () => {
    expect(await matched({ externalId: "INITECH", email: "billing@acme.test" })).toEqual(["INITECH", "external_id"]);
    // an unknown id falls through to the email
    expect(await matched({ externalId: "NOPE", email: "billing@acme.test" })).toEqual(["ACME", "email"]);
  });

  it("matches the customer's own email exactly, case-insensitively", async () => {
    expect(await matched({ email: "  BILLING@acme.TEST " })).toEqual(["ACME", "email"]);
  });

  it("matches a known contact email, and the contact's domain belongs to its customer", async () => {
    expect(await matched({ email: "maria@partner-globex.test" })).toEqual(["GLOBEX", "contact_email"]);
    expect(await matched({ email: "someone.else@partner-globex.test" })).toEqual(["GLOBEX", "domain"]);
  });

  it("matches by the email's domain when exactly one customer owns it", async () => {
    expect(await matched({ email: "new.person@acme.test", name: "New Person" })).toEqual(["ACME", "domain"]);
  });

  it("never matches by a free-mail domain", async () => {
    expect(FREE_MAIL_DOMAINS).toEqual(expect.arrayContaining(["gmail.com", "outlook.com", "yahoo.com", "icloud.com"]));
    expect(await matched({ email: "solo.founder@gmail.com" })).toEqual(["SOLO", "email"]);
    const r = await resolveCustomer(t.db, { email: "stranger@gmail.com" });
    expect(r).toEqual({
      status: "unmatched",
      candidates: [],
      reason: 'no customer with email "stranger@gmail.com" (gmail.com is a free-mail domain: not matched by domain)',
    });
  });

  it("two customers on a domain: ambiguous, with both as candidates", async () => {
    const r = await resolveCustomer(t.db, { email: "intern@shared.test" });
    expect(r.status).toBe("ambiguous");
    if (r.status !== "ambiguous") return;
    expect(r.candidates.map((c) => [c.externalId, c.name, c.rule])).toEqual([
      ["UMBRELLA", "Umbrella", "domain"],
      ["HOOLI", "Hooli", "domain"],
    ]);
    expect(r.reason).toBe(
      "no customer has the email intern@shared.test, and 2 customers own the domain shared.test: UMBRELLA, HOOLI",
    );
  });

  it("two customers with the same email: ambiguous by email", async () => {
    const r = await resolveCustomer(t.db, { email: "same@twins.test" });
    expect(r).toMatchObject({
      status: "ambiguous",
      reason: "2 customers have the email same@twins.test: TWIN-A, TWIN-B",
    });
  });

  it("says what it tried when nothing matches", async () => {
    expect(await matched({ externalId: "W9", email: "x@nowhere.test" })).toEqual([
      "unmatched",
      'no customer with customer_id "W9", email "x@nowhere.test", domain nowhere.test',
    ]);
    expect(await matched({ name: "Only A Name" })).toEqual(["unmatched", "the item names no customer id or email"]);
  });

  it("a known contact decides between customers sharing an email (a link is explicit)", async () => {
    await addCustomerContact(t.db, { customerId: "TWIN-B", email: "same@twins.test", source: "link" });
    expect(await matched({ email: "same@twins.test" })).toEqual(["TWIN-B", "contact_email"]);
  });
});
