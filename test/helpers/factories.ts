import type { Database } from "../../src/db/index.ts";
import { loadIdMap } from "../../src/db/repositories/reference-ids.ts";
import { completeRiskRun, insertRiskScores, startRiskRun } from "../../src/db/repositories/risk-runs.ts";
import { ingestRecords, type ImportKind } from "../../src/ingest/index.ts";

/** Records shaped like the contract CSV rows; any column may be overridden. */
export type Fields = Record<string, string | number | null>;

export interface RiskRunSpec {
  /** YYYY-MM-DD. */
  asOf: string;
  /** complete (default) or building (unfinished: readers must ignore it). */
  status?: "complete" | "building";
  /** External ids flagged at risk. */
  atRisk: string[];
  /** External ids scored but not at risk. */
  notAtRisk?: string[];
}

/**
 * Test data through the real ingest path (same validation as imports), with defaults that
 * overrides replace. Every insert fails loudly on a rejected record.
 */
export function createFactories(db: Database) {
  let n = 0;
  const next = (prefix: string) => `${prefix}${++n}`;

  async function ingest(kind: ImportKind, records: Fields[]): Promise<string[]> {
    const result = await ingestRecords({ db, kind, records });
    if (result.rejected) throw new Error(`factory ${kind}: ${JSON.stringify(result.errors)}`);
    const idColumn = {
      customers: "customer_id",
      agents: "agent_id",
      tickets: "ticket_id",
      surveys: "response_id",
      usage: "customer_id",
    }[kind];
    return records.map((r) => String(r[idColumn]));
  }

  return {
    /** Customers: a customer since 2025-01-01 with MRR 100 unless overridden. */
    customers: (...overrides: Fields[]) =>
      ingest(
        "customers",
        overrides.map((o) => ({
          customer_id: next("C"),
          plan: "Pro Monthly",
          mrr: 100,
          signup_date: "2025-01-01",
          churn_date: "",
          segment: "SMB",
          ...o,
        })),
      ),
    agents: (...overrides: Fields[]) =>
      ingest(
        "agents",
        overrides.map((o) => ({ agent_id: next("A"), name: `Agent ${n}`, ...o })),
      ),
    /** Tickets need customer_id; an open email ticket unless overridden. */
    tickets: (...overrides: (Fields & { customer_id: string })[]) =>
      ingest(
        "tickets",
        overrides.map((o) => ({
          ticket_id: next("T"),
          created_at: "2026-04-25T00:00:00Z",
          channel: "email",
          status: o.closed_at ? "closed" : o.resolved_at ? "solved" : "open",
          ...o,
        })),
      ),
    /** Survey answers need customer_id, kind and score. */
    surveys: (...overrides: (Fields & { customer_id: string; kind: string; score: number })[]) =>
      ingest(
        "surveys",
        overrides.map((o) => ({ response_id: next("S"), responded_at: "2026-05-15T00:00:00Z", ...o })),
      ),
    /** A risk run with scores: probability 0.9 when at risk, 0.1 otherwise. */
    async riskRun(spec: RiskRunSpec): Promise<number> {
      const ids = await loadIdMap(db, "customers");
      const id = (external: string) => {
        const found = ids.get(external);
        if (found === undefined) throw new Error(`factory riskRun: no customer ${external}`);
        return found;
      };
      const runId = await startRiskRun(db, {
        asOf: new Date(`${spec.asOf}T00:00:00Z`),
        modelVersion: "test",
        rule: JSON.stringify({ kind: "threshold", value: 0.5 }),
      });
      const score = (external: string, atRisk: boolean) => ({
        customerId: id(external),
        probability: atRisk ? 0.9 : 0.1,
        band: atRisk ? "high" : "low",
        atRisk,
        mrr: 100,
        drivers: "[]",
        previous: null,
        change: "new",
      });
      const scores = [...spec.atRisk.map((c) => score(c, true)), ...(spec.notAtRisk ?? []).map((c) => score(c, false))];
      await insertRiskScores(db, runId, scores);
      if ((spec.status ?? "complete") === "complete")
        await completeRiskRun(db, runId, { scored: scores.length, atRisk: spec.atRisk.length, durationMs: 1 });
      return runId;
    },
  };
}
