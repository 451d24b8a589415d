import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/index.ts";
import { createApiKey } from "../src/auth/index.ts";
import { buildKpiReport, parseKpiOptions, type KpiOptionsInput, type KpiReport } from "../src/kpi/index.ts";
import { createFactories } from "./helpers/factories.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

// Hand-computed worlds. P = May 2026 unless a test says otherwise; W = 30 days.

/**
 * CRR world, now = 2026-06-20: a window ended when the interaction was on or before 05-21.
 * Runs: R0 04-28 (before P: A10), R1 05-05 (A1 A2 A3 A4 A7 A8 A12 A13 at risk; A11 scored, not at risk),
 * R2 05-12 (A2 again, A5, A6), R3 05-19 unfinished (A9: ignored).
 */
async function seedCrrWorld(t: TestDatabase): Promise<void> {
  const f = createFactories(t.db);
  await f.agents({ agent_id: "G1", name: "Gwen" }, { agent_id: "G2", name: "Gus" });
  const pro = { plan: "Pro" };
  const basic = { plan: "Basic" };
  await f.customers(
    { customer_id: "A1", ...pro },
    { customer_id: "A2", ...pro },
    { customer_id: "A3", churn_date: "2026-06-01", ...pro },
    { customer_id: "A4", churn_date: "2026-05-09", ...pro },
    { customer_id: "A5", ...basic },
    { customer_id: "A6", churn_date: "2026-06-10", ...basic },
    { customer_id: "A7", churn_date: "2026-06-25", ...basic },
    { customer_id: "A8", ...basic },
    { customer_id: "A9", ...basic },
    { customer_id: "A10", ...basic },
    { customer_id: "A11", ...basic },
    { customer_id: "A12", churn_date: "2026-06-10", ...basic },
    { customer_id: "A13", churn_date: "2026-06-10", ...basic },
    { customer_id: "B1", churn_date: "2026-05-01", mrr: 200, ...pro }, // churns on the first day of P: at the start, churned in P
    { customer_id: "N1", signup_date: "2026-05-15", mrr: 50, ...pro }, // new in P
    { customer_id: "N2", signup_date: "2026-05-03", churn_date: "2026-05-20", mrr: 70, ...pro }, // new and churned in P
    { customer_id: "O1", signup_date: "2025-01-01", churn_date: "2026-04-10", mrr: 999, ...basic }, // gone before P
    { customer_id: "O2", signup_date: "2026-06-05", mrr: 999, ...basic }, // signs up after P
  );
  const closed = (customer_id: string, closed_at: string, channel: string, agent_id: string) => ({
    customer_id,
    closed_at,
    channel,
    agent_id,
  });
  await f.tickets(
    closed("A1", "2026-05-10T00:00:00Z", "email", "G1"),
    closed("A2", "2026-05-07T00:00:00Z", "chat", "G1"), // between its two flags: after the first, counts
    closed("A3", "2026-05-03T00:00:00Z", "chat", "G1"), // before its flag: not the interaction
    closed("A3", "2026-05-15T00:00:00Z", "email", "G2"),
    closed("A4", "2026-05-12T00:00:00Z", "phone", "G2"), // closes after A4 churned (05-09)
    closed("A5", "2026-05-28T00:00:00Z", "chat", "G1"), // window ends 06-27 > now: pending
    closed("A6", "2026-05-25T00:00:00Z", "email", "G2"), // window open, but churned 06-10 ≤ now
    closed("A7", "2026-05-26T00:00:00Z", "chat", "G1"), // churns 06-25, after now: pending
    closed("A8", "2026-06-02T00:00:00Z", "email", "G1"), // after P: no interaction
    closed("A9", "2026-05-20T00:00:00Z", "email", "G2"),
    closed("A10", "2026-04-29T00:00:00Z", "email", "G2"),
    closed("A12", "2026-05-10T12:00:00Z", "email", "G2"), // churn 06-10 00:00 > 06-09 12:00: retained
    closed("A13", "2026-05-11T00:00:00Z", "phone", "G1"), // churn exactly at interaction + 30 d: churned
    { customer_id: "A5", created_at: "2026-06-01T00:00:00Z" }, // open now
    { customer_id: "A5", created_at: "2026-06-15T00:00:00Z" }, // open now
    { customer_id: "A2", created_at: "2026-06-10T00:00:00Z", resolved_at: "2026-06-25T00:00:00Z" }, // resolved after now: open now
  );
  await f.riskRun({ asOf: "2026-04-28", atRisk: ["A10"] });
  await f.riskRun({
    asOf: "2026-05-05",
    atRisk: ["A1", "A2", "A3", "A4", "A7", "A8", "A12", "A13"],
    notAtRisk: ["A11"],
  });
  await f.riskRun({ asOf: "2026-05-12", atRisk: ["A2", "A5", "A6"] });
  await f.riskRun({ asOf: "2026-05-19", status: "building", atRisk: ["A9"] });
}

/**
 * Ticket world, now = 2026-07-01 (every window of an interaction in P has ended).
 * Tickets created in P: K1–K7; K8 created before P, resolved in P.
 */
async function seedTicketWorld(t: TestDatabase): Promise<void> {
  const f = createFactories(t.db);
  await f.agents({ agent_id: "G1", name: "Gwen" }, { agent_id: "G2", name: "Gus" });
  await f.customers(
    { customer_id: "T1", plan: "Pro" },
    { customer_id: "T2", plan: "Pro" },
    { customer_id: "T3", plan: "Basic" },
    { customer_id: "T4", plan: "Basic", churn_date: "2026-05-20" },
    { customer_id: "T5", plan: "Basic", churn_date: "2026-06-01" },
    { customer_id: "T6", plan: "Basic" },
  );
  const at = (day: string, hours = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000).toISOString();
  await f.tickets(
    {
      ticket_id: "K1",
      customer_id: "T1",
      channel: "email",
      agent_id: "G1",
      created_at: at("2026-05-02"),
      first_response_at: at("2026-05-02", 2),
      resolved_at: at("2026-05-02", 3),
      closed_at: at("2026-05-04"),
    },
    {
      ticket_id: "K2",
      customer_id: "T2",
      channel: "chat",
      agent_id: "G1",
      created_at: at("2026-05-03"),
      first_response_at: at("2026-05-03", 1),
      resolved_at: at("2026-05-03", 10),
      closed_at: at("2026-05-05"),
    },
    {
      ticket_id: "K3",
      customer_id: "T3",
      channel: "chat",
      agent_id: "G2",
      created_at: at("2026-05-04"),
      first_response_at: at("2026-05-04", 4),
      closed_at: at("2026-05-06"),
    },
    {
      ticket_id: "K4",
      customer_id: "T4",
      channel: "phone",
      agent_id: "G2",
      created_at: at("2026-05-05"),
      first_response_at: at("2026-05-05", 0.5),
      resolved_at: at("2026-05-05", 100),
      closed_at: at("2026-05-10"),
    },
    {
      ticket_id: "K5",
      customer_id: "T5",
      channel: "email",
      agent_id: "G2",
      created_at: at("2026-05-06"),
      first_response_at: at("2026-05-06", 6),
      resolved_at: at("2026-05-06", 200),
      closed_at: at("2026-05-15"),
    },
    {
      ticket_id: "K6",
      customer_id: "T6",
      channel: "email",
      created_at: at("2026-05-30"),
      first_response_at: at("2026-05-30", 3),
      resolved_at: at("2026-05-30", 96),
    },
    { ticket_id: "K7", customer_id: "T1", channel: "web", agent_id: "G1", created_at: at("2026-05-31", 12) },
    {
      ticket_id: "K8",
      customer_id: "T2",
      channel: "email",
      agent_id: "G1",
      created_at: at("2026-04-28"),
      resolved_at: at("2026-05-01", 6),
      closed_at: at("2026-05-02"),
    },
  );
  const answer = (customer_id: string, kind: string, score: number, responded_at = "2026-05-15T00:00:00Z") => ({
    customer_id,
    kind,
    score,
    responded_at,
  });
  await f.surveys(
    answer("T1", "csat", 5),
    answer("T2", "csat", 4),
    answer("T3", "csat", 3),
    answer("T4", "csat", 1),
    answer("T1", "csat", 1, "2026-04-30T23:59:59Z"),
    answer("T1", "nps", 10),
    answer("T1", "nps", 9),
    answer("T3", "nps", 9),
    answer("T3", "nps", 8),
    answer("T4", "nps", 6),
    answer("T5", "nps", 0),
    answer("T1", "ces", 7),
    answer("T2", "ces", 5),
    answer("T3", "ces", 3),
    answer("T3", "ces", 1, "2026-06-01T00:00:00Z"),
  );
}

const CRR_INPUT: KpiOptionsInput = { period: "2026-05", now: "2026-06-20", windowDays: "30" };
const TICKET_INPUT: KpiOptionsInput = { period: "2026-05", now: "2026-07-01", windowDays: "30" };

describe.each(testDialects())("KPIs on %s", (dialect) => {
  let crrWorld: TestDatabase;
  let ticketWorld: TestDatabase;
  const report = (t: TestDatabase, input: KpiOptionsInput): Promise<KpiReport> =>
    buildKpiReport(t.db, parseKpiOptions(input));

  beforeAll(async () => {
    [crrWorld, ticketWorld] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
    await Promise.all([seedCrrWorld(crrWorld), seedTicketWorld(ticketWorld)]);
  });
  afterAll(() => Promise.all([crrWorld, ticketWorld].map((t) => t?.drop())));

  it("CRR: the at-risk cohort once each, complete runs in P only, pending and churned apart", async () => {
    const { crr } = await report(crrWorld, CRR_INPUT);
    // Cohort: A1 A2 A3 A4 A5 A6 A7 A8 A12 A13 (A2 flagged twice; A9 only in an unfinished run; A10 before P; A11 not at risk).
    // Retained A1 A2 A12; churned A3 A4 (before its ticket closed) A6 (window open) A13 (at exactly +30 d); pending A5 A7; none A8.
    expect(crr).toMatchObject({ denominator: 10, numerator: 3, churned: 4, pending: 2, noInteraction: 1 });
    expect(crr.rate).toBeCloseTo(30, 9);
    expect(crr.decided).toMatchObject({ n: 7, retained: 3, churned: 4, pending: 2 });
    expect(crr.decided.rate).toBeCloseTo(300 / 7, 9);
    expect(crr.decided.ci95[0]).toBeCloseTo(15.82, 2);
    expect(crr.decided.ci95[1]).toBeCloseTo(74.95, 2);
  });

  it("CRR: a later now ends the pending windows; a longer window turns A12 into churned", async () => {
    const later = (await report(crrWorld, { ...CRR_INPUT, now: "2026-07-01" })).crr;
    // A5 retained (window ended 06-27, no churn); A7 churned 06-25 within its window (ends 06-25): churned.
    expect(later).toMatchObject({ denominator: 10, numerator: 4, churned: 5, pending: 0, noInteraction: 1 });
    const longer = (await report(crrWorld, { ...CRR_INPUT, now: "2026-09-01", windowDays: "60" })).crr;
    // W = 60: A1 A2 A5 stay; A12 (churn 06-10) and A7 now churn inside their windows.
    expect(longer).toMatchObject({ numerator: 3, churned: 6, pending: 0, noInteraction: 1 });
  });

  it("customer retention, churn, revenue churn, CLV and cost per retained customer", async () => {
    const r = await report(crrWorld, { ...CRR_INPUT, spend: "600" });
    // S = A1–A13 + B1 = 14; N = N1 N2; churned in P = A4 B1 N2; E = 14 + 2 − 3 = 13.
    expect(r.customers).toMatchObject({
      atStart: 14,
      atEnd: 13,
      new: 2,
      churned: 3,
      mrrAtStart: 1500,
      mrrChurned: 370,
    });
    expect(r.customers.retentionRate).toBeCloseTo((11 / 14) * 100, 9);
    expect(r.customers.churnRate).toBeCloseTo((3 / 14) * 100, 9);
    expect(r.customers.revenueChurnRate).toBeCloseTo((370 / 1500) * 100, 9);
    expect(r.value.arpa).toBeCloseTo(1500 / 14, 9);
    expect(r.value.monthlyChurnRate).toBeCloseTo((3 / 14) * 100, 9);
    expect(r.value.clv).toBeCloseTo(500, 6); // (1500/14) / (3/14)
    expect(r.value).toMatchObject({ spend: 600, costPerRetained: 200 }); // 600 / 3 retained
    expect(r.period).toEqual({ label: "2026-05", firstDay: "2026-05-01", lastDay: "2026-05-31", days: 31, months: 1 });
  });

  it("by plan: customer KPIs, CLV and CRR per plan", async () => {
    const { breakdown } = await report(crrWorld, { ...CRR_INPUT, by: "plan" });
    expect(breakdown!.by).toBe("plan");
    const [basic, pro] = breakdown!.rows;
    expect(breakdown!.rows.map((r) => r.key)).toEqual(["Basic", "Pro"]);
    expect(pro.customers).toMatchObject({ atStart: 5, atEnd: 4, new: 2, churned: 3, retentionRate: 40, churnRate: 60 });
    expect(basic.customers).toMatchObject({
      atStart: 9,
      atEnd: 9,
      new: 0,
      churned: 0,
      retentionRate: 100,
      churnRate: 0,
    });
    expect(basic.value!.clv).toBeNull(); // nobody churned
    expect(pro.crr).toMatchObject({ denominator: 4, numerator: 2, churned: 2, pending: 0, noInteraction: 0 });
    expect(basic.crr).toMatchObject({ denominator: 6, numerator: 1, churned: 2, pending: 2, noInteraction: 1 });
    expect(pro.tickets).toBeUndefined();
  });

  it("by channel and by agent: CRR by the interaction ticket", async () => {
    const byChannel = (await report(crrWorld, { ...CRR_INPUT, by: "channel" })).breakdown!.rows;
    const crr = Object.fromEntries(byChannel.map((r) => [r.key, r.crr]));
    expect(Object.keys(crr)).toEqual(["chat", "email", "phone", "(none)"]);
    expect(crr.email).toMatchObject({ denominator: 4, numerator: 2, churned: 2, pending: 0 });
    expect(crr.chat).toMatchObject({ denominator: 3, numerator: 1, churned: 0, pending: 2 });
    expect(crr.phone).toMatchObject({ denominator: 2, numerator: 0, churned: 2 });
    expect(crr["(none)"]).toMatchObject({ denominator: 1, noInteraction: 1 });
    const byAgent = (await report(crrWorld, { ...CRR_INPUT, by: "agent" })).breakdown!.rows;
    const g1 = byAgent.find((r) => r.key === "G1")!;
    expect(g1.name).toBe("Gwen");
    // G1 interactions: A1 ret, A2 ret, A5 pending, A7 pending, A13 churned.
    expect(g1.crr).toMatchObject({ denominator: 5, numerator: 2, churned: 1, pending: 2 });
    expect(g1.customers).toBeUndefined();
  });

  it("by month: every KPI per calendar month, each month its own period", async () => {
    const r = await report(crrWorld, { ...CRR_INPUT, period: "2026-04-20..2026-05-31" });
    // Whole range: A10 (run 04-28, ticket 04-29, stays) joins the cohort and is retained.
    expect(r.crr).toMatchObject({ denominator: 11, numerator: 4 });
    expect(r.period).toMatchObject({ days: 42, firstDay: "2026-04-20", lastDay: "2026-05-31" });
    expect(r.period.months).toBeCloseTo(42 / (365.25 / 12), 9);
    const months = (await report(crrWorld, { ...CRR_INPUT, period: "2026-04-20..2026-05-31", by: "month" })).breakdown!
      .rows;
    expect(months.map((m) => [m.key, m.period])).toEqual([
      ["2026-04", { firstDay: "2026-04-20", lastDay: "2026-04-30" }],
      ["2026-05", { firstDay: "2026-05-01", lastDay: "2026-05-31" }],
    ]);
    expect(months[0].crr).toMatchObject({ denominator: 1, numerator: 1 });
    expect(months[0].customers).toMatchObject({ atStart: 14, atEnd: 14, new: 0, churned: 0 });
    expect(months[1].crr).toMatchObject({ denominator: 10, numerator: 3, pending: 2 });
    expect(months[1].customers).toMatchObject({ atStart: 14, atEnd: 13 });
  });

  it("analyses: at-risk customers of the latest complete run by tickets open now; agents with intervals", async () => {
    const { analyses } = await report(crrWorld, CRR_INPUT);
    expect(analyses.atRiskOpenTickets).toMatchObject({ runAsOf: "2026-05-12", atRisk: 3, withOpenTickets: 2 });
    expect(analyses.atRiskOpenTickets.customers.map((c) => [c.customerId, c.openTickets, c.oldestOpenAt])).toEqual([
      ["A5", 2, "2026-06-01T00:00:00.000Z"],
      ["A2", 1, "2026-06-10T00:00:00.000Z"],
    ]);
    // G1 served A1 ret, A2 ret, A3 (05-03, churned 06-01), A13 churned, A5 A7 pending; G2: A3 A4 A6 churned, A9 A12 retained.
    expect(analyses.agents.map((a) => [a.rank, a.agentId, a.n, a.retained, a.pending])).toEqual([
      [1, "G1", 4, 2, 2],
      [2, "G2", 5, 2, 0],
    ]);
    expect(analyses.agents[0].ci95[0]).toBeCloseTo(15.0, 1);
    expect(analyses.agents[0].ci95[1]).toBeCloseTo(85.0, 1);
  });

  it("satisfaction: CSAT share 4–5, NPS, mean CES of answers in P, also by plan", async () => {
    const r = await report(ticketWorld, { ...TICKET_INPUT, by: "plan" });
    expect(r.satisfaction.csat).toEqual({ responses: 4, satisfied: 2, score: 50 });
    expect(r.satisfaction.nps.responses).toBe(6);
    expect(r.satisfaction.nps).toMatchObject({ promoters: 3, detractors: 2 });
    expect(r.satisfaction.nps.score).toBeCloseTo(100 / 6, 9);
    expect(r.satisfaction.ces).toEqual({ responses: 3, mean: 5 });
    const plan = Object.fromEntries(r.breakdown!.rows.map((row) => [row.key, row.satisfaction!]));
    expect(plan.Pro.csat.score).toBe(100);
    expect(plan.Basic.csat.score).toBe(0);
    expect(plan.Pro.nps.score).toBe(100);
    expect(plan.Basic.nps.score).toBe(-25);
  });

  it("tickets created in P: response and resolution medians and means, resolution rate, volume by channel", async () => {
    const { tickets } = await report(ticketWorld, TICKET_INPUT);
    expect(tickets).toMatchObject({ created: 7, resolvedByEnd: 5, byChannel: { email: 3, chat: 2, phone: 1, web: 1 } });
    expect(tickets.firstResponse.n).toBe(6);
    expect(tickets.firstResponse.medianHours).toBeCloseTo(2.5, 6);
    expect(tickets.firstResponse.meanHours).toBeCloseTo(2.75, 6);
    expect(tickets.resolution.n).toBe(6);
    expect(tickets.resolution.medianHours).toBeCloseTo(72, 6);
    expect(tickets.resolution.meanHours).toBeCloseTo(457 / 6, 6);
    expect(tickets.resolutionRate).toBeCloseTo((5 / 7) * 100, 9);
  });

  it("by channel and by agent: ticket KPIs per value", async () => {
    const channel = Object.fromEntries(
      (await report(ticketWorld, { ...TICKET_INPUT, by: "channel" })).breakdown!.rows.map((r) => [r.key, r.tickets!]),
    );
    expect(channel.email).toMatchObject({ created: 3, resolvedByEnd: 2 });
    expect(channel.email.firstResponse.medianHours).toBeCloseTo(3, 6);
    expect(channel.email.resolution.medianHours).toBeCloseTo(96, 6);
    expect(channel.chat.resolution.medianHours).toBeCloseTo(29, 6);
    expect(channel.web).toMatchObject({
      created: 1,
      resolvedByEnd: 0,
      resolutionRate: 0,
      firstResponse: { n: 0, medianHours: null, meanHours: null },
    });
    const agent = Object.fromEntries(
      (await report(ticketWorld, { ...TICKET_INPUT, by: "agent" })).breakdown!.rows.map((r) => [r.key, r.tickets!]),
    );
    expect(Object.keys(agent)).toEqual(["G1", "G2", "(none)"]);
    expect(agent.G1.firstResponse.medianHours).toBeCloseTo(1.5, 6);
    expect(agent.G1.resolution.medianHours).toBeCloseTo(6.5, 6);
    expect(agent.G2.resolution.medianHours).toBeCloseTo(100, 6);
    expect(agent["(none)"]).toMatchObject({ created: 1, resolvedByEnd: 0 });
  });

  it("analyses: retention by resolution-time bucket and channel of each customer's first ticket resolved in P", async () => {
    const { analyses } = await report(ticketWorld, TICKET_INPUT);
    const res = analyses.retentionByResolutionTime;
    // T1 K1 3 h ret; T2 K8 (first resolved in P, 78 h) ret; T3 K3 48 h ret; T4 K4 100 h churned; T5 K5 200 h churned.
    expect(res.buckets.map((b) => [b.bucket, b.n, b.retained])).toEqual([
      ["<4 h", 1, 1],
      ["4–24 h", 0, 0],
      ["1–3 d", 1, 1],
      ["3–7 d", 2, 1],
      [">7 d", 1, 0],
    ]);
    expect(res.buckets[1].ci95).toEqual([0, 100]);
    expect(res.fasterPays).toBe(false); // one or two customers per bucket: nothing is clear
    const channels = Object.fromEntries(analyses.retentionByChannel.map((c) => [c.channel, [c.n, c.retained]]));
    expect(channels).toEqual({ email: [3, 2], chat: [1, 1], phone: [1, 0] });
    expect(analyses.agents.map((a) => [a.agentId, a.n, a.retained])).toEqual([
      ["G1", 2, 2],
      ["G2", 3, 1],
    ]);
  });

  it("bad input is refused with what was expected and what was found", async () => {
    expect(() => parseKpiOptions({ period: "2026-13" })).toThrow(
      'period: expected YYYY-Qn (2026-Q2), YYYY-MM (2026-05) or YYYY-MM-DD..YYYY-MM-DD (inclusive end day), found "2026-13"',
    );
    expect(() => parseKpiOptions({ period: "2030-Q1", now: "2026-06-01" })).toThrow(/starts before now \(2026-06-01\)/);
  });

  it("CLI: --json prints the report on the last line; a bad --period exits 2", async () => {
    const ok = await runCli(
      ["kpi", "--period", "2026-05", "--now", "2026-06-20", "--window-days", "30", "--json"],
      crrWorld.env,
    );
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(lastJsonLine(ok.stdout).crr).toMatchObject({ denominator: 10, numerator: 3, pending: 2 });
    const text = await runCli(
      ["kpi", "--period", "2026-05", "--now", "2026-06-20", "--window-days", "30", "--by", "plan"],
      crrWorld.env,
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("CRR (retained after support / at risk)");
    expect(text.stdout).toMatch(/CRR among decided windows\s+42\.9 %\s+3 of 7 \[15\.8–75\.0\]/);
    const early = await runCli(
      ["kpi", "--period", "2026-05", "--now", "2026-05-02", "--window-days", "30"],
      crrWorld.env,
    );
    expect(early.code).toBe(0);
    const crrLine = early.stdout.split("\n").find((l) => l.startsWith("CRR (retained after support / at risk)"));
    expect(crrLine).toMatch(
      /\)\s+–\s+not yet: the 30-day windows of this period's at-risk customers end on 2026-06-06 to 2026-06-27; 0 of 10/,
    );
    const bad = await runCli(["kpi", "--period", "May"], crrWorld.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--period: expected YYYY-Qn (2026-Q2), YYYY-MM (2026-05) or YYYY-MM-DD..YYYY-MM-DD (inclusive end day), found "May"',
    );
  });

  it("HTTP: GET /api/v1/kpis for any role; a bad period is a 400 in the API's error shape", async () => {
    const { key } = await createApiKey(crrWorld.db, { role: "viewer" });
    const server = await serveApp(createApp({ db: crrWorld.db, config: crrWorld.config }));
    try {
      const get = async (query: string) => {
        const res = await fetch(`${server.url}/api/v1/kpis?${query}`, { headers: { authorization: `Bearer ${key}` } });
        return { status: res.status, body: await res.json() };
      };
      const ok = await get("period=2026-05&now=2026-06-20&windowDays=30&by=segment");
      expect(ok.status).toBe(200);
      expect(ok.body.crr).toMatchObject({ denominator: 10, numerator: 3 });
      expect(ok.body.breakdown.by).toBe("segment");
      const bad = await get("period=2026-5");
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({
        error: { code: "BAD_INPUT", message: expect.stringContaining("period: expected YYYY-Qn") },
      });
      const unknown = await get("window_days=30");
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'expected query parameters period, by, windowDays, spend, now, found "window_days"',
      );
    } finally {
      await server.close();
    }
  });
});
