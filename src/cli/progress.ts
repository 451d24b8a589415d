import { createRequire } from "node:module";

// cli-progress loads with the first bar: `--help` stays fast.
const require = createRequire(import.meta.url);

/** A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, --json). */
export interface Progress {
  update(done: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

export function createProgress(options: { total: number; label: string; unit?: string; enabled?: boolean }): Progress {
  const { total, label, unit = "", enabled = process.stderr.isTTY === true } = options;
  if (!enabled) return { update() {}, stop() {} };
  const cliProgress: typeof import("cli-progress") = require("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total}${unit} | {detail} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { detail: "" });
  return {
    update: (done, payload) => bar.update(done, payload),
    stop: () => bar.stop(),
  };
}
