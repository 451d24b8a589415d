import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { writeCsv } from "./helpers/write-csv.ts";
import { syntheticChurnTable } from "../src/model/synthetic-churn-table.ts";

const COMMANDS = [
  "",
  "demo",
  "demo-data",
  "db",
  "db migrate",
  "db status",
  "import",
  "apikey",
  "apikey create",
  "apikey list",
  "apikey revoke",
  "serve",
  "train",
  "score",
];

describe("the retain CLI", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(() => t.drop());

  it.each(COMMANDS)("`retain %s --help` explains the command", async (command) => {
    const result = await runCli([...command.split(" ").filter(Boolean), "--help"], t.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: retain/m);
  });

  it("import --json: the last stdout line is the summary; rejected rows still exit 0", async () => {
    const dir = join(t.config.dataDir, "cli");
    writeCsv(
      dir,
      "customers.csv",
      ["customer_id", "signup_date", "mrr"],
      [
        ["C1", "2024-01-01", 10],
        ["C2", "2024-01-01", -3],
      ],
    );
    const result = await runCli(["import", dir, "--json"], t.env);
    expect(result.code).toBe(0);
    const summary = lastJsonLine(result.stdout);
    expect(summary.files).toHaveLength(1);
    expect(summary.files[0]).toMatchObject({
      kind: "customers",
      file: join(dir, "customers.csv"),
      new: 1,
      updated: 0,
      unchanged: 0,
      rejected: 1,
    });
    expect(summary.files[0].rejectsFile).toMatch(/customers\.rejects\.csv$/);
  });

  it("train --from-csv prints each stage's time and the test figures; a bad --candidates is exit code 2", async () => {
    const table = syntheticChurnTable({ rows: 800, numeric: 4, categorical: 2, seed: 4 });
    writeCsv(join(t.config.dataDir, "flat"), "churn.csv", table.columns, table.rows as (string | number)[][]);
    const file = join(t.config.dataDir, "flat", "churn.csv");
    const result = await runCli(["train", "--from-csv", file, "--label", "churn", "--budget", "5"], t.env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^stage times:$/m);
    for (const stage of [
      "preprocessing",
      "candidate lr",
      "candidate gbdt",
      "calibration",
      "importance",
      "explanations",
      "refit",
      "total",
    ])
      expect(result.stdout).toMatch(new RegExp(`^  ${stage} +\\d+\\.\\d\\d s$`, "m"));
    expect(result.stdout).toMatch(/^test: AUC 0\.\d{4}/m);
    const bad = await runCli(["train", "--from-csv", file, "--label", "churn", "--candidates", "every"], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--candidates: expected core or all, found "every"');
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["score", "--bogus"], /unknown option '--bogus'/],
    [["models", "show"], /missing required argument 'version'/],
    [["import"], /missing required argument|error/],
  ])("a usage error (%j) is exit code 2 with commander's message", async (args, message) => {
    const result = await runCli(args, t.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("import of a file that does not exist: one clear line, exit code 2, no import run or folder left behind", async () => {
    const folders = () =>
      existsSync(join(t.config.dataDir, "imports")) ? readdirSync(join(t.config.dataDir, "imports")).length : 0;
    const before = folders();
    const result = await runCli(["import", "--kind", "tickets", "/nonexistent.csv"], t.env);
    expect(result.code).toBe(2);
    expect(folders()).toBe(before);
    expect(result.stderr.trim()).toBe(
      "retain: cannot import /nonexistent.csv: expected a readable CSV file, found no such file",
    );
    expect(await t.db.sql.all("SELECT id FROM import_runs WHERE source LIKE '%nonexistent%'")).toEqual([]);
  });

  it("--version and --help still exit 0", async () => {
    expect((await runCli(["--version"], t.env)).code).toBe(0);
    expect((await runCli(["models", "--help"], t.env)).code).toBe(0);
  });

  it("import exits 3 when a file is refused whole, and says why", async () => {
    const dir = join(t.config.dataDir, "cli-bad");
    writeCsv(dir, "tickets.csv", ["ticket_id", "customer_id"], [["T1", "C1"]]);
    const result = await runCli(["import", "--kind", "tickets", join(dir, "tickets.csv"), "--json"], t.env);
    expect(result.code).toBe(3);
    expect(lastJsonLine(result.stdout).files[0].refused).toMatch(/missing required column\(s\) created_at/);
  });

  it("bad arguments get a clear message and a non-zero exit", async () => {
    const kind = await runCli(["import", "--kind", "invoices", "x.csv"], t.env);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--kind: expected one of customers|agents|usage|tickets|surveys, found "invoices"');
    const role = await runCli(["apikey", "create", "--role", "root"], t.env);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role: expected one of admin|csm|viewer, found "root"');
    const env = await runCli(["db", "status"], { ...t.env, PORT: "http" });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/bad environment:\n\s+PORT: expected a port number 1–65535, found "http"/);
  });

  it("commands on an unmigrated database say how to fix it", async () => {
    const result = await runCli(["apikey", "list"], {
      ...t.env,
      DATABASE_URL: `file:${join(t.config.dataDir, "empty.db")}`,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("run `npx retain db migrate`");
  });
});
