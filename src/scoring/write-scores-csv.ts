import { createWriteStream, renameSync, rmSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { Driver, FeatureFrame } from "../features/index.ts";
import type { RiskScoreRow } from "../db/repositories/risk-runs.ts";

/**
 * Every scored customer as CSV: customer_id, as_of, probability, band, at_risk, drivers (their
 * words joined by "; "), then the features that produced the score — what a data scientist
 * joins against outcomes. Streamed to a temporary file renamed at the end, so a crash leaves no
 * half-written file under the name asked for.
 */
export async function writeScoresCsv(options: {
  file: string;
  frame: FeatureFrame;
  scores: readonly RiskScoreRow[];
  reasons: readonly Driver[][];
}): Promise<void> {
  const { file, frame, scores, reasons } = options;
  const features = frame.columns.filter((c) => c !== "customer_id" && c !== "as_of" && c !== "churned");
  const asOf = new Date(frame.asOfDay * 86_400_000).toISOString().slice(0, 10);
  function* records() {
    for (let i = 0; i < frame.rows.length; i++) {
      const row = frame.rows[i];
      const s = scores[i];
      yield [
        row.externalId,
        asOf,
        s.probability.toFixed(6),
        s.band,
        s.atRisk ? 1 : 0,
        reasons[i].map((d) => d.text).join("; "),
        ...features.map((f) => row.values[f] ?? ""),
      ];
    }
  }
  const partial = `${file}.partial`;
  try {
    await pipeline(
      Readable.from(records()),
      stringify({
        header: true,
        columns: ["customer_id", "as_of", "probability", "band", "at_risk", "drivers", ...features],
      }),
      createWriteStream(partial),
    );
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
