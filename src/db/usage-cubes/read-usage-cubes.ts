import { availableParallelism } from "node:os";
import type { Database } from "../database.ts";
import { readUsageCube, type UsageCubeRequest } from "../repositories/feature-sources.ts";
import { UsageCubeThreads } from "./usage-cube-threads.ts";

/** Cubes read ahead of the consumer are bounded by bytes, so memory stays flat on big databases. */
const READ_AHEAD_BYTES = 128 * 1024 * 1024;
const MAX_THREADS = 3;

export interface UsageCubes extends AsyncIterable<{ index: number; cube: Float64Array }> {
  /** Stops the reader threads (also done when iteration ends or breaks). */
  close(): Promise<void>;
}

/**
 * Daily usage cubes (see readUsageCube) of each chunk of customers, yielded as they are ready
 * (any order; `index` says which chunk). Handing SQLite's rows to JS is the cost of feature
 * building, so on a SQLite file with several chunks reader threads (one per core but one) start
 * at once, each with its own connection, while this thread does other work; once it iterates,
 * this thread reads the chunks no thread has taken. Otherwise (PostgreSQL, an in-memory SQLite)
 * chunks are read in turn as they are asked for.
 */
export function readUsageCubes(
  db: Database,
  options: { chunks: Int32Array[]; request: Omit<UsageCubeRequest, "customerIds"> },
): UsageCubes {
  const { chunks, request } = options;
  const sqlite = db.driver.sqlite;
  const helpers = sqlite && !sqlite.memory ? Math.min(MAX_THREADS, availableParallelism() - 1, chunks.length - 1) : 0;
  const threads = helpers > 0 ? new UsageCubeThreads(sqlite!.name, helpers) : null;
  const requestOf = (i: number) => ({ ...request, customerIds: chunks[i] });
  const largest =
    Math.max(1, ...chunks.map((c) => c.length)) * request.metricIds.length * (request.toDay - request.fromDay) * 8;
  const budget = Math.max(helpers, Math.floor(READ_AHEAD_BYTES / largest));
  let next = 0; // the first chunk nobody has taken
  let posted = 0; // taken by threads, not yet yielded
  const ready: { index: number; cube: Float64Array }[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const post = () => {
    for (; threads && next < chunks.length && posted < budget; posted++) {
      const index = next++;
      threads
        .read(index, requestOf(index))
        .then(
          (cube) => ready.push({ index, cube }),
          (error) => (failure ??= error),
        )
        .finally(() => wake?.());
    }
  };
  post();
  const close = async () => {
    await threads?.close();
  };
  return {
    close,
    async *[Symbol.asyncIterator]() {
      try {
        for (let yielded = 0; yielded < chunks.length; yielded++) {
          for (;;) {
            if (failure) throw failure;
            const done = ready.shift();
            if (done) {
              posted--;
              post();
              yield done;
              break;
            }
            if (next < chunks.length) {
              const index = next++;
              yield { index, cube: await readUsageCube(db.sql, requestOf(index)) };
              break;
            }
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
          }
        }
      } finally {
        await close();
      }
    },
  };
}
