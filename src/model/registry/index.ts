export { loadActiveModel } from "./load-active-model.ts";
export { promoteModel, rollbackModel, type PromotionResult } from "./promote-model.ts";
export { planAsOfDates, trainFromDatabase, type TrainingReport } from "./train-from-database.ts";
export { evaluateAsOf } from "./evaluate-as-of.ts";
