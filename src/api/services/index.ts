export { addCustomerNote, assignOwner, markContacted, snoozeCustomer, unsnoozeCustomer, type CustomerStateView } from "./customer-actions.ts";
export { exportAtRiskCsv } from "./export-at-risk-csv.ts";
export { getCustomerDetail, USAGE_DAYS, type CustomerDetail } from "./get-customer-detail.ts";
export { listAtRisk, listAtRiskChoices, type AtRiskItem, type AtRiskList } from "./list-at-risk.ts";
export { getModel, listModels, type ModelDetail, type ModelSummary } from "./model-overview.ts";
