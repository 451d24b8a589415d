export { createKpiCache, type CachedKpiReport, type KpiCache } from "./kpi-cache.ts";
export { webRoutes } from "./web-routes.ts";
