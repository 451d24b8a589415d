import type { Command } from "commander";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { parseIntOption } from "../options.ts";
import { runCommand, withDatabase } from "../run-command.ts";

/** Where and what to serve. */
export interface ServiceOptions {
  db: Database;
  config: Config;
  host: string;
  /** 0: any free port (the URL says which). */
  port: number;
}

/**
 * The service: HTTP API and dashboard, the outreach worker, the nightly scoring job and the daily digest
 * (when RETAIN_DIGEST is on: by default with SMTP_URL), wired together (the composition root shared by
 * `retain serve` and `retain demo`).
 * The port is taken first: the app, the schedule and the worker start only once it is ours, so
 * a port in use leaves nothing running. Resolves once listening; `stop()` waits for work in flight.
 */
export async function startService(options: ServiceOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const { db, config, host } = options;
  // Loaded on use, so other commands (and `--help`) start fast.
  const { createApp } = await import("../../server/index.ts");
  const { checkSendingSetup, createOutreach, TriggerSource } = await import("../../outreach/index.ts");
  const { resolveSessionSecret } = await import("../../auth/index.ts");
  const { startNightlyScoring } = await import("../../../jobs/nightly-scoring.ts");
  const { startOutreachWorker } = await import("../../../jobs/outreach-worker.ts");
  const { startDailyDigest } = await import("../../../jobs/daily-digest.ts");
  const { startRetraining } = await import("../../../jobs/retraining.ts");
  const outreach = createOutreach({ db, config });
  let server: Server;
  try {
    outreach.plays(); // bad templates stop the server at start, not at the first send
    checkSendingSetup(outreach.settings); // so do links and a sender no recipient can reach
    server = await listen(host, options.port);
  } catch (error) {
    outreach.close();
    throw error;
  }
  let nightly: { stop(): Promise<void> } | undefined;
  let worker: { kick(): void; stop(): Promise<void> } | undefined;
  let digest: { stop(): Promise<void> } | undefined;
  let retraining: { stop(): Promise<void> } | undefined;
  try {
    const onTicketsChanged = async (ids: number[]) => {
      if (await outreach.enqueue(ids, TriggerSource.Ingest)) worker?.kick();
    };
    const sessionSecret = resolveSessionSecret(config.dataDir, config.sessionSecret);
    server.on("request", createApp({ db, config, outreach, onTicketsChanged, sessionSecret, warmKpis: true }));
    const { checkHealthAlerts } = await import("../../alerts/index.ts");
    nightly = startNightlyScoring({ db, config, afterRun: () => checkHealthAlerts({ db, config }) });
    if (config.digest.enabled) digest = startDailyDigest({ db, config });
    if (config.modelHealth.retraining) retraining = startRetraining({ db, config });
    worker = startOutreachWorker({ outreach, intervalMs: config.outreach.intervalSeconds * 1000 });
  } catch (error) {
    await closeServer(server);
    await digest?.stop();
    await retraining?.stop();
    await nightly?.stop();
    outreach.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    async stop() {
      await closeServer(server);
      await worker?.stop();
      await digest?.stop();
      await retraining?.stop();
      await nightly?.stop();
      outreach.close();
    },
  };
}

/** Listens on host:port with no handler yet; a port that cannot be had is one clear configuration error. */
function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error) => reject(listenError(error as NodeJS.ErrnoException, host, port)));
    server.listen(port, host, () => resolve(server));
  });
}

/** Says which address could not be had and how to choose another (exit code 2); anything else stays unexpected. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const other = port >= 1024 && port < 65535 ? port + 1 : 3000;
  const fix = `choose another port: PORT=${other} retain serve (or --port ${other})`;
  switch (error.code) {
    case "EADDRINUSE":
      return new AppError(
        ErrorCode.BadConfig,
        `port ${port} on ${host} is already in use (another server is listening there): stop it, or ${fix}`,
      );
    case "EACCES":
      return new AppError(
        ErrorCode.BadConfig,
        `not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): ${fix}`,
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return new AppError(
        ErrorCode.BadConfig,
        `cannot listen on HOST ${host}: no such address on this machine; use one of its addresses ` +
          `(HOST=127.0.0.1, or HOST=0.0.0.0 for all)`,
      );
    default:
      return error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Runs the service until SIGINT or SIGTERM. */
export async function serveUntilStopped(options: ServiceOptions): Promise<void> {
  const service = await startService(options);
  console.log(`Retain is serving on ${service.url}  (dashboard at /, API at /api/v1; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  const { moduleLogger } = await import("../../logger.ts");
  moduleLogger("serve").info("stopping");
  await service.stop();
}

/** `retain serve`: the API and dashboard, the nightly scoring job, the outreach worker and the daily digest. */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(
      "serve the dashboard and API on HOST:PORT (default 127.0.0.1:3000), run the nightly scoring job, the outreach " +
        "worker and the daily digest (on with SMTP_URL; RETAIN_DIGEST=off to stop it)",
    )
    .option("--port <port>", "port to listen on (overrides PORT; 0 = any free port)")
    .option("--host <host>", "interface to listen on (overrides HOST)")
    .action((opts: { port?: string; host?: string }) =>
      runCommand(() =>
        withDatabase((db, config) => {
          const port = opts.port === undefined ? config.port : parseIntOption("--port", opts.port, 0, 65535);
          return serveUntilStopped({ db, config, host: opts.host ?? config.host, port });
        }),
      ),
    );
}
