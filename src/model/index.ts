export { type ChurnModel } from "./churn-model.ts";
export { evaluateCsv } from "./evaluate-csv.ts";
export { evaluatePredictions, type Metrics } from "./evaluate-predictions.ts";
export { initTfBackend } from "./init-tf-backend.ts";
export { loadModel, saveModel } from "./model-store.ts";
export { trainFromCsv } from "./train-from-csv.ts";
export { trainModel } from "./train-model.ts";
export * from "./registry/index.ts";
