import { AppError, ErrorCode } from "../errors.ts";
import type { ChurnModel } from "./churn-model.ts";
import { evaluatePredictions, type Metrics } from "./evaluate-predictions.ts";
import { resolveLabels } from "./resolve-label.ts";
import type { Table } from "./types.ts";

/**
 * Scores a labelled table with a model and returns full metrics at the model's threshold.
 * `label` and `positive` default to the ones the model was trained with; unlabelled rows are skipped.
 */
export function evaluateTable({
  model,
  table,
  label,
  positive,
}: {
  model: ChurnModel;
  table: Table;
  label?: string;
  positive?: string;
}): Metrics {
  const column = label ?? model.metadata.label.column;
  const j = table.columns.indexOf(column);
  if (j < 0)
    throw new AppError(
      ErrorCode.BadInput,
      `expected label column "${column}", found columns ${table.columns.join(", ")}`,
    );
  const labels = resolveLabels(
    table.rows.map((r) => r[j]),
    { positive: positive ?? model.metadata.label.positive, column },
  );
  const missing = new Set(labels.missing);
  const rows = missing.size ? table.rows.filter((_, i) => !missing.has(i)) : table.rows;
  const y = missing.size ? labels.y.filter((_, i) => !missing.has(i)) : labels.y;
  const p = model.predict({ columns: table.columns, rows });
  return evaluatePredictions(y, p, {
    threshold: model.metadata.threshold.value,
    basePrevalence: model.metadata.trainPrevalence,
  });
}
