import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/index.ts";
import { promoteModel, trainFromDatabase } from "../src/model/registry/index.ts";
import { closedTicket, OUTREACH_TEST_ENV } from "./helpers/outreach-world.ts";
import { RETAIN_BIN } from "./helpers/run-cli.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

const SESSION_SECRET = "shared-session-secret-0123456789abcdef";
const FOLLOW_UPS = 10;

interface Instance {
  url: string;
  child: ChildProcess;
  /** The JSON log lines written so far. */
  logs(): { msg?: string; runKey?: string }[];
  stop(): Promise<number | null>;
}

/** Starts `retain serve --port 0` (its own data folder, as on its own machine) and resolves once it listens. */
function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, [RETAIN_BIN, "serve", "--port", "0"], {
    env: { ...env, RETAIN_DATA_DIR: mkdtempSync(join(tmpdir(), "retain-instance-")) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`retain serve did not start in time:\n${stderr}`)), 60_000);
    child.once("exit", (code) => reject(new Error(`retain serve exited (${code}) before listening:\n${stderr}`)));
    child.stdout!.on("data", (d) => {
      stdout += d;
      const url = /serving on (http:\/\/\S+?)\/ /.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        child,
        logs: () =>
          stderr
            .split("\n")
            .filter((l) => l.startsWith("{"))
            .map((l) => JSON.parse(l)),
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Several instances on one database is a PostgreSQL deployment (SQLite serves one machine).
describe.runIf(testDialects().includes("postgres"))("two `retain serve` instances on one PostgreSQL database", () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let instances: Instance[] = [];
  let keys: { admin: string; csm: string };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.sql.all<{ n: number }>(sql, params as string[]))[0].n);

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await importDemoWorld(t, { customers: 200 });
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES });
    await promoteModel({ db: t.db, version: report.version });
    keys = {
      admin: (await createApiKey(t.db, { role: "admin" })).key,
      csm: (await createApiKey(t.db, { role: "csm" })).key,
    };
    smtp = await startSmtpServer();
    const env = {
      ...t.env,
      ...OUTREACH_TEST_ENV,
      RETAIN_MODELS_DIR: modelsDir,
      SMTP_URL: smtp.url,
      RETAIN_SESSION_SECRET: SESSION_SECRET,
      RETAIN_AT_RISK_RULE: "top:20",
      RETAIN_OUTREACH_INTERVAL_SECONDS: "0.2",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    };
    // Both start at once: each catches up the latest scheduled nightly run, for the same date.
    instances = await Promise.all([startInstance(env), startInstance(env)]);
  });
  afterAll(async () => {
    try {
      expect(await Promise.all(instances.map((i) => i.stop()))).toEqual(instances.map(() => 0)); // both stop cleanly on SIGTERM
    } finally {
      await smtp?.stop();
      await t?.drop();
    }
  });

  it("one nightly run per date: one instance scores it, the other sees it taken", async () => {
    const runs = () => t.db.prisma().jobRun.findMany({ where: { job: "nightly-scoring" } });
    await waitFor("the nightly run to finish", async () => (await runs()).some((r) => r.status !== "running"));
    const [run, ...others] = await runs();
    expect(others).toEqual([]);
    expect(run).toMatchObject({ status: "done", error: null });
    const pids = instances.map((i) => `${hostname()}:${i.child.pid}`);
    expect(pids).toContain(run.instance);
    const loser = instances[pids.indexOf(run.instance) === 0 ? 1 : 0];
    await waitFor("the other instance's attempt", () => loser.logs().some((l) => l.runKey === run.runKey));
    expect(
      loser
        .logs()
        .filter((l) => l.runKey === run.runKey)
        .map((l) => l.msg),
    ).toEqual(["already claimed or done elsewhere; skipping"]);
    const asOf = new Date(`${run.runKey.slice("nightly-scoring:".length)}T00:00:00Z`);
    expect(await t.db.prisma().riskRun.count({ where: { asOf } })).toBe(1);
  });

  it("tickets closed through one instance, both workers running: every outbox message is sent exactly once", async () => {
    await waitFor(
      "the nightly run",
      async () => (await count("SELECT COUNT(*) AS n FROM risk_runs WHERE status = 'complete'")) > 0,
    );
    // At-risk customers with an address and no other open ticket: every rule lets their follow-up go.
    const atRisk = await t.db.sql.all<{ external_id: string }>(
      `SELECT c.external_id FROM risk_scores s JOIN risk_runs r ON r.id = s.run_id JOIN customers c ON c.id = s.customer_id
       WHERE r.status = 'complete' AND s.at_risk = ? AND c.email IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM tickets k WHERE k.customer_id = c.id AND k.closed_at IS NULL)
       ORDER BY c.external_id LIMIT ${FOLLOW_UPS}`,
      [true],
    );
    expect(atRisk).toHaveLength(FOLLOW_UPS);
    const closedAt = new Date(Date.now() - 30 * 3_600_000); // the follow-up delay (24 h) has passed: due at once
    const tickets = atRisk.map((c, i) => closedTicket(`SV-${i}`, c.external_id, closedAt));
    smtp.set({ delayMs: 15 }); // each send takes a moment, so the two workers overlap
    try {
      const res = await fetch(`${instances[0].url}/api/v1/tickets`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${keys.csm}` },
        body: JSON.stringify(tickets),
      });
      expect(res.status, await res.text()).toBe(200);
      await waitFor(
        "every follow-up sent",
        async () => (await count("SELECT COUNT(*) AS n FROM outreach_outbox WHERE status = 'sent'")) >= FOLLOW_UPS,
      );
      await new Promise((r) => setTimeout(r, 1000)); // several more passes of both workers: nothing is sent again
    } finally {
      smtp.set({ delayMs: 0 });
    }
    expect(await count("SELECT COUNT(*) AS n FROM outreach_outbox WHERE status <> 'sent'")).toBe(0);
    const sent = await count("SELECT COUNT(*) AS n FROM outreach_outbox");
    expect(sent).toBe(FOLLOW_UPS);
    expect(smtp.messages).toHaveLength(sent);
    expect(new Set(smtp.messages.map((m) => m.header("message-id"))).size).toBe(sent);
    expect(new Set(smtp.messages.map((m) => m.envelope.to[0])).size).toBe(sent);
  });

  it("a session signed in on one instance is valid on the other (shared RETAIN_SESSION_SECRET)", async () => {
    const [a, b] = instances;
    const signIn = await fetch(`${a.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: keys.admin }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    const me = await fetch(`${b.url}/api/v1/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: "admin", via: "session" });
    const page = await fetch(`${b.url}/at-risk`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  });
});
