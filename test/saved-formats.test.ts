import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertModelVersion, listModelVersions } from "../src/db/repositories/model-versions.ts";
import { insertDecision } from "../src/db/repositories/outreach-decisions.ts";
import { findTicketsByExternalId, loadIdMap } from "../src/db/repositories/reference-ids.ts";
import { completeRiskRun, insertRiskScores, startRiskRun } from "../src/db/repositories/risk-runs.ts";
import { writeDrivers, type Driver } from "../src/features/index.ts";
import {
  evaluatePredictions,
  readModelVersion,
  writeRegistryMetrics,
  writeRegistryTraining,
} from "../src/model/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { createFactories } from "./helpers/factories.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const y = [0, 1, 0, 1, 1, 0, 0, 1];
const validation = evaluatePredictions(y, [0.2, 0.7, 0.1, 0.6, 0.8, 0.4, 0.3, 0.5], { threshold: 0.5 });
const test = evaluatePredictions(y, [0.3, 0.6, 0.2, 0.7, 0.9, 0.3, 0.4, 0.4], { threshold: 0.5 });
const importance = [{ feature: "logins_30d", importance: 0.05 }];
const fingerprint = { dataFingerprint: "e".repeat(64), seed: 42, backend: "wasm" };

/** Registry rows as each writer saved them: before format 2 (git history) and through today's writers. */
const rows = {
  "v-first": {
    source: "database",
    metrics: JSON.stringify({
      validation,
      importance,
      candidates: [{ name: "lr", valAuc: validation.auc }],
      active: null,
      beatsActive: true,
    }),
    training: JSON.stringify({
      from: "2026-01-05",
      to: "2026-02-02",
      validationAsOf: ["2026-02-02"],
      horizonDays: 90,
      asOf: { train: ["2026-01-05"], validation: ["2026-02-02"] },
      rows: { train: 40, validation: 20 },
      ...fingerprint,
    }),
  },
  "v-csv": {
    source: "csv",
    metrics: JSON.stringify({ validation, test, importance }),
    training: JSON.stringify({ file: "telco.csv", evalFile: null, label: "Churn", ...fingerprint }),
  },
  "v-now": {
    source: "database",
    metrics: writeRegistryMetrics({
      validation,
      test,
      importance,
      candidates: [{ name: "gbdt", kind: "gbdt", members: 0, valAuc: validation.auc, testAuc: test.auc, epochs: [40] }],
      stages: [{ stage: "refit", seconds: 0.5 }],
      active: null,
      beatsActive: true,
    }),
    training: writeRegistryTraining({
      source: "database",
      from: "2026-01-05",
      to: "2026-06-01",
      horizonDays: 90,
      stepDays: 7,
      customerSample: 1,
      asOf: {
        train: ["2026-01-05"],
        validation: ["2026-02-02"],
        test: ["2026-06-01"],
        refit: ["2026-01-05", "2026-02-02", "2026-06-01"],
      },
      rows: { train: 40, validation: 20, test: 20, refit: 80 },
      ...fingerprint,
    }),
  },
} as const;

const reasons: Driver[] = [
  { feature: "logins", text: "logins 6 in the last 30 days, down from 41 in the 30 before", value: null, delta: 0.12 },
  { feature: "open_tickets", text: "2 open tickets, oldest 9 days", value: null, delta: 0.0412 },
];
/** What scoring saved before format 2: a bare array, with the feature's value. */
const legacyDrivers = JSON.stringify([{ feature: "csat_last", text: "last CSAT 2/5", value: 2, delta: 0.08 }]);

describe.each(testDialects())("saved JSON formats on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  let ids: Map<string, number>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const f = createFactories(t.db);
    await f.customers({ customer_id: "A1", mrr: 1000 }, { customer_id: "A2", mrr: 500 }, { customer_id: "A3" });
    await f.tickets({ ticket_id: "T1", customer_id: "A1", closed_at: "2026-05-02T10:00:00Z" });
    ids = await loadIdMap(t.db, "customers");
    for (const [version, row] of Object.entries(rows)) {
      await insertModelVersion(t.db, {
        version,
        kind: "lr",
        createdAt: new Date("2026-06-01T00:00:00Z"),
        threshold: 0.5,
        dir: `/nonexistent/${version}`,
        ...row,
      });
    }
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("reads registry rows of every shape Retain has written, after a trip through the database", async () => {
    const read = new Map((await listModelVersions(t.db)).map((r) => [r.version, readModelVersion(r)]));
    expect(read.get("v-first")).toMatchObject({
      metrics: {
        validation,
        test: null,
        candidates: [{ name: "lr", valAuc: validation.auc }],
        stages: [],
        active: null,
        beatsActive: true,
      },
      training: {
        source: "database",
        stepDays: null,
        customerSample: 1,
        asOf: { train: ["2026-01-05"], validation: ["2026-02-02"], test: [], refit: [] },
        rows: { test: 0, refit: 0 },
      },
    });
    expect(read.get("v-csv")).toMatchObject({
      metrics: { validation, test, candidates: [], active: null, beatsActive: null },
      training: { source: "csv", file: "telco.csv", evalFile: null },
    });
    expect(read.get("v-now")?.metrics).toEqual({
      validation,
      test,
      importance,
      candidates: [expect.objectContaining({ name: "gbdt" })],
      stages: [{ stage: "refit", seconds: 0.5 }],
      active: null,
      beatsActive: true,
    });

    const list = await api.call("GET", "/api/v1/models", { key: api.keys.viewer });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const byVersion = new Map(list.body.versions.map((v: { version: string }) => [v.version, v]));
    expect(byVersion.get("v-first")).toMatchObject({
      test: null,
      validation: { auc: validation.auc },
      training: { source: "database", horizonDays: 90 },
    });
    expect(byVersion.get("v-csv")).toMatchObject({
      test: { auc: test.auc },
      training: { source: "csv", label: "Churn" },
    });
    const detail = await api.call("GET", "/api/v1/models/v-first", { key: api.keys.viewer });
    expect(detail.body).toMatchObject({
      candidates: [{ name: "lr" }],
      importance,
      comparedWith: null,
      curves: JSON.parse(JSON.stringify(validation.curves)),
    }); // NaN (an empty bin) is null in JSON
  });

  it("retain models list and show read the same rows", async () => {
    const list = await runCli(["models", "list", "--json"], t.env);
    expect(list.code, list.stderr).toBe(0);
    expect(lastJsonLine(list.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: "v-first", auc: validation.auc, valAuc: validation.auc }),
        expect.objectContaining({ version: "v-csv", auc: test.auc, valAuc: validation.auc }),
      ]),
    );
    const show = await runCli(["models", "show", "v-first"], t.env);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`validation               AUC ${validation.auc.toFixed(4)}`);
    expect(show.stdout).toContain("candidate lr");
    const json = await runCli(["models", "show", "v-csv", "--json"], t.env);
    expect(lastJsonLine(json.stdout)).toMatchObject({
      version: "v-csv",
      metrics: { test: { auc: test.auc } },
      training: { source: "csv", file: "telco.csv" },
    });
  });

  it("refuses a registry row it cannot read, naming the version, what was expected and what was found", async () => {
    await insertModelVersion(t.db, {
      version: "v-bad",
      kind: "lr",
      source: "database",
      createdAt: new Date(),
      threshold: 0.5,
      dir: "/nonexistent",
      metrics: '{"formatVersion":3}',
      training: rows["v-now"].training,
    });
    try {
      const message =
        "model_versions.metrics of v-bad: expected format 2, found format 3; retrain with `npx retain train`";
      const list = await api.call("GET", "/api/v1/models", { key: api.keys.viewer });
      expect(list.status).toBe(500);
      expect(list.body.error).toMatchObject({ code: "DATABASE", message: expect.stringContaining(message) });
      const promote = await api.call("POST", "/api/v1/models/v-bad/promote", { key: api.keys.admin, body: {} });
      expect(promote.body.error).toMatchObject({ code: "DATABASE", message: expect.stringContaining(message) });
      const cli = await runCli(["models", "list"], t.env);
      expect(cli.code).toBe(4);
      expect(cli.stderr.trim()).toBe(`retain: ${message} (the version cannot be shown or promoted as it is)`);
      await t.db.sql.run("UPDATE model_versions SET metrics = ?, training = ? WHERE version = ?", [
        rows["v-now"].metrics,
        "{}",
        "v-bad",
      ]);
      const show = await api.call("GET", "/api/v1/models/v-bad", { key: api.keys.viewer });
      expect(show.body.error.message).toContain(
        "model_versions.training of v-bad: expected format 2, found an unversioned value with",
      );
    } finally {
      await t.db.sql.run("DELETE FROM model_versions WHERE version = ?", ["v-bad"]);
    }
  });

  it("stores drivers in format 2, reads the older bare arrays, and refuses a corrupt row with the customer named", async () => {
    const runId = await startRiskRun(t.db, {
      asOf: new Date("2026-06-08T00:00:00Z"),
      modelVersion: "v-now",
      rule: JSON.stringify({ kind: "threshold", value: 0.5 }),
    });
    const score = (customer: string, probability: number, drivers: string) => ({
      customerId: ids.get(customer)!,
      probability,
      band: "high",
      atRisk: true,
      mrr: 100,
      drivers,
      previous: null,
      change: "new",
    });
    await insertRiskScores(t.db, runId, [
      score("A1", 0.9, writeDrivers(reasons)),
      score("A2", 0.8, legacyDrivers),
      score("A3", 0.7, writeDrivers([])),
    ]);
    await completeRiskRun(t.db, runId, { scored: 3, atRisk: 3, durationMs: 1 });
    const [stored] = await t.db.sql.all<{ drivers: string }>("SELECT drivers FROM risk_scores WHERE customer_id = ?", [
      ids.get("A1")!,
    ]);
    expect(JSON.parse(stored.drivers)).toEqual({ formatVersion: 2, drivers: reasons });

    const list = await api.call("GET", "/api/v1/at-risk", { key: api.keys.viewer });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(
      Object.fromEntries(
        list.body.items.map((i: { customerId: string; drivers: Driver[] }) => [i.customerId, i.drivers]),
      ),
    ).toEqual({
      A1: reasons,
      A2: [{ feature: "csat_last", text: "last CSAT 2/5", value: 2, delta: 0.08 }],
      A3: [],
    });
    const customer = await api.call("GET", "/api/v1/customers/A2", { key: api.keys.viewer });
    expect(customer.body.risk.latest.drivers).toEqual([
      { feature: "csat_last", text: "last CSAT 2/5", value: 2, delta: 0.08 },
    ]);

    await t.db.sql.run("UPDATE risk_scores SET drivers = ? WHERE customer_id = ?", [
      '{"formatVersion":2,"drivers":{}}',
      ids.get("A2")!,
    ]);
    const broken = await api.call("GET", "/api/v1/at-risk", { key: api.keys.viewer });
    expect(broken.status).toBe(500);
    expect(broken.body.error).toMatchObject({
      code: "DATABASE",
      message:
        "drivers of customer A2: expected format 2, found format 2 with drivers: expected array, " +
        "received object; score again with `npx retain score`",
    });
    await t.db.sql.run("UPDATE risk_scores SET drivers = ? WHERE customer_id = ?", [legacyDrivers, ids.get("A2")!]);
  });

  it("reads the drivers an outreach decision was made on, in either format", async () => {
    const ticket = (await findTicketsByExternalId(t.db, ["T1"])).get("T1")!;
    const decide = (drivers: string | null, at: string) =>
      insertDecision(t.db.sql, {
        followUp: {
          id: 1,
          customerId: ids.get("A1")!,
          ticketId: ticket.id,
          play: "ticket-closed",
          arm: "treatment",
          template: "ticket-closed",
          plannedAt: new Date("2026-05-03T09:00:00Z"),
        },
        status: "suppressed",
        reason: "frequency_cap",
        detail: "contacted 3 days ago",
        at: new Date(at),
        evidence: { runId: null, modelVersion: "v-now", score: 0.9, drivers, rule: "{}" },
      });
    await decide(writeDrivers(reasons), "2026-05-02T11:00:00Z");
    await decide(legacyDrivers, "2026-05-02T12:00:00Z");
    await decide(null, "2026-05-02T13:00:00Z");
    const log = await api.call("GET", "/api/v1/outreach/log", { key: api.keys.viewer });
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    expect(log.body.items.map((e: { drivers: Driver[] | null }) => e.drivers)).toEqual([
      null,
      [{ feature: "csat_last", text: "last CSAT 2/5", value: 2, delta: 0.08 }],
      reasons,
    ]);
  });
});
