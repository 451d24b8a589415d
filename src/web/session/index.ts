export { createSessions, type Principal, type Sessions } from "./create-sessions.ts";
export { resolveSessionSecret } from "./resolve-session-secret.ts";
export { parseCookies, SESSION_COOKIE } from "./session-cookie.ts";
