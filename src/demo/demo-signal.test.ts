import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEpochDay, weekdayOf } from "./epoch-day.ts";
import { generateDemoWorld } from "./index.ts";

// The churn signal must be real: these checks are what a churn model and the KPI pages rely on.
type Row = Record<string, string>;
const END = parseEpochDay("2024-06-30")!;
const START = END - 539;
const dir = await mkdtemp(join(tmpdir(), "retain-demo-signal-"));
let customers: Row[];
let surveys: Row[];
/** customer id → (epoch day → active users). */
const activeUsers = new Map<string, Map<number, number>>();

beforeAll(async () => {
  await generateDemoWorld({ outDir: dir, customers: 3000, days: 540, seed: 7, end: "2024-06-30" });
  const read = async (file: string): Promise<Row[]> =>
    parse(await readFile(join(dir, file), "utf8"), { columns: true });
  customers = await read("customers.csv");
  surveys = await read("surveys.csv");
  // usage.csv has no quoted fields (checked in generate-demo-world.test.ts), so a split is enough and fast.
  const lines = (await readFile(join(dir, "usage.csv"), "utf8")).split("\n");
  for (let i = 1; i < lines.length; i++) {
    const [id, date, metric, value] = lines[i].split(",");
    if (metric !== "active_users") continue;
    if (!activeUsers.has(id)) activeUsers.set(id, new Map());
    activeUsers.get(id)!.set(parseEpochDay(date)!, Number(value));
  }
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const dayOf = (text: string) => parseEpochDay(text.slice(0, 10))!;
const churnDay = (c: Row) => (c.churn_date === "" ? undefined : dayOf(c.churn_date));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const churnRate = (rows: Row[]) => rows.filter((c) => c.churn_date !== "").length / rows.length;
/** Sum of active users over days [from, to). */
function usage(id: string, from: number, to: number): number {
  const days = activeUsers.get(id);
  let sum = 0;
  for (let d = from; d < to; d++) sum += days?.get(d) ?? 0;
  return sum;
}
/** ROC-AUC by pairwise comparison (ties count half). */
function auc(scores: number[], labels: boolean[]): number {
  const pos = scores.filter((_, i) => labels[i]);
  const neg = scores.filter((_, i) => !labels[i]);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe("demo world churn signal", () => {
  it("churns 15–30% of customers: monthly more than annual, SMB more than Enterprise", () => {
    expect(churnRate(customers)).toBeGreaterThan(0.15);
    expect(churnRate(customers)).toBeLessThan(0.3);
    const monthly = customers.filter((c) => c.plan.includes("Monthly"));
    const annual = customers.filter((c) => c.plan.includes("Annual"));
    expect(churnRate(monthly)).toBeGreaterThan(churnRate(annual) * 1.3);
    expect(churnRate(customers.filter((c) => c.segment === "SMB"))).toBeGreaterThan(
      churnRate(customers.filter((c) => c.segment === "Enterprise")) * 1.3,
    );
    const annualChurned = annual.filter((c) => c.churn_date !== "");
    const onRenewal = annualChurned.filter((c) => c.churn_date.slice(5) === c.signup_date.slice(5));
    expect(onRenewal.length / annualChurned.length).toBeGreaterThan(0.6);
  });

  it("shows usage decaying before churn, much more than for customers who stay", () => {
    const ratios = { churned: [] as number[], active: [] as number[] };
    for (const c of customers) {
      const end = churnDay(c) ?? END + 1;
      if (end - Math.max(dayOf(c.signup_date), START) < 90) continue;
      const last = usage(c.customer_id, end - 30, end);
      const before = usage(c.customer_id, end - 60, end - 30);
      if (before > 0) (c.churn_date === "" ? ratios.active : ratios.churned).push(last / before);
    }
    expect(ratios.churned.length).toBeGreaterThan(300);
    expect(mean(ratios.churned)).toBeLessThan(0.85);
    expect(median(ratios.churned)).toBeLessThan(0.8);
    expect(median(ratios.active)).toBeGreaterThan(0.88);
    expect(mean(ratios.active) - mean(ratios.churned)).toBeGreaterThan(0.12);
  });

  it("gives churned customers worse CSAT and NPS", () => {
    const churned = new Set(customers.filter((c) => c.churn_date !== "").map((c) => c.customer_id));
    for (const [kind, gap] of [
      ["csat", 0.1],
      ["nps", 0.7],
    ] as const) {
      const scores = (left: boolean) =>
        surveys.filter((s) => s.kind === kind && churned.has(s.customer_id) === left).map((s) => Number(s.score));
      expect(mean(scores(false)) - mean(scores(true)), kind).toBeGreaterThan(gap);
    }
  });

  it("dips on weekends and in late December", () => {
    const ids = [...activeUsers.keys()];
    const total = (days: number[]) =>
      days.reduce((sum, d) => sum + ids.reduce((s, id) => s + usage(id, d, d + 1), 0), 0);
    const weekdays = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => from + i).filter((d) => weekdayOf(d) % 6 !== 0);
    const dec = parseEpochDay("2023-12-01")!;
    const early = total(weekdays(dec, dec + 12)) / weekdays(dec, dec + 12).length;
    const late = total(weekdays(dec + 19, dec + 31)) / weekdays(dec + 19, dec + 31).length;
    expect(late / early).toBeLessThan(0.75);
    const saturday = parseEpochDay("2024-06-15")!;
    expect(total([saturday]) / total([saturday - 3])).toBeLessThan(0.4);
  });

  it("lets features from before a snapshot predict churn well, but not perfectly", () => {
    const snapshot = END - 120;
    const npsByCustomer = new Map<string, Row[]>();
    for (const s of surveys)
      if (s.kind === "nps") npsByCustomer.set(s.customer_id, [...(npsByCustomer.get(s.customer_id) ?? []), s]);
    const scores: number[] = [];
    const labels: boolean[] = [];
    for (const c of customers) {
      const churn = churnDay(c);
      if (dayOf(c.signup_date) > snapshot - 60 || (churn !== undefined && churn <= snapshot)) continue;
      const trend = -Math.log(
        (usage(c.customer_id, snapshot - 30, snapshot) + 1) / (usage(c.customer_id, snapshot - 60, snapshot - 30) + 1),
      );
      const nps = (npsByCustomer.get(c.customer_id) ?? []).filter((s) => dayOf(s.responded_at) < snapshot);
      const lastNps = nps.length > 0 ? Number(nps.at(-1)!.score) : 7.5;
      scores.push(trend + (7.5 - lastNps) / 4 + (c.plan.includes("Monthly") ? 0.3 : 0));
      labels.push(churn !== undefined && churn <= snapshot + 90);
    }
    expect(labels.filter(Boolean).length).toBeGreaterThan(80);
    const area = auc(scores, labels);
    expect(area).toBeGreaterThan(0.65);
    expect(area).toBeLessThan(0.95);
  });
});
