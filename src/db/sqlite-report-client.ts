import { Worker } from "node:worker_threads";
import { AppError, ErrorCode } from "../errors.ts";
import type { SqlClient, SqlValue } from "./sql-client.ts";
import { toSqliteValue } from "./sqlite-client.ts";

type Reply = { id: number; rows?: unknown[]; error?: string };
type Waiter = { resolve(rows: unknown[]): void; reject(e: Error): void };

/** One report thread and the queries it has been given. */
interface ReportThread {
  worker: Worker;
  waiting: Map<number, Waiter>;
}

const CLOSED = { closed: true } as const;

/** Whether `error` is a report query cut short by closing the database (a shutdown, not a failure). */
export function isClosedWhileRunning(error: unknown): boolean {
  return error instanceof AppError && error.details === CLOSED;
}

/** SQLite's largest memory map (SQLITE_MAX_MMAP_SIZE of the bundled build, just under 2 GiB). */
export const MAX_MMAP_BYTES = 0x7fff0000;

/**
 * Read-only SqlClient whose queries run in threads with connections of their own to the SQLite
 * file (WAL lets them read while the main connection writes). Long reports (KPIs over every
 * ticket) then leave the server's event loop free, and a report's independent queries run side
 * by side: each query goes to an idle thread, a new one while fewer than `threads` (default 2,
 * this machine class's cores) are up, else the least busy. Threads start on demand and hold the
 * process open only while a query is pending. Each reads the file through a memory map of up to
 * `mmapBytes` (default MAX_MMAP_BYTES; 0 = read() calls): pages already in the OS cache then cost
 * no system call, which halves index-driven lookups; the mapped pages count in the process's
 * resident size though they are the OS cache's.
 */
export class SqliteReportClient implements SqlClient {
  readonly dialect = "sqlite" as const;
  private readonly threads: ReportThread[] = [];
  private nextId = 0;
  private readonly maxThreads: number;
  private readonly mmapBytes: number;

  constructor(
    private readonly path: string,
    options: { threads?: number; mmapBytes?: number } = {},
  ) {
    this.maxThreads = Math.max(1, options.threads ?? 2);
    this.mmapBytes = options.mmapBytes ?? MAX_MMAP_BYTES;
  }

  private start(): ReportThread {
    const worker = new Worker(new URL("./sqlite-report-thread.mjs", import.meta.url), {
      workerData: { path: this.path, mmapBytes: this.mmapBytes },
    });
    const thread: ReportThread = { worker, waiting: new Map() };
    worker.on("message", ({ id, rows, error }: Reply) => {
      const waiter = thread.waiting.get(id);
      thread.waiting.delete(id);
      if (thread.waiting.size === 0) worker.unref();
      if (error !== undefined) waiter?.reject(new AppError(ErrorCode.Database, `report query failed: ${error}`));
      else waiter?.resolve(rows!);
    });
    const fail = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index < 0) return;
      this.threads.splice(index, 1); // the next query starts a new thread
      for (const w of thread.waiting.values()) w.reject(error);
      thread.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) =>
      fail(new AppError(ErrorCode.Database, `the SQLite report thread stopped (exit code ${code})`)),
    );
    this.threads.push(thread);
    return thread;
  }

  /** An idle thread, else a new one while there is room, else the one with the fewest queries. */
  private pick(): ReportThread {
    const idle = this.threads.find((t) => t.waiting.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.maxThreads) return this.start();
    return this.threads.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
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
    const thread = this.pick();
    const id = this.nextId++;
    return new Promise<T[]>((resolve, reject) => {
      thread.waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, sql, params: params.map(toSqliteValue), raw });
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

  /** Stops the threads; a query still running is rejected (not left pending for ever). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    const closed = new AppError(ErrorCode.Database, "the database was closed while a report query ran", CLOSED);
    for (const t of threads) for (const w of t.waiting.values()) w.reject(closed);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}
