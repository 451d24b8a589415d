import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../src/ingest/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { lastJsonLine, RETAIN_BIN, runCli } from "./helpers/run-cli.ts";
import { writeCsv } from "./helpers/write-csv.ts";

const CUSTOMERS = 200;
const DAYS = 1000;
const TOTAL = CUSTOMERS * DAYS;
const BATCH = 5000;

async function writeUsage(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write("customer_id,date,metric,value\n");
  for (let c = 0; c < CUSTOMERS; c++) {
    let chunk = "";
    for (let d = 0; d < DAYS; d++) chunk += `C${c},${new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10)},logins,${(c * d) % 17}\n`;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

describe.each(testDialects())("an import killed mid-way on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dir = join(t.config.dataDir, "in");
    writeCsv(dir, "customers.csv", ["customer_id", "signup_date"], Array.from({ length: CUSTOMERS }, (_, c) => [`C${c}`, "2021-06-01"]));
    await importFiles({ db: t.db, dataDir: t.config.dataDir, files: [{ kind: "customers", file: join(dir, "customers.csv") }] });
    await writeUsage(join(dir, "usage.csv"));
  });
  afterAll(() => t.drop());

  const count = async () => Number((await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM usage"))[0].n);

  it("leaves only whole batches, and a re-run completes the import", async () => {
    const child = spawn(process.execPath, [RETAIN_BIN, "import", "--kind", "usage", join(dir, "usage.csv")], {
      env: { ...t.env, RETAIN_IMPORT_BATCH: String(BATCH) },
      stdio: "ignore",
    });
    const exited = new Promise((r) => child.once("exit", r));
    let seen = 0;
    while (seen < BATCH * 2) {
      seen = await count();
      if (child.exitCode !== null) throw new Error("the import finished before it could be killed; make the file bigger");
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill("SIGKILL");
    await exited;
    const afterKill = await count();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(TOTAL);
    expect(afterKill % BATCH).toBe(0);

    const rerun = await runCli(["import", "--kind", "usage", join(dir, "usage.csv"), "--json"], t.env);
    expect(rerun.code).toBe(0);
    const [summary] = lastJsonLine(rerun.stdout).files;
    expect(summary).toMatchObject({ kind: "usage", new: TOTAL - afterKill, unchanged: afterKill, updated: 0, rejected: 0 });
    expect(await count()).toBe(TOTAL);
  });
});
