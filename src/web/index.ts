export { createKpiCache, type CachedKpiReport, type KpiCache } from "./kpi-cache.ts";
export { createSessions, parseCookies, resolveSessionSecret, SESSION_COOKIE, type Principal, type Sessions } from "./session/index.ts";
export { webRoutes } from "./web-routes.ts";
