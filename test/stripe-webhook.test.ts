import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripeSignature, stripeSignatureHeader, stripeUnmatchedProcessor } from "../src/billing/index.ts";
import { isoDateToDay } from "../src/db/index.ts";
import { buildFeatureFrame } from "../src/features/index.ts";
import { linkUnmatched, listUnmatched } from "../src/identity/index.ts";
import { createApp } from "../src/server/index.ts";
import { createFactories } from "./helpers/factories.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const SECRET = "whsec_test_0123456789abcdef";
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const now = () => Math.floor(Date.now() / 1000);

/** A price as Stripe sends it inside a subscription item. */
function price(
  unitAmount: number,
  interval: "month" | "year" | "week",
  options: { count?: number; nickname?: string; currency?: string } = {},
) {
  return {
    id: `price_${unitAmount}_${interval}`,
    object: "price",
    currency: options.currency ?? "usd",
    nickname: options.nickname ?? null,
    product: "prod_retain",
    recurring: { interval, interval_count: options.count ?? 1, usage_type: "licensed" },
    type: "recurring",
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
}

function subscription(
  id: string,
  options: Record<string, unknown> & { items: { price: unknown; quantity?: number }[] },
) {
  const { items, ...rest } = options;
  return {
    id,
    object: "subscription",
    customer: "cus_default",
    status: "active",
    currency: "usd",
    start_date: unix("2026-02-01T00:00:00Z"),
    created: unix("2026-02-01T00:00:00Z"),
    ended_at: null,
    canceled_at: null,
    metadata: {},
    items: {
      object: "list",
      data: items.map((it, i) => ({ id: `si_${id}_${i}`, object: "subscription_item", quantity: 1, ...it })),
    },
    ...rest,
  };
}

let seq = 0;
function event(type: string, object: unknown, created = now()) {
  return {
    id: `evt_${++seq}_${Math.random().toString(36).slice(2, 8)}`,
    object: "event",
    api_version: "2025-04-30.basil",
    created,
    type,
    livemode: false,
    data: { object },
  };
}

describe.each(testDialects())("Stripe webhook on %s", (dialect) => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let off: { url: string; close(): Promise<void> };

  async function send(body: unknown, options: { header?: string; url?: string; timestamp?: number } = {}) {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const header =
      options.header ?? stripeSignatureHeader({ secret: SECRET, timestamp: options.timestamp ?? now(), body: raw });
    const res = await fetch(`${options.url ?? server.url}/api/v1/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header },
      body: raw,
    });
    return { status: res.status, body: await res.json() };
  }

  async function customer(externalId: string) {
    const [row] = await t.db.sql.all<Record<string, unknown>>(
      "SELECT plan, mrr, signup_date, churn_date FROM customers WHERE external_id = ?",
      [externalId],
    );
    const day = (v: unknown) =>
      v === null ? null : new Date(v instanceof Date ? v : String(v)).toISOString().slice(0, 10);
    return { plan: row.plan, mrr: Number(row.mrr), signup: day(row.signup_date), churn: day(row.churn_date) };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const f = createFactories(t.db);
    await f.customers(
      { customer_id: "S1", email: "ops@one.test", signup_date: "2026-03-01", plan: "Legacy", mrr: 10 },
      { customer_id: "S2", email: "billing@two.test", signup_date: "2026-01-01" },
      { customer_id: "S3", email: "shared@dup.test" },
      { customer_id: "S4", email: "shared@dup.test" },
      { customer_id: "S5", signup_date: "2026-01-01" },
    );
    server = await serveApp(
      createApp({ db: t.db, config: { ...t.config, stripeSecret: SECRET }, rateLimitPerMinute: 100_000 }),
    );
    off = await serveApp(createApp({ db: t.db, config: t.config }));
  });
  afterAll(async () => {
    await server?.close();
    await off?.close();
    await t?.drop();
  });

  it("answers 404 naming RETAIN_STRIPE_SECRET when it is not set, and accepts nothing", async () => {
    const res = await send(event("customer.subscription.created", subscription("sub_off", { items: [] })), {
      url: off.url,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("RETAIN_STRIPE_SECRET");
  });

  it("created: a good signature applies plan, MRR from the items and the signup date (matched by metadata)", async () => {
    const sub = subscription("sub_s1", {
      customer: "cus_one",
      metadata: { retain_customer_id: "S1" },
      start_date: unix("2026-02-10T08:00:00Z"),
      items: [{ price: price(2500, "month", { nickname: "Team" }), quantity: 4 }],
    });
    const res = await send(event("customer.subscription.created", sub));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "applied",
      customerId: "S1",
      customer: { plan: "Team Monthly", mrr: 100 },
    });
    expect(await customer("S1")).toEqual({ plan: "Team Monthly", mrr: 100, signup: "2026-02-10", churn: null });
  });

  it("refuses a bad signature, a missing header and another secret's signature (401); any v1 that matches is enough", async () => {
    const body = JSON.stringify(event("customer.subscription.updated", subscription("sub_bad", { items: [] })));
    const t0 = now();
    const wrong = stripeSignature({ secret: "whsec_other_secret_000", timestamp: t0, body });
    expect((await send(body, { header: `t=${t0},v1=${wrong}` })).status).toBe(401);
    expect((await send(body, { header: `t=${t0},v1=${"0".repeat(64)}` })).body.error.message).toContain(
      "bad signature",
    );
    expect((await send(body, { header: "" })).status).toBe(401);
    expect((await send(body, { header: `t=${t0}` })).body.error.message).toContain("Stripe-Signature");
    const tampered = body.replace("sub_bad", "sub_bae");
    expect(
      (await send(tampered, { header: stripeSignatureHeader({ secret: SECRET, timestamp: t0, body }) })).status,
    ).toBe(401);
    const good = stripeSignature({ secret: SECRET, timestamp: t0, body });
    const rolled = await send(body, { header: `t=${t0},v1=${wrong},v1=${good},v0=${"f".repeat(64)}` });
    expect(rolled.status).toBe(202); // signed correctly: no customer to match, so kept as unmatched
  });

  it("refuses a replayed event id (409) and counts it once", async () => {
    const e = event(
      "customer.subscription.updated",
      subscription("sub_s1", {
        customer: "cus_one",
        metadata: { retain_customer_id: "S1" },
        items: [{ price: price(2500, "month", { nickname: "Team" }), quantity: 5 }],
      }),
    );
    expect((await send(e)).status).toBe(200);
    const again = await send(e);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(e.id);
    expect((await customer("S1")).mrr).toBe(125);
  });

  // The exact ±300 s edge is unit-tested with a fixed clock (stripe-signature.test.ts); through HTTP the
  // server's clock moves on while the request travels, so the margins here are 10 s, not 1 s.
  it("holds the timestamp to 5 minutes either way: 290 s old or ahead passes, 310 s old or ahead is stale (401)", async () => {
    const make = () => event("invoice.paid", { id: "in_x", object: "invoice" });
    expect((await send(make(), { timestamp: now() - 290 })).status).toBe(200);
    expect((await send(make(), { timestamp: now() + 290 })).status).toBe(200);
    const stale = await send(make(), { timestamp: now() - 310 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toContain("5 minutes");
    expect((await send(make(), { timestamp: now() + 310 })).status).toBe(401);
  });

  it("MRR: yearly ÷ 12, every 3 months ÷ 3, quantities and several items summed, zero-decimal currencies", async () => {
    const apply = async (items: { price: unknown; quantity?: number }[], currency = "usd") => {
      const sub = subscription("sub_s5", { customer: "cus_five", currency, metadata: { customer_id: "S5" }, items });
      const res = await send(event("customer.subscription.updated", sub));
      expect(res.status).toBe(200);
      return res.body.customer.mrr;
    };
    expect(await apply([{ price: price(120_000, "year", { nickname: "Business" }) }])).toBe(100);
    expect(await customer("S5")).toMatchObject({ plan: "Business Annual" });
    expect(await apply([{ price: price(30_000, "month", { count: 3 }) }])).toBe(100);
    expect(
      await apply([
        { price: price(1_000, "month"), quantity: 3 },
        { price: price(24_000, "year"), quantity: 2 },
      ]),
    ).toBe(70);
    expect(await apply([{ price: price(1_200, "week") }])).toBe(52);
    expect(await apply([{ price: price(12_000, "month", { currency: "jpy" }) }], "jpy")).toBe(12_000);
  });

  it("deleted: the churn date is ended_at, plan and MRR stay (the revenue lost); an older update arriving later is ignored", async () => {
    const sub = subscription("sub_s2", {
      customer: { id: "cus_two", object: "customer", email: "billing@two.test", metadata: {} },
      items: [{ price: price(9_900, "month", { nickname: "Pro" }) }],
    });
    const created = await send(event("customer.subscription.created", sub, now() - 60));
    expect(created.body).toMatchObject({ status: "applied", customerId: "S2" }); // by the expanded customer's email
    const ended = {
      ...sub,
      status: "canceled",
      canceled_at: unix("2026-06-01T10:00:00Z"),
      ended_at: unix("2026-06-03T10:00:00Z"),
    };
    expect((await send(event("customer.subscription.deleted", ended, now()))).status).toBe(200);
    expect(await customer("S2")).toEqual({ plan: "Pro Monthly", mrr: 99, signup: "2026-01-01", churn: "2026-06-03" });
    const late = await send(event("customer.subscription.updated", sub, now() - 30));
    expect(late.body).toMatchObject({ status: "ignored", reason: expect.stringContaining("already applied") });
    expect((await customer("S2")).churn).toBe("2026-06-03");
  });

  it("unmatched and ambiguous customers are kept as unmatched (202) with the reason, and change nothing", async () => {
    const nobody = subscription("sub_x", {
      customer: "cus_nobody",
      metadata: { retain_customer_id: "NOPE" },
      items: [],
    });
    const res = await send(event("customer.subscription.created", nobody));
    expect(res.status).toBe(202);
    expect(res.body.reason).toContain('"NOPE"');
    const invoice = {
      id: "in_dup",
      object: "invoice",
      customer: "cus_dup",
      customer_email: "shared@dup.test",
      amount_due: 500,
      currency: "usd",
    };
    const dup = await send(event("invoice.payment_failed", invoice));
    expect(dup.status).toBe(202);
    expect(dup.body.reason).toContain("2 customers have the email shared@dup.test");
    const rows = await t.db.sql.all<{ outcome: string; payload: string | null }>(
      "SELECT outcome, payload FROM billing_events WHERE object_id IN ('sub_x', 'in_dup')",
    );
    expect(rows.map((r) => r.outcome)).toEqual(["unmatched", "unmatched"]);
    expect(rows.every((r) => r.payload && JSON.parse(r.payload).id)).toBe(true);
  });

  it("invoice.payment_failed is recorded (by the Stripe customer learnt, by email) and is the feature, point in time", async () => {
    const failedAt = unix("2026-05-10T12:00:00Z");
    const invoice = {
      id: "in_1",
      object: "invoice",
      customer: "cus_five",
      customer_email: null,
      amount_due: 9_900,
      currency: "usd",
    };
    const res = await send(event("invoice.payment_failed", invoice, failedAt));
    expect(res.body).toMatchObject({ status: "applied", customerId: "S5" });
    const other = {
      id: "in_2",
      object: "invoice",
      customer: "cus_new",
      customer_email: "OPS@one.test",
      amount_due: 1_250,
      currency: "eur",
    };
    expect((await send(event("invoice.payment_failed", other, unix("2026-04-01T00:00:00Z")))).body.customerId).toBe(
      "S1",
    );
    const rows = await t.db.sql.all<{ object_id: string; amount: number; currency: string }>(
      "SELECT object_id, amount, currency FROM billing_events WHERE object_id IN ('in_1', 'in_2') ORDER BY object_id",
    );
    expect(rows.map((r) => [r.object_id, Number(r.amount), r.currency])).toEqual([
      ["in_1", 99, "USD"],
      ["in_2", 12.5, "EUR"],
    ]);

    const featureAt = async (day: string, id: string) => {
      const frame = await buildFeatureFrame({ db: t.db, asOfDay: isoDateToDay(day), dataEndDay: null });
      return frame.rows.find((r) => r.externalId === id)?.values.failed_payment_30d;
    };
    expect(await featureAt("2026-05-10", "S5")).toBe(0); // the failure is at noon: after T
    expect(await featureAt("2026-05-11", "S5")).toBe(1);
    expect(await featureAt("2026-06-02", "S5")).toBe(1); // 22 days after
    expect(await featureAt("2026-06-09", "S5")).toBe(1); // 29.5 days after
    expect(await featureAt("2026-06-10", "S5")).toBe(0); // the window [T − 30 d, T) starts 2026-05-11: out
    expect(await featureAt("2026-04-15", "S1")).toBe(1);
    expect(await featureAt("2026-05-11", "S1")).toBe(0); // 40 days after its failure
  });

  it("an unmatched event waits in the unmatched queue (kind billing); linked to a customer, it is applied", async () => {
    const sub = subscription("sub_q", {
      customer: "cus_queue",
      metadata: { retain_customer_id: "LATER" },
      items: [{ price: price(4_000, "month", { nickname: "Starter" }), quantity: 2 }],
    });
    const e = event("customer.subscription.created", sub);
    expect((await send(e)).status).toBe(202);
    const { items } = await listUnmatched(t.db, { kind: "billing" });
    const item = items.find((i) => i.eventId === e.id)!;
    expect(item).toMatchObject({ source: "stripe", externalId: "sub_q", subject: "customer.subscription.created" });
    expect(item.reason).toContain('"LATER"');
    const linked = await linkUnmatched(t.db, {
      id: item.id,
      customerId: "S4",
      actor: "csm@test",
      processors: { billing: stripeUnmatchedProcessor({ db: t.db }) },
    });
    expect(linked.outcome).toContain("applied to S4");
    expect(await customer("S4")).toMatchObject({ plan: "Starter Monthly", mrr: 80 });
    // The Stripe customer is known now: its next event matches by itself.
    const next = await send(event("invoice.payment_failed", { id: "in_q", object: "invoice", customer: "cus_queue" }));
    expect(next.body).toMatchObject({ status: "applied", customerId: "S4" });
  });
});
