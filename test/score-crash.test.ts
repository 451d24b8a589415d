import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promoteModel, trainFromDatabase } from "../src/model/registry/index.ts";
import { lastJsonLine, RETAIN_BIN, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

/** Generous for a busy machine, but bounded: a hung child fails the test with what it printed. */
const WAIT_MS = 120_000;

/** Starts `retain ARGS`, keeping its stderr for the error message if it ends too early. */
function startRetain(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exited: Promise<unknown>; stderr: () => string } {
  const child = spawn(process.execPath, [RETAIN_BIN, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  return { child, exited: new Promise((r) => child.once("exit", r)), stderr: () => stderr };
}

/** Polls `ready` until it holds; throws if the child exits first or the wait runs out. */
async function waitFor(
  run: ReturnType<typeof startRetain>,
  what: string,
  ready: () => Promise<boolean>,
  pollMs: number,
): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await ready())) {
    if (run.child.exitCode !== null)
      throw new Error(`the child ended (code ${run.child.exitCode}) before ${what}: ${run.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no sign of ${what} within ${WAIT_MS / 1000} s: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

describe.each(testDialects())("scoring killed mid-way on %s", (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importDemoWorld(t, { customers: 200 });
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    t.env.RETAIN_MODELS_DIR = modelsDir;
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES });
    await promoteModel({ db: t.db, version: report.version });
  });
  afterAll(() => t.drop());

  const runsOf = (asOf: string) =>
    t.db.prisma().riskRun.findMany({ where: { asOf: new Date(`${asOf}T00:00:00Z`) }, orderBy: { id: "asc" } });
  const scoresOf = async (runId: number) =>
    Number((await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM risk_scores WHERE run_id = ?", [runId]))[0].n);

  it("a `retain score` killed with its scores written leaves a building run; the next score abandons " +
    "it, removes its scores and completes", async () => {
    // The scores CSV is written after the scores are stored and before the run completes. Its
    // temporary file is a FIFO nobody opens, so the child waits there until it is killed.
    const out = join(t.config.dataDir, "scores.csv");
    execFileSync("mkfifo", [`${out}.partial`]);
    const run = startRetain(["score", "--as-of", "2026-01-05", "--out", out, "--json"], t.env);
    let building: { id: number; instance: string | null } | undefined;
    await waitFor(
      run,
      "a building run with its scores",
      async () => {
        building = (await runsOf("2026-01-05")).find((r) => r.status === "building");
        return building !== undefined && (await scoresOf(building.id)) > 0;
      },
      100,
    );
    const customers = await scoresOf(building!.id);
    run.child.kill("SIGKILL");
    await run.exited;
    expect(building!.instance).toBe(`${hostname()}:${run.child.pid}`);
    expect(await runsOf("2026-01-05")).toMatchObject([{ id: building!.id, status: "building" }]);

    const rerun = await runCli(["score", "--as-of", "2026-01-05", "--json"], { ...t.env, LOG_LEVEL: "warn" });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain("an earlier risk run was abandoned");
    const result = lastJsonLine(rerun.stdout);
    expect(result.scored).toBe(customers);
    expect(await runsOf("2026-01-05")).toMatchObject([
      { id: building!.id, status: "abandoned", finishedAt: expect.any(Date) },
      { id: result.runId, status: "complete", scored: customers },
    ]);
    expect(await scoresOf(building!.id)).toBe(0);
    expect(await scoresOf(result.runId)).toBe(customers);
  }, 300_000);

  it("a nightly job killed mid-run reads as abandoned in `retain jobs list`, and running its date again scores it", async () => {
    const key = "nightly-scoring:2026-01-06";
    const run = startRetain(["jobs", "run", "nightly-scoring", "--date", "2026-01-06", "--json"], t.env);
    // The claim is the child's first write; loading the model, the features and the scores come after.
    await waitFor(
      run,
      "the job's claim",
      async () =>
        (await t.db.sql.all("SELECT 1 FROM job_runs WHERE run_key = ? AND status = 'running'", [key])).length > 0,
      10,
    );
    run.child.kill("SIGKILL");
    await run.exited;
    expect(await t.db.prisma().jobRun.findUniqueOrThrow({ where: { runKey: key } })).toMatchObject({
      status: "running",
      instance: `${hostname()}:${run.child.pid}`,
    });

    const list = await runCli(["jobs", "list", "--json"], t.env);
    expect(list.code, list.stderr).toBe(0);
    const listed = lastJsonLine(list.stdout).find((r: { runKey: string }) => r.runKey === key);
    expect(listed).toMatchObject({
      status: "abandoned",
      error: expect.stringContaining(`its owner ${hostname()}:${run.child.pid} is gone`),
      finishedAt: expect.any(String),
    });
    expect(listed).not.toHaveProperty("claimToken");
    expect((await runsOf("2026-01-06")).filter((r) => r.status === "building")).toEqual([]);

    const again = await runCli(["jobs", "run", "nightly-scoring", "--date", "2026-01-06", "--json"], t.env);
    expect(again.code, again.stderr).toBe(0);
    const outcome = lastJsonLine(again.stdout);
    expect(outcome).toMatchObject({ status: "done", runKey: key, result: { scored: expect.any(Number) } });
    expect(await scoresOf(outcome.result.runId)).toBe(outcome.result.scored);
    expect(await t.db.prisma().jobRun.findUniqueOrThrow({ where: { runKey: key } })).toMatchObject({
      status: "done",
      error: null,
    });
    expect((await runsOf("2026-01-06")).map((r) => r.status)).not.toContain("building");
    expect((await runsOf("2026-01-06")).filter((r) => r.status === "complete")).toHaveLength(1);
  }, 300_000);
});
