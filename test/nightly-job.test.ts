import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNightlyScoring } from "../jobs/nightly-scoring.ts";
import { isoDateToDay } from "../src/db/index.ts";
import { claimJobRun } from "../src/db/repositories/job-runs.ts";
import { promoteModel, trainFromDatabase } from "../src/model/registry/index.ts";
import { runNightlyScoring } from "../src/scoring/index.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

describe.each(testDialects())("nightly scoring job on %s", (dialect) => {
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

  const runsFor = (date: string) => t.db.prisma().riskRun.findMany({ where: { asOf: new Date(`${date}T00:00:00Z`) } });

  it("two processes racing for one date: exactly one scores it", async () => {
    const args = ["jobs", "run", "nightly-scoring", "--date", "2026-01-05", "--json"];
    const [p1, p2] = await Promise.all([runCli(args, t.env), runCli(args, t.env)]);
    expect([p1.code, p2.code]).toEqual([0, 0]);
    const outcomes = [lastJsonLine(p1.stdout).status, lastJsonLine(p2.stdout).status].sort();
    expect(outcomes).toEqual(["done", "skipped"]);
    expect(await runsFor("2026-01-05")).toHaveLength(1);
    const job = await t.db.prisma().jobRun.findUniqueOrThrow({ where: { runKey: "nightly-scoring:2026-01-05" } });
    expect(job.status).toBe("done");
    expect(JSON.parse(job.counts!)).toMatchObject({ scored: expect.any(Number), atRisk: expect.any(Number) });
    expect(job.durationMs).toBeGreaterThan(0);
  });

  it("a done date is not scored again; a failed or stale claim is taken over", async () => {
    expect((await runNightlyScoring({ db: t.db, asOfDay: isoDateToDay("2026-01-05") })).status).toBe("skipped");
    await t.db.prisma().jobRun.create({
      data: {
        job: "nightly-scoring",
        runKey: "nightly-scoring:2026-01-06",
        status: "running",
        instance: "dead:1",
        startedAt: new Date(Date.now() - 3_600_000),
        heartbeatAt: new Date(Date.now() - 3_600_000),
      },
    });
    expect(
      await claimJobRun(t.db, {
        job: "nightly-scoring",
        runKey: "nightly-scoring:2026-01-06",
        instance: "me",
        staleAfterMs: 10 * 60_000,
      }),
    ).not.toBeNull();
    expect(
      await claimJobRun(t.db, {
        job: "nightly-scoring",
        runKey: "nightly-scoring:2026-01-06",
        instance: "other",
        staleAfterMs: 10 * 60_000,
      }),
    ).toBeNull();
  });

  it("catches up the run missed while the service was down, and never overlaps itself", async () => {
    const config = { scoringCron: "0 2 * * *", timezone: "Europe/Paris", atRiskRule: undefined, tfBackend: undefined };
    // 2026-01-10 07:30 in Paris: today's 02:00 run was missed.
    const job = startNightlyScoring({ db: t.db, config, now: () => new Date("2026-01-10T06:30:00Z") });
    try {
      expect(job.trigger(new Date("2026-01-10T06:31:00Z"))).toBeNull(); // the catch-up is still running
      const outcome = await job.caughtUp;
      expect(outcome).toMatchObject({ status: "done", runKey: "nightly-scoring:2026-01-10" });
      expect(await runsFor("2026-01-10")).toHaveLength(1);
    } finally {
      await job.stop();
    }
    const again = startNightlyScoring({ db: t.db, config, now: () => new Date("2026-01-10T08:00:00Z") });
    try {
      expect(await again.caughtUp).toMatchObject({ status: "skipped" });
    } finally {
      await again.stop();
    }
  });
});
