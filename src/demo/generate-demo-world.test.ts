import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoWorld, type DemoProgress, type DemoWorldSummary } from "./index.ts";

type Row = Record<string, string>;
const FILES = ["customers", "agents", "usage", "tickets", "surveys"] as const;
const OPTIONS = { customers: 300, days: 400, seed: 11, end: "2024-06-30" };
const START = "2023-05-28"; // 400 days ending 2024-06-30
const END_MS = Date.parse("2024-07-01T00:00:00Z");
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dir = await mkdtemp(join(tmpdir(), "retain-demo-"));
const outDir = join(dir, "a", "nested");
const progress: DemoProgress[] = [];
let summary: DemoWorldSummary;
const text: Record<string, string> = {};
const data: Record<string, Row[]> = {};

beforeAll(async () => {
  summary = await generateDemoWorld({ ...OPTIONS, outDir, onProgress: (p) => progress.push(p) });
  for (const file of FILES) {
    text[file] = await readFile(join(outDir, `${file}.csv`), "utf8");
    data[file] = parse(text[file], { columns: true });
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const ms = (timestamp: string) => {
  expect(timestamp).toMatch(TIMESTAMP);
  const value = Date.parse(timestamp);
  expect(Number.isFinite(value)).toBe(true);
  return value;
};
const byId = (rows: Row[], column: string) => new Map(rows.map((row) => [row[column], row]));

describe("generateDemoWorld", () => {
  it("is deterministic: same options, same bytes; another seed, other bytes", async () => {
    const again = join(dir, "b");
    const other = join(dir, "c");
    await generateDemoWorld({ ...OPTIONS, outDir: again });
    await generateDemoWorld({ ...OPTIONS, seed: 12, outDir: other });
    for (const file of FILES) {
      expect(await readFile(join(again, `${file}.csv`), "utf8"), file).toBe(text[file]);
    }
    for (const file of ["customers", "usage", "tickets", "surveys"]) {
      expect(await readFile(join(other, `${file}.csv`), "utf8"), file).not.toBe(text[file]);
    }
  }, 60_000);

  it("summarises what it wrote and reports progress up to the last customer", () => {
    expect(summary.start).toBe(START);
    expect(summary.end).toBe(OPTIONS.end);
    for (const file of FILES) {
      expect(summary[file]).toEqual({ path: join(outDir, `${file}.csv`), rows: data[file].length });
    }
    expect(summary.churnedCustomers).toBe(data.customers.filter((c) => c.churn_date !== "").length);
    expect(summary.churnedCustomers + summary.activeCustomers).toBe(OPTIONS.customers);
    expect(progress.at(-1)).toEqual({ phase: "customers", done: 300, total: 300 });
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1].done)).toBe(true);
  });

  it("writes the contract's header rows", () => {
    const headers = Object.fromEntries(FILES.map((file) => [file, text[file].slice(0, text[file].indexOf("\n"))]));
    expect(headers).toEqual({
      customers: "customer_id,name,email,plan,mrr,signup_date,churn_date,segment,timezone,owner_email",
      agents: "agent_id,name,email,team",
      usage: "customer_id,date,metric,value",
      tickets:
        "ticket_id,customer_id,created_at,subject,channel,priority,category,agent_id," +
        "first_response_at,resolved_at,closed_at,status,reopened_count",
      surveys: "response_id,customer_id,kind,score,responded_at,ticket_id,comment",
    });
  });

  it("writes valid customers and agents", () => {
    expect(byId(data.customers, "customer_id").size).toBe(300);
    for (const c of data.customers) {
      expect(c.name).not.toBe("");
      expect(c.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+\.example$/);
      expect(c.plan).toMatch(/Monthly|Annual/);
      expect(c.mrr).toMatch(/^\d+\.\d\d$/);
      expect(c.signup_date).toMatch(DATE);
      expect(c.signup_date <= OPTIONS.end).toBe(true);
      if (c.churn_date !== "") {
        expect(c.churn_date).toMatch(DATE);
        expect(c.churn_date > c.signup_date && c.churn_date >= START && c.churn_date <= OPTIONS.end).toBe(true);
      }
      expect(["SMB", "Mid-Market", "Enterprise"]).toContain(c.segment);
      expect(() => new Intl.DateTimeFormat("en", { timeZone: c.timezone })).not.toThrow();
      if (c.segment !== "SMB") expect(c.owner_email).toMatch(/@cs\.example$/);
    }
    expect(data.customers.some((c) => c.owner_email === "")).toBe(true);
    expect(data.customers.some((c) => /[",]/.test(c.name))).toBe(true);
    expect(data.agents.length).toBe(5);
    expect(new Set(data.agents.map((a) => a.email)).size).toBe(5);
  });

  it("writes usage only while a customer is a customer, positive, once per customer, day and metric", () => {
    const customers = byId(data.customers, "customer_id");
    const keys = new Set<string>();
    const metrics = new Set(["logins", "active_users", "events"]);
    // One expect at the end: per-row expects would make this test slow.
    const bad = data.usage.filter((u) => {
      const c = customers.get(u.customer_id)!;
      keys.add(`${u.customer_id},${u.date},${u.metric}`);
      return (
        !(u.date >= START && u.date <= OPTIONS.end && u.date >= c.signup_date && DATE.test(u.date)) ||
        (c.churn_date !== "" && u.date >= c.churn_date) ||
        !metrics.has(u.metric) ||
        !/^[1-9]\d*$/.test(u.value)
      );
    });
    expect(bad).toEqual([]);
    expect(keys.size).toBe(data.usage.length);
  });

  it("writes tickets with consistent lifecycles, none after churn", () => {
    const customers = byId(data.customers, "customer_id");
    const agents = byId(data.agents, "agent_id");
    expect(byId(data.tickets, "ticket_id").size).toBe(data.tickets.length);
    for (const t of data.tickets) {
      const c = customers.get(t.customer_id)!;
      expect(agents.has(t.agent_id)).toBe(true);
      const created = ms(t.created_at);
      expect(t.created_at.slice(0, 10) >= c.signup_date && t.created_at.slice(0, 10) >= START).toBe(true);
      if (c.churn_date !== "") expect(t.created_at.slice(0, 10) < c.churn_date).toBe(true);
      expect(["email", "chat", "phone", "social", "web", "other"]).toContain(t.channel);
      expect(["low", "normal", "high", "urgent"]).toContain(t.priority);
      expect(["billing", "bug", "how-to", "outage", "account", "feature request"]).toContain(t.category);
      expect(t.reopened_count).toMatch(/^\d+$/);
      const times = [t.first_response_at, t.resolved_at, t.closed_at].filter((x) => x !== "").map(ms);
      expect([created, ...times].every((x, i, all) => i === 0 || x >= all[i - 1])).toBe(true);
      expect(Math.max(created, ...times)).toBeLessThan(END_MS);
      const filled = [t.first_response_at, t.resolved_at, t.closed_at].map((x) => x !== "");
      const expected = { closed: [true, true, true], solved: [true, true, false], pending: [true, false, false] };
      if (t.status === "open") expect(filled.slice(1)).toEqual([false, false]);
      else expect(filled).toEqual(expected[t.status as keyof typeof expected]);
    }
    const statuses = new Set(data.tickets.map((t) => t.status));
    expect(statuses.has("closed") && statuses.size > 1).toBe(true);
    expect(data.tickets.some((t) => /[",]/.test(t.subject))).toBe(true);
    expect(data.tickets.some((t) => Number(t.reopened_count) > 0)).toBe(true);
  });

  it("writes surveys in range, tied to the customer's own tickets, before churn", () => {
    const customers = byId(data.customers, "customer_id");
    const tickets = byId(data.tickets, "ticket_id");
    const ranges = { csat: [1, 5], nps: [0, 10], ces: [1, 7] } as const;
    expect(byId(data.surveys, "response_id").size).toBe(data.surveys.length);
    for (const s of data.surveys) {
      const c = customers.get(s.customer_id)!;
      const [min, max] = ranges[s.kind as keyof typeof ranges];
      expect(s.score).toMatch(/^\d+$/);
      expect(Number(s.score) >= min && Number(s.score) <= max).toBe(true);
      const responded = ms(s.responded_at);
      expect(responded).toBeLessThan(END_MS);
      if (c.churn_date !== "") expect(s.responded_at.slice(0, 10) < c.churn_date).toBe(true);
      if (s.kind === "nps") {
        expect(s.ticket_id).toBe("");
      } else {
        const ticket = tickets.get(s.ticket_id)!;
        expect(ticket.customer_id).toBe(s.customer_id);
        expect(responded).toBeGreaterThanOrEqual(ms(ticket.resolved_at));
      }
    }
    expect(new Set(data.surveys.map((s) => s.kind))).toEqual(new Set(["csat", "nps", "ces"]));
    expect(data.surveys.some((s) => s.comment !== "")).toBe(true);
  });
});
