import type { Command } from "commander";
import type { AddressInfo } from "node:net";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/index.ts";
import { moduleLogger } from "../../logger.ts";
import { runCommand, withDatabase } from "../run-command.ts";

/**
 * The service: HTTP API and dashboard, the outreach worker and the nightly scoring job,
 * wired together (the composition root shared by `retain serve` and `retain demo`).
 * Resolves once listening; `stop()` waits for work in flight.
 */
export async function startService(options: { db: Database; config: Config; host: string; port: number }): Promise<{ url: string; stop(): Promise<void> }> {
  const { db, config } = options;
  const { startNightlyScoring } = await import("../../../jobs/nightly-scoring.ts");
  const { startOutreachWorker } = await import("../../../jobs/outreach-worker.ts");
  // Loaded on use, so other commands (and `--help`) start fast.
  const { createApp } = await import("../../api/index.ts");
  const { createOutreach, TriggerSource } = await import("../../outreach/index.ts");
  const { resolveSessionSecret } = await import("../../web/index.ts");
  const outreach = createOutreach({ db, config });
  outreach.plays(); // bad templates stop the server at start, not at the first send
  const worker = startOutreachWorker({ outreach, intervalMs: config.outreach.intervalSeconds * 1000 });
  const onTicketsChanged = async (ids: number[]) => {
    if (await outreach.enqueue(ids, TriggerSource.Ingest)) worker.kick();
  };
  const sessionSecret = resolveSessionSecret(config.dataDir, config.sessionSecret);
  const app = createApp({ db, config, outreach, onTicketsChanged, sessionSecret, warmKpis: true });
  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const nightly = startNightlyScoring({ db, config });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await worker.stop();
      await nightly.stop();
      outreach.close();
    },
  };
}

/** Runs the service until SIGINT or SIGTERM. */
export async function serveUntilStopped(options: { db: Database; config: Config; host: string; port: number }): Promise<void> {
  const service = await startService(options);
  console.log(`Retain is serving on ${service.url}  (dashboard at /, API at /api/v1; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  moduleLogger("serve").info("stopping");
  await service.stop();
}

/** `retain serve`: the API and dashboard, the nightly scoring job and the outreach worker. */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the dashboard and API on HOST:PORT (default 127.0.0.1:3000), run the nightly scoring job and the outreach worker")
    .option("--port <port>", "port to listen on (overrides PORT)")
    .option("--host <host>", "interface to listen on (overrides HOST)")
    .action((opts: { port?: string; host?: string }) =>
      runCommand(() =>
        withDatabase((db, config) => serveUntilStopped({ db, config, host: opts.host ?? config.host, port: opts.port ? Number(opts.port) : config.port })),
      ),
    );
}
