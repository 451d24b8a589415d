import type { Metrics } from "./evaluate-predictions.ts";
import { evaluateTable } from "./evaluate-table.ts";
import { loadModel } from "./model-store.ts";
import { readCsvTable } from "./read-csv-table.ts";

/** Loads a saved model and computes its metrics on a labelled CSV (label/positive default to the model's). */
export async function evaluateCsv({
  modelDir,
  file,
  label,
  positive,
  backend,
}: {
  modelDir: string;
  file: string;
  label?: string;
  positive?: string;
  backend?: string;
}): Promise<Metrics> {
  const model = await loadModel(modelDir, { backend });
  try {
    const { table } = await readCsvTable(file);
    return evaluateTable({ model, table, label, positive });
  } finally {
    model.dispose();
  }
}
