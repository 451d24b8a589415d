// The SQLite report thread: runs read-only report queries (KPIs) on a connection of its own,
// so a query of seconds does not stall the main thread. Plain JS: it needs no TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 15000");
db.pragma("cache_size = -65536");
db.pragma("query_only = 1");
db.pragma(`mmap_size = ${Number(workerData.mmapBytes ?? 0)}`);
const statements = new Map();

parentPort.on("message", ({ id, sql, params, raw = false }) => {
  try {
    const key = raw ? `raw:${sql}` : sql; // a raw statement stays raw: cached apart
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(sql);
      if (raw) statement.raw(true);
      if (statements.size > 200) statements.clear();
      statements.set(key, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
