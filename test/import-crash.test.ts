import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../src/ingest/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { lastJsonLine, RETAIN_BIN, runCli } from "./helpers/run-cli.ts";
import { writeCsv } from "./helpers/write-csv.ts";

const CUSTOMERS = 200;
const DAYS = 1000;
const TOTAL = CUSTOMERS * DAYS;
const BATCH = 5000;
/** Generous for a busy machine, but bounded. */
const WAIT_MS = 120_000;

async function writeUsage(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write("customer_id,date,metric,value\n");
  for (let c = 0; c < CUSTOMERS; c++) {
    let chunk = "";
    for (let d = 0; d < DAYS; d++)
      chunk += `C${c},${new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10)},logins,${(c * d) % 17}\n`;
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
    writeCsv(
      dir,
      "customers.csv",
      ["customer_id", "signup_date"],
      Array.from({ length: CUSTOMERS }, (_, c) => [`C${c}`, "2021-06-01"]),
    );
    await importFiles({
      db: t.db,
      dataDir: t.config.dataDir,
      files: [{ kind: "customers", file: join(dir, "customers.csv") }],
    });
    await writeUsage(join(dir, "usage.csv"));
  });
  afterAll(() => t.drop());

  const count = async () => Number((await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM usage"))[0].n);

  it("leaves only whole batches and a run that reads as abandoned; a re-run completes the import", async () => {
    // Killed on the child's own word (its debug line after each committed batch), not on a timer
    // or by polling the table: as deterministic on a busy machine as on an idle one.
    const child = spawn(process.execPath, [RETAIN_BIN, "import", "--kind", "usage", join(dir, "usage.csv")], {
      env: { ...t.env, RETAIN_IMPORT_BATCH: String(BATCH), LOG_LEVEL: "debug" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const exited = new Promise((r) => child.once("exit", r));
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no second committed batch within ${WAIT_MS / 1000} s: ${stderr}`)),
        WAIT_MS,
      );
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the import ended (code ${code}) before it could be killed: ${stderr}`));
      });
      createInterface({ input: child.stderr! }).on("line", (line) => {
        stderr += `${line}\n`;
        const entry = (line.startsWith("{") ? JSON.parse(line) : {}) as { msg?: string; rows?: number };
        if (entry.msg === "batch committed" && entry.rows! >= BATCH * 2) {
          clearTimeout(timer);
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    await exited;
    const afterKill = await count();
    expect(afterKill).toBeGreaterThanOrEqual(BATCH * 2);
    expect(afterKill).toBeLessThan(TOTAL);
    expect(afterKill % BATCH).toBe(0);
    const [killed] = await t.db.prisma().importRun.findMany({ orderBy: { id: "desc" }, take: 1 });
    expect(killed).toMatchObject({ status: "running", instance: `${hostname()}:${child.pid}`, finishedAt: null });

    const history = await runCli(["jobs", "imports", "--json"], t.env);
    expect(history.code, history.stderr).toBe(0);
    const listed = lastJsonLine(history.stdout).find((r: { id: number }) => r.id === killed.id);
    expect(listed).toMatchObject({ status: "abandoned", finishedAt: expect.any(String) });
    expect(JSON.parse(listed.summary).error).toMatch(
      new RegExp(
        `^abandoned: its owner ${hostname()}:${child.pid} is gone .*importing the same files again completes it$`,
      ),
    );

    const rerun = await runCli(["import", "--kind", "usage", join(dir, "usage.csv"), "--json"], t.env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const [summary] = lastJsonLine(rerun.stdout).files;
    expect(summary).toMatchObject({
      kind: "usage",
      new: TOTAL - afterKill,
      unchanged: afterKill,
      updated: 0,
      rejected: 0,
    });
    expect(await count()).toBe(TOTAL);
    const runs = await t.db.prisma().importRun.findMany({ where: { id: { gte: killed.id } }, orderBy: { id: "asc" } });
    expect(runs.map((r) => r.status)).toEqual(["abandoned", "done"]);
  }, 300_000);

  it("an import killed before it was noticed is marked abandoned when the next import starts", async () => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((r) => child.once("exit", r));
    const orphan = await t.db.prisma().importRun.create({
      data: {
        source: "usage.csv",
        status: "running",
        instance: `${hostname()}:${child.pid}`,
        startedAt: new Date(),
        heartbeatAt: new Date(),
      },
    });
    const silent = await t.db.prisma().importRun.create({
      data: {
        source: "usage.csv",
        status: "running",
        instance: "another-host:9",
        startedAt: new Date(Date.now() - 3_600_000),
        heartbeatAt: new Date(Date.now() - 11 * 60_000),
      },
    });
    await importFiles({
      db: t.db,
      dataDir: t.config.dataDir,
      files: [{ kind: "customers", file: join(dir, "customers.csv") }],
    });
    const after = await t.db
      .prisma()
      .importRun.findMany({ where: { id: { in: [orphan.id, silent.id] } }, orderBy: { id: "asc" } });
    expect(after.map((r) => r.status)).toEqual(["abandoned", "abandoned"]);
    expect(JSON.parse(after[1].summary!).error).toMatch(/^abandoned: no heartbeat from another-host:9 for 6\d\d s/);
  });
});
