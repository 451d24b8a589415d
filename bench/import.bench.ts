/**
 * Import benchmark: usage and tickets CSVs into a fresh SQLite database (or DATABASE_URL).
 * Prints rows/s and peak memory for two file sizes, to show memory stays flat as files grow.
 * Targets (2-core machine, SQLite): usage ≥ 200,000 rows/s, tickets ≥ 50,000 rows/s.
 *   npm run bench:import [-- --usage-rows 4000000 --ticket-rows 1000000]
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { applyMigrations, openDatabase } from "../src/db/index.ts";
import { importFiles, type ImportKind } from "../src/ingest/index.ts";

const { values } = parseArgs({
  options: { "usage-rows": { type: "string", default: "4000000" }, "ticket-rows": { type: "string", default: "1000000" } },
});
const usageRows = Number(values["usage-rows"]);
const ticketRows = Number(values["ticket-rows"]);
const CUSTOMERS = 20_000;
const work = mkdtempSync(join(tmpdir(), "retain-bench-"));

async function writeLines(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(header + "\n");
  for (let i = 0; i < rows; ) {
    let chunk = "";
    for (const end = Math.min(rows, i + 10_000); i < end; i++) chunk += line(i) + "\n";
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

const day = (d: number) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const ts = (ms: number) => new Date(Date.UTC(2023, 0, 1) + ms).toISOString();
const channels = ["email", "chat", "phone", "web"];

async function makeFiles(dir: string, usage: number, tickets: number): Promise<void> {
  await writeLines(join(dir, "customers.csv"), "customer_id,name,plan,mrr,signup_date", CUSTOMERS, (i) => `C${i},Customer ${i},Pro Monthly,${50 + (i % 300)},2022-06-01`);
  await writeLines(join(dir, "agents.csv"), "agent_id,name,team", 100, (i) => `A${i},Agent ${i},Tier ${i % 3}`);
  const metrics = ["logins", "active_users", "events"];
  // Customer by customer, like per-account exports and the demo generator.
  const perCustomer = Math.ceil(usage / CUSTOMERS);
  await writeLines(join(dir, "usage.csv"), "customer_id,date,metric,value", usage, (i) => {
    const rest = i % perCustomer;
    return `C${Math.floor(i / perCustomer)},${day(Math.floor(rest / 3))},${metrics[rest % 3]},${(i * 7) % 50}`;
  });
  await writeLines(
    join(dir, "tickets.csv"),
    "ticket_id,customer_id,created_at,subject,channel,priority,category,agent_id,first_response_at,resolved_at,closed_at,status,reopened_count",
    tickets,
    (i) => {
      const t = (i % 40_000_000) * 30_000;
      return `T${i},C${i % CUSTOMERS},${ts(t)},"Issue ${i}, please help",${channels[i % 4]},normal,bug,A${i % 100},${ts(t + 600_000)},${ts(t + 7_200_000)},${ts(t + 9_000_000)},closed,${i % 5 === 0 ? 1 : 0}`;
    },
  );
}

async function run(label: string, usage: number, tickets: number): Promise<void> {
  const dir = join(work, label);
  mkdirSync(dir, { recursive: true });
  await makeFiles(dir, usage, tickets);
  const config = { ...loadConfig(), ...(process.env.DATABASE_URL ? {} : { dialect: "sqlite" as const, databaseUrl: `file:${join(dir, "bench.db")}` }) };
  const db = openDatabase(config);
  await applyMigrations(db.sql);
  await importFiles({ db, dataDir: dir, files: [{ kind: "customers", file: join(dir, "customers.csv") }, { kind: "agents", file: join(dir, "agents.csv") }] });
  for (const [kind, rows] of [["usage", usage], ["tickets", tickets]] as [ImportKind, number][]) {
    const started = performance.now();
    const [summary] = (await importFiles({ db, dataDir: dir, files: [{ kind, file: join(dir, `${kind}.csv`) }] })).files;
    const seconds = (performance.now() - started) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `${label.padEnd(6)} ${kind.padEnd(8)} ${rows.toLocaleString("en").padStart(10)} rows  ${seconds.toFixed(2).padStart(6)} s  ` +
        `${Math.round(rows / seconds).toLocaleString("en").padStart(9)} rows/s  new ${summary.new}  peak RSS ${rss.toFixed(0)} MB`,
    );
  }
  await db.close();
}

console.log(`Retain import benchmark (${process.env.DATABASE_URL ? "DATABASE_URL" : "SQLite"}; node ${process.version})`);
try {
  await run("small", Math.round(usageRows / 4), Math.round(ticketRows / 4));
  await run("large", usageRows, ticketRows);
} finally {
  rmSync(work, { recursive: true, force: true });
}
