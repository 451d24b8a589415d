/**
 * Import benchmark: usage and tickets CSVs into a fresh SQLite database (or DATABASE_URL).
 * Prints rows/s and peak memory for two file sizes, each import in a process of its own so
 * its peak memory is its own: memory should stay flat as files grow. Each file is then imported
 * a second time, like a nightly full export with nothing changed: every row must come back unchanged.
 * Targets (2-core machine, SQLite): usage ≥ 200,000 rows/s, tickets ≥ 50,000 rows/s.
 *   npm run bench:import [-- --usage-rows 4000000 --ticket-rows 1000000]
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { applyMigrations, openDatabase } from "../src/db/index.ts";
import { importFiles, type ImportKind } from "../src/ingest/index.ts";

const { values } = parseArgs({
  options: {
    "usage-rows": { type: "string", default: "4000000" },
    "ticket-rows": { type: "string", default: "1000000" },
    case: { type: "string" },
  },
});
const usageRows = Number(values["usage-rows"]);
const ticketRows = Number(values["ticket-rows"]);
const CUSTOMERS = 20_000;

async function writeLines(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; ) {
    let chunk = "";
    for (const end = Math.min(rows, i + 10_000); i < end; i++) chunk += `${line(i)}\n`;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

const day = (d: number) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const ts = (ms: number) => new Date(Date.UTC(2023, 0, 1) + ms).toISOString();
const channels = ["email", "chat", "phone", "web"];

async function makeFiles(dir: string, kind: ImportKind, rows: number): Promise<void> {
  await writeLines(
    join(dir, "customers.csv"),
    "customer_id,name,plan,mrr,signup_date",
    CUSTOMERS,
    (i) => `C${i},Customer ${i},Pro Monthly,${50 + (i % 300)},2022-06-01`,
  );
  await writeLines(join(dir, "agents.csv"), "agent_id,name,team", 100, (i) => `A${i},Agent ${i},Tier ${i % 3}`);
  const metrics = ["logins", "active_users", "events"];
  // Customer by customer, like per-account exports and the demo generator.
  const perCustomer = Math.ceil(rows / CUSTOMERS);
  if (kind === "usage") {
    await writeLines(join(dir, "usage.csv"), "customer_id,date,metric,value", rows, (i) => {
      const rest = i % perCustomer;
      return `C${Math.floor(i / perCustomer)},${day(Math.floor(rest / 3))},${metrics[rest % 3]},${(i * 7) % 50}`;
    });
  } else {
    await writeLines(
      join(dir, "tickets.csv"),
      "ticket_id,customer_id,created_at,subject,channel,priority,category,agent_id," +
        "first_response_at,resolved_at,closed_at,status,reopened_count",
      rows,
      (i) => {
        const t = (i % 40_000_000) * 30_000;
        return (
          `T${i},C${i % CUSTOMERS},${ts(t)},"Issue ${i}, please help",${channels[i % 4]},` +
          `normal,bug,A${i % 100},${ts(t + 600_000)},${ts(t + 7_200_000)},` +
          `${ts(t + 9_000_000)},closed,${i % 5 === 0 ? 1 : 0}`
        );
      },
    );
  }
}

interface CaseResult {
  seconds: number;
  new: number;
  /** The same file imported again. */
  againSeconds: number;
  unchanged: number;
  peakMb: number;
}

/** Child mode: one import of one kind (files made by the parent) into a fresh database; peak RSS is this import's alone. */
async function runCase(kind: ImportKind, dir: string): Promise<CaseResult> {
  const config = {
    ...loadConfig(),
    ...(process.env.DATABASE_URL ? {} : { dialect: "sqlite" as const, databaseUrl: `file:${join(dir, "bench.db")}` }),
  };
  const db = openDatabase(config);
  await applyMigrations(db.sql);
  await importFiles({
    db,
    dataDir: dir,
    files: [
      { kind: "customers", file: join(dir, "customers.csv") },
      { kind: "agents", file: join(dir, "agents.csv") },
    ],
  });
  const started = performance.now();
  const files = [{ kind, file: join(dir, `${kind}.csv`) }];
  const [summary] = (await importFiles({ db, dataDir: dir, files })).files;
  const seconds = (performance.now() - started) / 1000;
  const again = performance.now();
  const [repeat] = (await importFiles({ db, dataDir: dir, files })).files;
  const againSeconds = (performance.now() - again) / 1000;
  await db.close();
  return {
    seconds,
    new: summary.new,
    againSeconds,
    unchanged: repeat.unchanged,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (values.case) {
  const [kind, dir] = values.case.split(":");
  console.log(JSON.stringify(await runCase(kind as ImportKind, dir)));
  process.exit(0);
}

console.log(
  `Retain import benchmark (${process.env.DATABASE_URL ? "DATABASE_URL" : "SQLite"}; node ${process.version})`,
);
const self = fileURLToPath(import.meta.url);
for (const [kind, rows] of [
  ["usage", usageRows],
  ["tickets", ticketRows],
] as [ImportKind, number][]) {
  for (const size of [Math.round(rows / 4), rows]) {
    const dir = mkdtempSync(join(tmpdir(), "retain-bench-"));
    let result: CaseResult;
    try {
      await makeFiles(dir, kind, size);
      const out = execFileSync(
        process.execPath,
        [join(self, "../../bin/run-ts.mjs"), self, "--case", `${kind}:${dir}`],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      );
      result = JSON.parse(out.trim().split("\n").at(-1)!) as CaseResult;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `${kind.padEnd(8)} ${size.toLocaleString("en").padStart(10)} rows  ${result.seconds.toFixed(2).padStart(6)} s  ` +
        `${Math.round(size / result.seconds)
          .toLocaleString("en")
          .padStart(9)} rows/s  new ${result.new}; ` +
        `again ${Math.round(size / result.againSeconds).toLocaleString("en")} rows/s, unchanged ` +
        `${result.unchanged}  peak RSS ${result.peakMb.toFixed(0)} MB`,
    );
  }
}
