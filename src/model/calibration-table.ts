/** One probability bin: how many rows, their mean prediction and their observed churn rate. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Predicted vs observed churn in `bins` equal-width probability bins on [0, 1]; empty bins report NaN rates. */
export function calibrationTable(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i] * bins)));
    count[b]++;
    sumP[b] += p[i];
    sumY[b] += y[i];
  }
  return Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: count[b],
    meanPredicted: count[b] ? sumP[b] / count[b] : Number.NaN,
    observedRate: count[b] ? sumY[b] / count[b] : Number.NaN,
  }));
}

/** Expected calibration error: count-weighted mean |predicted − observed| over the bins. */
export function expectedCalibrationError(table: readonly CalibrationBin[]): number {
  const total = table.reduce((s, b) => s + b.count, 0);
  return table.reduce((s, b) => (b.count ? s + (b.count / total) * Math.abs(b.meanPredicted - b.observedRate) : s), 0);
}
