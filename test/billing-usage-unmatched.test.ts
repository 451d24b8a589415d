import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripeSignatureHeader } from "../src/billing/index.ts";
import { isoDateToDay } from "../src/db/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { createFactories } from "./helpers/factories.ts";
import { testOutreach } from "./helpers/outreach-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const SECRET = "whsec_link_test_000000";
const WRITE_KEY = "wk_link_test_0000";

/** The server as `retain serve` wires it: outreach's unmatched processors behind the Unmatched API. */
describe.each(testDialects())(
  "Stripe and Segment items of the unmatched queue, linked by the API, on %s",
  (dialect) => {
    let t: TestDatabase;
    let api: ApiClient;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      await createFactories(t.db).customers({ customer_id: "K1", email: "k1@kappa.test", mrr: 0 });
      api = await startApiClient(t, {
        config: { ...t.config, stripeSecret: SECRET, segmentWriteKey: WRITE_KEY },
        outreach: testOutreach(t, { clock: { now: new Date() } }),
      });
    });
    afterAll(async () => {
      await api?.close();
      await t?.drop();
    });

    const openItem = async (kind: string, eventId: string) => {
      const res = await api.call("GET", `/api/v1/unmatched?kind=${kind}`, { key: api.keys.csm });
      expect(res.status).toBe(200);
      return res.body.items.find((i: { eventId: string }) => i.eventId === eventId);
    };

    it("a Stripe subscription for an unknown customer, linked to K1, sets K1's plan and MRR", async () => {
      const body = JSON.stringify({
        id: "evt_link_1",
        object: "event",
        type: "customer.subscription.created",
        created: Math.floor(Date.now() / 1000),
        data: {
          object: {
            id: "sub_link",
            object: "subscription",
            customer: "cus_link",
            status: "active",
            start_date: Math.floor(Date.parse("2025-06-01T00:00:00Z") / 1000),
            metadata: { retain_customer_id: "crm-991" },
            items: {
              data: [
                { quantity: 3, price: { nickname: "Seat", unit_amount: 1_500, recurring: { interval: "month" } } },
              ],
            },
          },
        },
      });
      const header = stripeSignatureHeader({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body });
      const sent = await api.call("POST", "/api/v1/webhooks/stripe", {
        key: null,
        raw: body,
        headers: { "stripe-signature": header, "content-type": "application/json" },
      });
      expect(sent.status).toBe(202);
      const item = await openItem("billing", "evt_link_1");
      expect(item).toMatchObject({ source: "stripe", externalId: "sub_link" });
      const link = await api.call("POST", `/api/v1/unmatched/${item.id}/link`, {
        key: api.keys.csm,
        body: { customerId: "K1" },
      });
      expect(link.status).toBe(200);
      expect(link.body.outcome).toBe("customer.subscription.created applied to K1");
      const [row] = await t.db.sql.all<{ plan: string; mrr: number }>(
        "SELECT plan, mrr FROM customers WHERE external_id = 'K1'",
      );
      expect({ plan: row.plan, mrr: Number(row.mrr) }).toEqual({ plan: "Seat Monthly", mrr: 45 });
    });

    it("a track event from an unknown user, linked to K1, counts in K1's usage", async () => {
      const authorization = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`;
      const sent = await api.call("POST", "/api/v1/track", {
        key: null,
        headers: { authorization },
        body: { userId: "u-404", event: "Invoice Sent", timestamp: "2026-04-02T12:00:00Z", messageId: "link-m1" },
      });
      expect(sent.status).toBe(400);
      const item = await openItem("event", "link-m1");
      expect(item).toMatchObject({ source: "segment", subject: "Invoice Sent" });
      const link = await api.call("POST", `/api/v1/unmatched/${item.id}/link`, {
        key: api.keys.csm,
        body: { customerId: "K1" },
      });
      expect(link.status).toBe(200);
      const [usage] = await t.db.sql.all<{ value: number }>(
        `SELECT u.value FROM usage u JOIN metrics m ON m.id = u.metric_id JOIN customers c ON c.id = u.customer_id
       WHERE c.external_id = 'K1' AND m.name = 'invoice_sent' AND u.day = ?`,
        [isoDateToDay("2026-04-02")],
      );
      expect(Number(usage.value)).toBe(1);
    });
  },
);
