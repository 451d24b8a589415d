import pg from "pg";
import type { SqlClient, SqlValue } from "./sql-client.ts";
import { toPostgresPlaceholders } from "./sql-client.ts";

/** Type parsers: timestamps are UTC, bigint counts and numerics come back as numbers. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 1114) return (s: string) => new Date(`${s.replace(" ", "T")}Z`);
    if (oid === 20 || oid === 1700) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, types: types as pg.CustomTypesConfig });
}

function toPostgresValue(v: SqlValue): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** SqlClient over a pg Pool (or, inside a transaction, one checked-out client). */
export class PostgresClient implements SqlClient {
  readonly dialect = "postgres" as const;

  constructor(
    readonly pool: pg.Pool,
    private readonly client?: pg.PoolClient,
  ) {}

  private get target(): pg.Pool | pg.PoolClient {
    return this.client ?? this.pool;
  }

  async all<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    const result = await this.target.query(toPostgresPlaceholders(sql), params.map(toPostgresValue));
    return result.rows as T[];
  }

  async eachRow(sql: string, params: SqlValue[], onRow: (values: unknown[]) => void): Promise<number> {
    const result = await this.target.query({
      text: toPostgresPlaceholders(sql),
      values: params.map(toPostgresValue),
      rowMode: "array",
    });
    for (const row of result.rows as unknown[][]) onRow(row);
    return result.rows.length;
  }

  async run(sql: string, params: SqlValue[] = []): Promise<number> {
    const result = await this.target.query(toPostgresPlaceholders(sql), params.map(toPostgresValue));
    return result.rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    await this.target.query(script);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(new PostgresClient(this.pool, client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (!this.client) await this.pool.end();
  }
}
