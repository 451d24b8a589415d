import { Worker } from "node:worker_threads";
import { AppError, ErrorCode } from "../errors.ts";
import type { SqlClient, SqlValue } from "./sql-client.ts";
import { toSqliteValue } from "./sqlite-client.ts";

type Reply = { id: number; rows?: unknown[]; error?: string };

/**
 * Read-only SqlClient whose queries run in a thread with its own connection to the SQLite file
 * (WAL lets it read while the main connection writes). Long reports (KPIs over every ticket) then
 * leave the server's event loop free. The thread starts on the first query and holds the process
 * open only while a query is pending.
 */
export class SqliteReportClient implements SqlClient {
  readonly dialect = "sqlite" as const;
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve(rows: unknown[]): void; reject(e: Error): void }>();
  private nextId = 0;

  constructor(private readonly path: string) {}

  private start(): Worker {
    const worker = new Worker(new URL("./sqlite-report-thread.mjs", import.meta.url), {
      workerData: { path: this.path },
    });
    worker.on("message", ({ id, rows, error }: Reply) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      if (error !== undefined) waiter?.reject(new AppError(ErrorCode.Database, `report query failed: ${error}`));
      else waiter?.resolve(rows!);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
      this.worker = null; // the next query starts a new thread
    };
    worker.on("error", fail);
    worker.on("exit", (code) =>
      fail(new AppError(ErrorCode.Database, `the SQLite report thread stopped (exit code ${code})`)),
    );
    return worker;
  }

  all<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.query<T>(sql, params, false);
  }

  async eachRow(sql: string, params: SqlValue[], onRow: (values: unknown[]) => void): Promise<number> {
    const rows = await this.query<unknown[]>(sql, params, true);
    for (const row of rows) onRow(row);
    return rows.length;
  }

  private query<T>(sql: string, params: SqlValue[], raw: boolean): Promise<T[]> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.ref();
      worker.postMessage({ id, sql, params: params.map(toSqliteValue), raw });
    });
  }

  private readOnly(): never {
    throw new AppError(ErrorCode.Internal, "the report client only reads: write with db.sql");
  }

  async run(): Promise<number> {
    return this.readOnly();
  }

  async exec(): Promise<void> {
    return this.readOnly();
  }

  async transaction<T>(): Promise<T> {
    return this.readOnly();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
