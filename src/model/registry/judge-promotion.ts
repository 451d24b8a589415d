import type { Comparison } from "./compare-on-test-window.ts";

/** Whether a candidate earned promotion over the active model, and the figures in words. */
export interface PromotionVerdict {
  earns: boolean;
  /** Both models on the same rows, the AUC interval and the log loss, in one sentence. */
  figures: string;
  /** What it missed (empty when it earns promotion). */
  misses: string[];
}

const f4 = (v: number) => v.toFixed(4);
const signed = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(4)}`;

/**
 * The promotion rule: the paired bootstrap 95 % interval of AUC(candidate) − AUC(active) lies above
 * zero, and the candidate's log loss is no worse than the active model's by more than the tolerance.
 */
export function judgePromotion(comparison: Comparison, options: { logLossTolerance: number }): PromotionVerdict {
  const { candidate, active, auc, logLossDifference } = comparison;
  const from = comparison.dates[0];
  const to = comparison.dates.at(-1);
  const figures =
    `on the same ${comparison.rows.toLocaleString("en-US")} rows (test window of ${comparison.window}, ` +
    `${comparison.dates.length} dates ${from} to ${to}): ${candidate.version} AUC ${f4(candidate.auc)}, log loss ` +
    `${f4(candidate.logLoss)}; ${active.version} AUC ${f4(active.auc)}, log loss ${f4(active.logLoss)}; AUC difference ` +
    `${signed(auc.difference)}, 95 % interval [${signed(auc.low)}, ${signed(auc.high)}] (${auc.resamples} paired ` +
    `resamples); log loss ${signed(logLossDifference)}` +
    (comparison.activeSawDates > 0
      ? `; ${comparison.activeSawDates} of these dates lie within one horizon of ${active.version}'s training dates`
      : "");
  const misses: string[] = [];
  if (!(auc.low > 0)) misses.push("expected the AUC interval to lie above zero");
  if (!(logLossDifference <= options.logLossTolerance))
    misses.push(`expected log loss no worse than ${options.logLossTolerance} above the active model's`);
  return { earns: misses.length === 0, figures, misses };
}
