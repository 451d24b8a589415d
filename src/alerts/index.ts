export { AlertKind, type HealthSignals } from "./alert-kinds.ts";
export { checkHealthAlerts, healthSignals } from "./check-health-alerts.ts";
export { emailHealthAlerts } from "./email-health-alerts.ts";
export { raiseHealthAlerts } from "./raise-health-alerts.ts";
export { acknowledgeHealthAlert, listOpenHealthAlerts, type OpenHealthAlert } from "./acknowledge-health-alert.ts";
