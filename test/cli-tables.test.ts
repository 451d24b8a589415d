import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJobRun, finishJobRun, JobStatus } from "../src/db/repositories/job-runs.ts";
import { syntheticChurnTable } from "../src/model/synthetic-churn-table.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";
import { writeCsv } from "./helpers/write-csv.ts";

/**
 * The table in `stdout` whose header has `first` as its first word: header, rule and `rows` lines. Asserts it is
 * aligned (outside the rule's columns every line has spaces only) and has no "(index)" column or quoted cells.
 */
function expectAlignedTable(stdout: string, first: string, rows: number): string[] {
  const lines = stdout.split("\n");
  const at = lines.findIndex((l, i) => l.startsWith(`${first} `) && /^─[─ ]*$/.test(lines[i + 1] ?? ""));
  expect(at, `no table with header "${first}" in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const table = lines.slice(at, at + 2 + rows);
  const rule = table[1];
  const gaps = [...rule].flatMap((c, i) => (c === " " ? [i] : []));
  for (const line of [table[0], ...table.slice(2)]) {
    expect(line.length, line).toBeLessThanOrEqual(rule.length);
    for (const i of gaps) expect(line[i] ?? " ", `column gap at ${i} in "${line}"`).toBe(" ");
  }
  const text = table.join("\n");
  expect(text).not.toContain("(index)");
  expect(text).not.toMatch(/'[^']*'|"[^"]*"/);
  expect(text).not.toMatch(/\d\.\d{5,}/); // no 17-digit floats
  return table;
}

describe("CLI tables", () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    env = { ...t.env, RETAIN_MODELS_DIR: join(t.config.dataDir, "models") };
  });
  afterAll(() => t.drop());

  it("retain import prints its summary as an aligned table, counts with thousands separators", async () => {
    const dir = join(t.config.dataDir, "import");
    const rows = Array.from({ length: 1200 }, (_, i) => [`C${i}`, "2024-01-01", 10 + i]);
    writeCsv(dir, "customers.csv", ["customer_id", "signup_date", "mrr"], [...rows, ["BAD", "2024-01-01", -3]]);
    const result = await runCli(["import", dir], env);
    expect(result.code, result.stderr).toBe(0);
    const [header, , line] = expectAlignedTable(result.stdout, "file", 1);
    expect(header).toMatch(/^file\s+new\s+updated\s+unchanged\s+rejected\s+note$/);
    expect(line).toMatch(/^customers\.csv\s+1,200\s+0\s+0\s+1\s+rejects: .*customers\.rejects\.csv$/);
  });

  it("retain apikey list: an aligned table, dates as YYYY-MM-DD HH:MM; --json unchanged", async () => {
    for (const name of ["first", "a longer name"])
      expect((await runCli(["apikey", "create", "--role", "viewer", "--name", name], env)).code).toBe(0);
    const result = await runCli(["apikey", "list"], env);
    expect(result.code, result.stderr).toBe(0);
    const [header, , ...rows] = expectAlignedTable(result.stdout, "prefix", 2);
    expect(header).toMatch(/^prefix\s+role\s+name\s+created\s+last used\s+revoked$/);
    for (const row of rows)
      expect(row).toMatch(/^[0-9a-f]{8}\s+viewer\s+(first|a longer name)\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const json = lastJsonLine((await runCli(["apikey", "list", "--json"], env)).stdout);
    expect(json).toHaveLength(2);
    expect(Object.keys(json[0]).sort()).toEqual(
      ["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "role"].sort(),
    );
    expect(json[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("retain jobs list: counts in words, seconds with 1 decimal; --json unchanged", async () => {
    const claim = await claimJobRun(t.db, {
      job: "nightly-scoring",
      runKey: "nightly-scoring:2026-01-02",
      instance: "host:1",
      staleAfterMs: 60_000,
    });
    await finishJobRun(t.db, claim!, {
      status: JobStatus.Done,
      counts: { runId: 7, scored: 12345, atRisk: 40, bands: { high: 10, medium: 20, low: 10 } },
      durationMs: 61_234.5678,
    });
    const result = await runCli(["jobs", "list"], env);
    expect(result.code, result.stderr).toBe(0);
    const [header, , row] = expectAlignedTable(result.stdout, "key", 1);
    expect(header).toMatch(/^key\s+status\s+instance\s+started\s+seconds\s+counts$/);
    expect(row).toMatch(
      new RegExp(
        String.raw`^nightly-scoring:2026-01-02\s+done\s+host:1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+61\.2\s+` +
          "run id 7 · scored 12,345 · at risk 40 · bands high 10, medium 20, low 10$",
      ),
    );
    const [json] = lastJsonLine((await runCli(["jobs", "list", "--json"], env)).stdout);
    expect(json).toMatchObject({ runKey: "nightly-scoring:2026-01-02", status: "done", durationMs: 61_235 });
    expect(JSON.parse(json.counts)).toEqual({
      runId: 7,
      scored: 12345,
      atRisk: 40,
      bands: { high: 10, medium: 20, low: 10 },
    });
  });

  it("retain models list and show: metrics rounded, training as key: value lines, no JSON blobs; --json unchanged", {
    timeout: 120_000,
  }, async () => {
    const table = syntheticChurnTable({ rows: 600, numeric: 3, categorical: 1, seed: 5 });
    writeCsv(join(t.config.dataDir, "flat"), "churn.csv", table.columns, table.rows as (string | number)[][]);
    const trained = await runCli(
      [
        "train",
        "--from-csv",
        join(t.config.dataDir, "flat", "churn.csv"),
        "--label",
        "churn",
        "--budget",
        "3",
        "--json",
      ],
      env,
    );
    expect(trained.code, trained.stderr).toBe(0);
    const { version } = lastJsonLine(trained.stdout);

    const list = await runCli(["models", "list"], env);
    expect(list.code, list.stderr).toBe(0);
    const [header, , row] = expectAlignedTable(list.stdout, "version", 1);
    expect(header).toMatch(
      /^version\s+status\s+kind\s+source\s+created\s+AUC\s+val AUC\s+same-rows AUC\s+PR-AUC\s+Brier\s+lift@10%\s+threshold$/,
    );
    expect(row).toMatch(
      new RegExp(
        `^${version}\\s+candidate\\s+\\S+\\s+csv\\s+\\d{4}-\\d\\d-\\d\\d ` +
          `\\d\\d:\\d\\d(\\s+\\d\\.\\d{4}){4}\\s+\\d+\\.\\d\\d\\s+0\\.\\d\\d$`,
      ),
    );
    const [json] = lastJsonLine((await runCli(["models", "list", "--json"], env)).stdout);
    expect(Object.keys(json)).toEqual([
      "version",
      "status",
      "kind",
      "source",
      "created",
      "auc",
      "valAuc",
      "sameRowsAuc",
      "prAuc",
      "brier",
      "lift10",
      "threshold",
    ]);
    expect(json.created).toMatch(/T.*Z$/);
    expect(typeof json.auc).toBe("number");

    const show = await runCli(["models", "show", version], env);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).not.toMatch(/[{}]|\(index\)/);
    expect(show.stdout).toMatch(
      new RegExp(
        String.raw`^training:\n {2}source: +csv\n {2}file: +\S+churn\.csv\n {2}test file: +a held-out split of the file` +
          String.raw`\n {2}label: +churn\n {2}data fingerprint: +[0-9a-f]+\n {2}seed: +\d+\n {2}backend: +\S+$`,
        "m",
      ),
    );
    expectAlignedTable(show.stdout, "predicted", 1);
    expectAlignedTable(show.stdout, "feature", 3);
    expect(lastJsonLine((await runCli(["models", "show", version, "--json"], env)).stdout)).toMatchObject({
      version,
      training: { source: "csv", label: "churn" },
    });
  });

  it("retain kpi shows amounts in RETAIN_CURRENCY; a bad code is refused with what was expected", async () => {
    const eur = await runCli(["kpi", "--period", "2024-06", "--now", "2024-12-31"], { ...env, RETAIN_CURRENCY: "EUR" });
    expect(eur.code, eur.stderr).toBe(0);
    expect(eur.stdout).toMatch(/^ARPA \(mean MRR at start\)\s+€609\.50/m); // 1,200 customers of MRR 10 … 1,209
    const usd = await runCli(["kpi", "--period", "2024-06", "--now", "2024-12-31"], env);
    expect(usd.stdout).toMatch(/^ARPA \(mean MRR at start\)\s+\$609\.50/m);
    const bad = await runCli(["kpi"], { ...env, RETAIN_CURRENCY: "euro" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('RETAIN_CURRENCY: expected an ISO 4217 code such as USD or EUR, found "euro"');
  });
});
