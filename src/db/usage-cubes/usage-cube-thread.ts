import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { readUsageCube, type UsageCubeRequest } from "../repositories/feature-sources.ts";
import { SqliteClient } from "../sqlite-client.ts";

/** The body of a usage reader thread: its own read-only connection, one cube per message. */
const connection = new Database((workerData as { path: string }).path, { fileMustExist: true });
connection.pragma("busy_timeout = 15000");
connection.pragma("cache_size = -65536");
connection.pragma("query_only = 1");
const sql = new SqliteClient(connection);

parentPort!.on("message", async (message: { id: number; request: UsageCubeRequest }) => {
  try {
    const cube = await readUsageCube(sql, message.request);
    parentPort!.postMessage({ id: message.id, cube }, [cube.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
