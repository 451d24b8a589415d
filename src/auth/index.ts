// Who may do what, without HTTP: API keys, roles, and the dashboard's sign-in sessions built on the keys.
// The Express side (reading a request's key or cookie, role checks, same-origin) is in http/.
export {
  createApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  verifyApiKey,
  type ApiKeyRecord,
  type Principal,
} from "./api-keys.ts";
export { createSessions, type Sessions } from "./create-sessions.ts";
export { resolveSessionSecret } from "./resolve-session-secret.ts";
export { isRole, Role, roleAllows, ROLES } from "./roles.ts";
export { parseCookies, SESSION_COOKIE } from "./session-cookie.ts";
