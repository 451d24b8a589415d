import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  abandonJobRuns,
  claimJobRun,
  finishJobRun,
  heartbeatJobRun,
  JobStatus,
} from "../src/db/repositories/job-runs.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const MINUTE = 60_000;

/** The pid of a process that has exited (and been reaped): an owner that is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

describe.each(testDialects())("job-run claims on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => (t = await createTestDatabase(dialect)));
  afterAll(() => t.drop());

  const row = (runKey: string) => t.db.prisma().jobRun.findUniqueOrThrow({ where: { runKey } });
  const silence = (runKey: string, ms: number) =>
    t.db.sql.run("UPDATE job_runs SET heartbeat_at = ? WHERE run_key = ?", [new Date(Date.now() - ms), runKey]);
  const claim = (runKey: string, instance: string) =>
    claimJobRun(t.db, { job: "nightly-scoring", runKey, instance, staleAfterMs: 10 * MINUTE });

  it("after a stale claim is taken over, the old owner's heartbeat and finish change nothing", async () => {
    const key = "nightly-scoring:2026-02-01";
    const old = (await claim(key, "host-a:1"))!;
    await silence(key, 11 * MINUTE);
    const taker = (await claim(key, "host-b:2"))!;
    expect(taker).toMatchObject({ id: old.id });
    expect(taker.token).not.toBe(old.token);

    expect(await heartbeatJobRun(t.db, old)).toBe(false);
    expect(await finishJobRun(t.db, old, { status: JobStatus.Failed, error: "old owner woke up", durationMs: 5 })).toBe(
      false,
    );
    expect(await row(key)).toMatchObject({ status: "running", instance: "host-b:2", error: null, finishedAt: null });

    expect(await heartbeatJobRun(t.db, taker)).toBe(true);
    expect(await finishJobRun(t.db, taker, { status: JobStatus.Done, counts: { scored: 3 }, durationMs: 7 })).toBe(
      true,
    );
    expect(await finishJobRun(t.db, old, { status: JobStatus.Failed, error: "late", durationMs: 9 })).toBe(false);
    expect(await row(key)).toMatchObject({
      status: "done",
      instance: "host-b:2",
      counts: '{"scored":3}',
      durationMs: 7,
      error: null,
    });
  });

  it("instances racing to take over one stale claim: exactly one wins, and only its writes land", async () => {
    const key = "nightly-scoring:2026-02-02";
    await claim(key, "host-a:1");
    await silence(key, 11 * MINUTE);
    const claims = await Promise.all(["host-b:1", "host-c:1", "host-d:1", "host-e:1"].map((i) => claim(key, i)));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    const winner = (await row(key)).instance;
    expect(["host-b:1", "host-c:1", "host-d:1", "host-e:1"]).toContain(winner);
    const results = await Promise.all(
      winners.map((c) => finishJobRun(t.db, c!, { status: JobStatus.Done, durationMs: 1 })),
    );
    expect(results).toEqual([true]);
    expect(await row(key)).toMatchObject({ status: "done", instance: winner });
  });

  it("a run whose owner is gone, or silent too long, reads as abandoned and can be claimed again at once", async () => {
    const gone = "nightly-scoring:2026-02-03";
    const silent = "nightly-scoring:2026-02-04";
    const alive = "nightly-scoring:2026-02-05";
    const goneClaim = (await claim(gone, `${hostname()}:${await deadPid()}`))!;
    await claim(silent, "another-host:7");
    await silence(silent, 11 * MINUTE);
    await claim(alive, `${hostname()}:${process.pid}`);
    await silence(alive, 1000);

    const abandoned = await abandonJobRuns(t.db, { staleAfterMs: 10 * MINUTE });
    expect(abandoned.map((a) => a.runKey).sort()).toEqual([gone, silent]);
    expect(await row(gone)).toMatchObject({
      status: "abandoned",
      error: expect.stringMatching(/^abandoned: its owner .+ is gone/),
      finishedAt: expect.any(Date),
    });
    expect(await row(silent)).toMatchObject({
      status: "abandoned",
      error: expect.stringMatching(/^abandoned: no heartbeat from another-host:7 for 6\d\d s/),
    });
    expect(await row(alive)).toMatchObject({ status: "running" });
    expect(await finishJobRun(t.db, goneClaim, { status: JobStatus.Done, durationMs: 1 })).toBe(false);

    const again = await claim(gone, "host-f:1");
    expect(again).not.toBeNull();
    expect(await row(gone)).toMatchObject({ status: "running", instance: "host-f:1", error: null, finishedAt: null });
    expect(await claim(alive, "host-g:1")).toBeNull();

    const direct = "nightly-scoring:2026-02-06";
    await claim(direct, `${hostname()}:${await deadPid()}`);
    expect(await claim(direct, "host-h:1")).not.toBeNull(); // no need to wait out the heartbeat limit
  });
});
