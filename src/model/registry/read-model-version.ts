import type { ModelVersionRecord } from "../../db/repositories/model-versions.ts";
import { readRegistryMetrics, type RegistryMetrics } from "./registry-metrics-format.ts";
import { readRegistryTraining, type RegistryTraining } from "./registry-training-format.ts";

/** A registry row with its saved metrics and training read (db/ returns them as the saved text). */
export interface ModelVersion extends Omit<ModelVersionRecord, "metrics" | "training"> {
  metrics: RegistryMetrics;
  training: RegistryTraining;
}

/** Reads a registry row's metrics and training through their one reader; an AppError naming the version when one cannot be read. */
export function readModelVersion(record: ModelVersionRecord): ModelVersion {
  return {
    ...record,
    metrics: readRegistryMetrics(record.metrics, record.version),
    training: readRegistryTraining(record.training, record),
  };
}
