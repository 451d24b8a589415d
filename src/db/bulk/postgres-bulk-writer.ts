import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { ImportRow } from "../import-rows.ts";
import { emptyOutcome, type BatchOutcome, type BulkWriter } from "./bulk-writer.ts";
import type { Cell, TableSpec } from "./table-specs.ts";

const CHUNK = 5_000;

/**
 * PostgreSQL upserts on one pooled client: each chunk is one multi-row
 * INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE … WHERE the row differs,
 * RETURNING whether it was inserted (xmax = 0). Unchanged rows are not returned.
 */
export class PostgresBulkWriter implements BulkWriter {
  private readonly seenTable = `seen_${randomBytes(4).toString("hex")}`;
  private readonly upsertSql: string;
  private readonly metricIds = new Map<string, number>();

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly spec: TableSpec,
  ) {
    const all = [...spec.keys, ...spec.columns];
    const names = all.map((c) => `"${c.name}"`).join(", ");
    const arrays = all.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
    const keyList = spec.keys.map((c) => `"${c.name}"`).join(", ");
    const set = spec.columns.map((c) => `"${c.name}" = EXCLUDED."${c.name}"`).join(", ");
    const mine = spec.columns.map((c) => `t."${c.name}"`).join(", ");
    const theirs = spec.columns.map((c) => `EXCLUDED."${c.name}"`).join(", ");
    const differs =
      spec.columns.length === 1 ? `${mine} IS DISTINCT FROM ${theirs}` : `(${mine}) IS DISTINCT FROM (${theirs})`;
    const returning = spec.table === "tickets" ? "(xmax = 0) AS inserted, id" : "(xmax = 0) AS inserted";
    this.upsertSql = `INSERT INTO ${spec.table} AS t (${names}) SELECT * FROM unnest(${arrays})
      ON CONFLICT (${keyList}) DO UPDATE SET ${set} WHERE ${differs} RETURNING ${returning}`;
  }

  static async open(pool: pg.Pool, spec: TableSpec): Promise<PostgresBulkWriter> {
    const client = await pool.connect();
    const writer = new PostgresBulkWriter(client, spec);
    await client.query(`CREATE TEMP TABLE ${writer.seenTable} (k text PRIMARY KEY, line int NOT NULL)`);
    return writer;
  }

  /** Replaces metric names (at `metricAt`) by their ids, creating the metrics not seen yet. */
  private async resolveMetrics(rows: Cell[][], metricAt: number): Promise<void> {
    const missing = [...new Set(rows.map((r) => r[metricAt] as string))].filter((m) => !this.metricIds.has(m));
    if (missing.length) {
      await this.client.query("INSERT INTO metrics (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING", [
        missing,
      ]);
      const found = await this.client.query("SELECT id, name FROM metrics WHERE name = ANY($1)", [missing]);
      for (const r of found.rows) this.metricIds.set(r.name, r.id);
    }
    for (const r of rows) r[metricAt] = this.metricIds.get(r[metricAt] as string)!;
  }

  /** Records keys as seen; returns the indexes that repeat an earlier row, with its line. */
  private async markSeen(keys: string[], lines: number[], outcome: BatchOutcome): Promise<Set<number>> {
    const firstInBatch = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) if (!firstInBatch.has(keys[i])) firstInBatch.set(keys[i], i);
    const unique = [...firstInBatch.keys()];
    const inserted = await this.client.query(
      `INSERT INTO ${this.seenTable} (k, line) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING RETURNING k`,
      [unique, unique.map((k) => lines[firstInBatch.get(k)!])],
    );
    const fresh = new Set(inserted.rows.map((r) => r.k as string));
    const stale = unique.filter((k) => !fresh.has(k));
    const earlier = new Map<string, number>();
    if (stale.length) {
      const found = await this.client.query(`SELECT k, line FROM ${this.seenTable} WHERE k = ANY($1) `, [stale]);
      for (const r of found.rows) earlier.set(r.k, r.line);
    }
    const skip = new Set<number>();
    keys.forEach((k, i) => {
      const first = firstInBatch.get(k)!;
      const firstLine = earlier.get(k) ?? (first !== i ? lines[first] : undefined);
      if (firstLine === undefined) return;
      outcome.duplicates.push({ index: i, firstLine });
      skip.add(i);
    });
    return skip;
  }

  async writeBatch(rows: ImportRow[], lines: number[]): Promise<BatchOutcome> {
    const outcome = emptyOutcome();
    const { metricAt } = this.spec;
    try {
      await this.client.query("BEGIN");
      const values = rows.map((r) => this.spec.values(r));
      if (metricAt !== undefined) await this.resolveMetrics(values, metricAt);
      const keys = values.map((v) => String(this.spec.seenKey(v)));
      const skip = await this.markSeen(keys, lines, outcome);
      const kept = values.filter((_, i) => !skip.has(i));
      const width = this.spec.keys.length + this.spec.columns.length;
      const types = [...this.spec.keys, ...this.spec.columns].map((c) => c.type);
      for (let start = 0; start < kept.length; start += CHUNK) {
        const columns: unknown[][] = Array.from({ length: width }, () => []);
        for (const row of kept.slice(start, start + CHUNK)) {
          for (let c = 0; c < width; c++) {
            const v = row[c];
            columns[c].push(types[c] === "timestamp" && v !== null ? new Date(v as number).toISOString() : v);
          }
        }
        const result = await this.client.query(this.upsertSql, columns);
        for (const r of result.rows) {
          if (r.inserted) outcome.inserted++;
          else outcome.updated++;
          if (r.id !== undefined) outcome.changedIds.push(r.id);
        }
        outcome.unchanged += Math.min(CHUNK, kept.length - start) - result.rows.length;
      }
      await this.client.query("COMMIT");
      return outcome;
    } catch (error) {
      await this.client.query("ROLLBACK").catch(() => undefined);
      this.metricIds.clear();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.query(`DROP TABLE IF EXISTS ${this.seenTable}`).catch(() => undefined);
    this.client.release();
  }
}
