import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { createAgents } from "./create-agents.ts";
import { createCsmEmails, createCustomerProfile, type CustomerProfile } from "./create-customer-profile.ts";
import { createWorldCalendar, planSignupDays } from "./create-world-calendar.ts";
import { CsvWriter, csvField } from "./csv-writer.ts";
import { DEMO_HEADERS, DemoFile, DemoPhase } from "./demo-contract.ts";
import { formatEpochDay } from "./epoch-day.ts";
import { formatSurveyLine } from "./pending-survey.ts";
import { Random } from "./random.ts";
import { simulateCustomer, type DemoWorld } from "./simulate-customer.ts";
import { UsageEncoder } from "./usage-encoder.ts";
import { describeWindow, validateDemoOptions } from "./validate-demo-options.ts";

/** Progress of a run: `done` of `total` units of `phase` (customers). */
export interface DemoProgress {
  readonly phase: DemoPhase;
  readonly done: number;
  readonly total: number;
}

/** Options of `generateDemoWorld`. */
export interface DemoWorldOptions {
  /** Directory for the five CSV files; created if missing, files overwritten. */
  outDir: string;
  /** Number of customers, 100–200,000. */
  customers: number;
  /** Days of history, 30–1,100, ending on `end`. */
  days: number;
  /** Any safe integer; same seed, sizes and end → byte-identical files. */
  seed: number;
  /** Last day of data, YYYY-MM-DD; default today (UTC), which makes runs on different days differ. */
  end?: string;
  /** Called about 200 times during the run, and once at the end. */
  onProgress?: (progress: DemoProgress) => void;
}

/** One written file and its data-row count (header excluded). */
export interface DemoFileSummary {
  readonly path: string;
  readonly rows: number;
}

/** What was written: one entry per file (`summary.usage.rows`, …) and the customer outcome. */
export interface DemoWorldSummary extends Readonly<Record<DemoFile, DemoFileSummary>> {
  readonly outDir: string;
  /** First and last day of the simulated window, YYYY-MM-DD. */
  readonly start: string;
  readonly end: string;
  /** Customers with a churn_date / without one (still customers on `end`). */
  readonly churnedCustomers: number;
  readonly activeCustomers: number;
}

// Independent random streams, so adding draws to one part never shifts another.
const STREAM = { calendar: 1, agents: 2, csms: 3, signups: 4, customer: 5 } as const;

/**
 * Writes a deterministic, believable SaaS world (customers, agents, daily usage, tickets, surveys)
 * as CSV files into `outDir`, streaming customer by customer with flat memory.
 * Throws AppError(BadInput) for invalid options; on a write error the files are left partial.
 */
export async function generateDemoWorld(options: DemoWorldOptions): Promise<DemoWorldSummary> {
  const valid = validateDemoOptions(options);
  const { outDir, customers, seed, startDay, endDay, onProgress } = valid;
  await mkdir(outDir, { recursive: true });
  const calendar = createWorldCalendar({ startDay, endDay, rng: new Random(seed, STREAM.calendar) });
  const agentCount = Math.min(400, Math.max(5, Math.round(customers / 150)));
  const agents = createAgents({ count: agentCount, rng: new Random(seed, STREAM.agents) });
  const csmEmails = createCsmEmails({ customers, rng: new Random(seed, STREAM.csms) });
  const signups = planSignupDays({ count: customers, startDay, endDay, rng: new Random(seed, STREAM.signups) });

  const writers = await openWriters(outDir);
  try {
    for (const agent of agents.all) writers.agents.row([agent.id, agent.name, agent.email, agent.team]);
    const usage = new UsageEncoder(writers.usage, calendar);
    const world: DemoWorld = { calendar, agents, usage, tickets: writers.tickets, ticketCount: 0 };
    let churned = 0;
    const step = Math.max(1, Math.floor(customers / 200));
    for (let index = 0; index < customers; index++) {
      const rng = new Random(seed, STREAM.customer, index);
      const customer = createCustomerProfile({ index, signupDay: signups[index], csmEmails, rng });
      const history = simulateCustomer({ world, customer, rng });
      if (history.churnDay !== undefined) churned++;
      writers.customers.line(formatCustomerLine(customer, history.churnDay));
      for (const survey of history.surveys) {
        const responseId = `S${String(writers.surveys.rows + 1).padStart(7, "0")}`;
        writers.surveys.line(formatSurveyLine({ responseId, customerId: customer.id, survey }));
      }
      await Promise.all(Object.values(writers).map((writer) => writer.flush()));
      if ((index + 1) % step === 0 || index + 1 === customers) {
        onProgress({ phase: DemoPhase.Customers, done: index + 1, total: customers });
        await yieldToEventLoop(); // let timers (progress bars) and I/O callbacks run
      }
    }
    await Promise.all(Object.values(writers).map((writer) => writer.close()));
    const files = Object.fromEntries(
      Object.entries(writers).map(([name, writer]) => [name, { path: writer.path, rows: writer.rows }]),
    ) as Record<DemoFile, DemoFileSummary>;
    return {
      outDir,
      ...describeWindow(valid),
      ...files,
      churnedCustomers: churned,
      activeCustomers: customers - churned,
    };
  } catch (error) {
    for (const writer of Object.values(writers)) writer.destroy();
    throw error;
  }
}

function formatCustomerLine(customer: CustomerProfile, churnDay: number | undefined): string {
  return `${[
    customer.id,
    csvField(customer.name),
    customer.email,
    customer.plan.name,
    customer.mrr,
    formatEpochDay(customer.signupDay),
    churnDay === undefined ? "" : formatEpochDay(churnDay),
    customer.segment.segment,
    customer.timezone,
    customer.ownerEmail,
  ].join(",")}\n`;
}

async function openWriters(outDir: string): Promise<Record<DemoFile, CsvWriter>> {
  const names = Object.values(DemoFile);
  const opened = await Promise.allSettled(
    names.map((name) => CsvWriter.open({ path: join(outDir, `${name}.csv`), header: DEMO_HEADERS[name] })),
  );
  const failure = opened.find((result) => result.status === "rejected");
  if (failure) {
    for (const result of opened) if (result.status === "fulfilled") result.value.destroy();
    throw failure.reason;
  }
  const writers = opened.map((result) => (result as PromiseFulfilledResult<CsvWriter>).value);
  return Object.fromEntries(names.map((name, i) => [name, writers[i]])) as Record<DemoFile, CsvWriter>;
}
