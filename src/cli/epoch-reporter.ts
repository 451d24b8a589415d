/** Shows training progress on stderr: one updating line on a terminal, a line every 10 epochs otherwise. */
export function epochReporter(enabled: boolean) {
  const tty = process.stderr.isTTY === true;
  return (p: { candidate: string; epoch: number; loss: number; valAuc: number }) => {
    if (!enabled) return;
    const line = `training ${p.candidate.padEnd(8)} epoch ${String(p.epoch).padStart(3)}  loss ${p.loss.toFixed(4)}  validation AUC ${p.valAuc.toFixed(4)}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (p.epoch % 10 === 0) process.stderr.write(`${line}\n`);
  };
}

/** Ends the updating line so the next output starts on its own line. */
export function endEpochLine(enabled: boolean): void {
  if (enabled && process.stderr.isTTY) process.stderr.write("\n");
}
