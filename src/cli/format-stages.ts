/** Training stage times as one aligned block, with their total: "  features (56 dates)   4.1 s". */
export function formatStages(stages: readonly { stage: string; seconds: number }[]): string {
  const width = Math.max(0, ...stages.map((s) => s.stage.length));
  const total = stages.reduce((sum, s) => sum + s.seconds, 0);
  return [
    "stage times:",
    ...stages.map((s) => `  ${s.stage.padEnd(width)}  ${s.seconds.toFixed(2).padStart(7)} s`),
    `  ${"total".padEnd(width)}  ${total.toFixed(2).padStart(7)} s`,
  ].join("\n");
}
