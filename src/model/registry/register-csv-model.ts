import { insertModelVersion, type Database } from "../../db/index.ts";
import type { TrainFromCsvResult } from "../train-from-csv.ts";
import { writeRegistryMetrics } from "./registry-metrics-format.ts";
import { writeRegistryTraining } from "./registry-training-format.ts";

/**
 * Registers a model that trainFromCsv just saved as a candidate (source `csv`): its test metrics
 * (on `evalFile`, else the held-out split), validation metrics and how it was trained, written
 * in the registry's saved formats from the metadata it returned (nothing is read back).
 */
export async function registerCsvModel(
  db: Database,
  options: { result: TrainFromCsvResult; file: string; evalFile?: string; label: string; seed: number },
): Promise<void> {
  const { result, file, evalFile, label, seed } = options;
  const meta = result.metadata;
  await insertModelVersion(db, {
    version: result.version,
    kind: meta.kind,
    source: "csv",
    createdAt: new Date(meta.createdAt),
    threshold: meta.threshold.value,
    dir: result.dir,
    metrics: writeRegistryMetrics({
      validation: result.validation,
      test: result.metrics,
      importance: meta.importance,
      candidates: meta.candidates,
      stages: meta.stages ?? [],
      active: null,
      beatsActive: null,
    }),
    training: writeRegistryTraining({
      source: "csv",
      file,
      evalFile: evalFile ?? null,
      label,
      dataFingerprint: meta.dataFingerprint,
      seed,
      backend: meta.backend,
    }),
  });
}
