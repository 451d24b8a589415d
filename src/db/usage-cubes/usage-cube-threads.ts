import { Worker } from "node:worker_threads";
import { AppError, ErrorCode } from "../../errors.ts";
import type { UsageCubeRequest } from "../repositories/feature-sources.ts";

type Reply = { id: number; cube?: Float64Array; error?: string };

/**
 * Reader threads, each with its own read-only connection to the SQLite file, reading usage
 * cubes while the main thread computes: handing SQLite's rows to JS is the cost of feature
 * building (≈ 0.25 µs a row), and it parallelises across cores.
 */
export class UsageCubeThreads {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(cube: Float64Array): void; reject(e: Error): void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(path: string, threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL("./usage-cube-thread.mjs", import.meta.url), { workerData: { path } });
      worker.on("message", ({ id, cube, error }: Reply) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        if (error !== undefined) waiter?.reject(new AppError(ErrorCode.Database, `usage read failed: ${error}`));
        else waiter?.resolve(cube!);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on(
        "exit",
        (code) =>
          code !== 0 &&
          this.fail(new AppError(ErrorCode.Database, `a usage reader thread stopped (exit code ${code})`)),
      );
      return worker;
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  /** The cube of one request, read by thread `index % threads` (requests to a thread queue up). */
  read(index: number, request: UsageCubeRequest): Promise<Float64Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[index % this.workers.length].postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new AppError(ErrorCode.Internal, "the usage reader threads are closed");
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
