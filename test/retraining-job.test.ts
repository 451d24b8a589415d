import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveModelVersion, listModelEvents } from "../src/db/repositories/model-versions.ts";
import { promoteModel, runRetraining, trainFromDatabase } from "../src/model/registry/index.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

describe.each(testDialects())("the retraining job on %s", (dialect) => {
  let t: TestDatabase;
  let champion: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importDemoWorld(t, { customers: 250 });
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    t.env.RETAIN_MODELS_DIR = modelsDir;
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES, seed: 5 });
    await promoteModel({ db: t.db, version: report.version, actor: "ada@example.com" });
    champion = report.version;
  }, 120_000);
  afterAll(() => t.drop());

  it("two processes racing for one month: one retrains with the champion's settings and decides, the other skips", async () => {
    const args = ["jobs", "run", "retraining", "--date", "2026-01-15", "--json"];
    const [p1, p2] = await Promise.all([runCli(args, t.env), runCli(args, t.env)]);
    expect([p1.code, p2.code], p1.stderr + p2.stderr).toEqual([0, 0]);
    const outcomes = [lastJsonLine(p1.stdout), lastJsonLine(p2.stdout)].sort((a, b) =>
      a.status.localeCompare(b.status),
    );
    // Same settings and seed on the same data: the challenger's chosen pipeline is the champion's, no improvement.
    expect(outcomes.map((o) => o.status)).toEqual(["kept", "skipped"]);
    const [kept] = outcomes;
    expect(kept).toMatchObject({ runKey: "retraining:2026-01", champion, verdict: { earns: false } });
    expect(kept.comparison.auc.low).toBeLessThanOrEqual(0);
    expect((await findActiveModelVersion(t.db))?.version).toBe(champion);
    const job = await t.db.prisma().jobRun.findUniqueOrThrow({ where: { runKey: "retraining:2026-01" } });
    expect(job.status).toBe("done");
    expect(JSON.parse(job.counts!)).toMatchObject({ decision: "kept", champion, challenger: kept.challenger });
    const [event] = await listModelEvents(t.db, 1);
    expect(event).toMatchObject({ version: kept.challenger, action: "refused", actor: "retraining" });
    expect(JSON.parse(event.figures!).comparison.rows).toBeGreaterThan(0);
    const again = await runCli(args, t.env); // the month is done: nothing more
    expect(lastJsonLine(again.stdout)).toMatchObject({ status: "skipped" });
  }, 240_000);

  it("a failing retraining leaves the champion active and shows in `retain jobs list` and on the model", async () => {
    const notADir = join(mkdtempSync(join(tmpdir(), "retain-file-")), "models");
    writeFileSync(notADir, "a file where the models folder should be");
    const outcome = await runRetraining({ db: t.db, modelsDir: notADir, period: "2026-02" });
    expect(outcome.status).toBe("failed");
    expect((await findActiveModelVersion(t.db))?.version).toBe(champion);
    const [event] = await listModelEvents(t.db, 1);
    expect(event).toMatchObject({ version: champion, action: "retraining_failed", actor: "retraining" });
    expect(event.reason).toMatch(new RegExp(`^retraining 2026-02 failed, ${champion} stays active: `));
    const list = await runCli(["jobs", "list", "--json"], t.env);
    const runs = lastJsonLine(list.stdout) as { runKey: string; status: string; error: string | null }[];
    expect(runs.find((r) => r.runKey === "retraining:2026-02")).toMatchObject({
      status: "failed",
      error: expect.any(String),
    });
  }, 120_000);
});
