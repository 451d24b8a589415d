import type { TrainProgress } from "../model/index.ts";

/** Shows training progress on stderr: one updating line on a terminal, a line every 10 epochs (or trees) otherwise. */
export function epochReporter(enabled: boolean) {
  const tty = process.stderr.isTTY === true;
  return (p: TrainProgress) => {
    if (!enabled) return;
    const step = p.unit === "trees" ? `trees ${String(p.epoch).padStart(3)}` : `epoch ${String(p.epoch).padStart(3)}`;
    const line = `training ${p.candidate.padEnd(8)} ${step}  loss ${p.loss.toFixed(4)}  validation AUC ${p.valAuc.toFixed(4)}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (p.epoch % 10 === 0) process.stderr.write(`${line}\n`);
  };
}

/** Ends the updating line so the next output starts on its own line. */
export function endEpochLine(enabled: boolean): void {
  if (enabled && process.stderr.isTTY) process.stderr.write("\n");
}
