import type { Command } from "commander";
import { createApp } from "../../api/index.ts";
import { moduleLogger } from "../../logger.ts";
import { runCommand, withDatabase } from "../run-command.ts";

/** Starts the HTTP server and waits for SIGINT/SIGTERM to stop cleanly. */
export async function serveUntilStopped(options: { host: string; port: number; app: ReturnType<typeof createApp> }): Promise<void> {
  const log = moduleLogger("serve");
  const server = options.app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  console.log(`Retain is serving on http://${options.host}:${port}/  (API: /api/v1, Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      log.info("stopping");
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** `retain serve`: the API (and, as later parts land, the dashboard and background jobs). */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API on HOST:PORT (default 127.0.0.1:3000) and run the nightly scoring job")
    .option("--port <port>", "port to listen on (overrides PORT)")
    .option("--host <host>", "interface to listen on (overrides HOST)")
    .action((opts: { port?: string; host?: string }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { startNightlyScoring } = await import("../../../jobs/nightly-scoring.ts");
          const app = createApp({ db, config });
          const nightly = startNightlyScoring({ db, config });
          try {
            await serveUntilStopped({ app, host: opts.host ?? config.host, port: opts.port ? Number(opts.port) : config.port });
          } finally {
            await nightly.stop();
          }
        }),
      ),
    );
}
