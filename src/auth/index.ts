// Who may do what, without HTTP: users (email + password), API keys (machines and scripts), roles,
// and the dashboard's sign-in sessions built on both. The Express side (reading a request's key or
// cookie, role checks, same-origin) is in http/.
export {
  createApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  verifyApiKey,
  type ApiKeyRecord,
} from "./api-keys.ts";
export { createSessions, userPrincipal, type Sessions } from "./create-sessions.ts";
export { PASSWORD_MIN } from "./passwords.ts";
export type { Principal } from "./principal.ts";
export { resolveSessionSecret } from "./resolve-session-secret.ts";
export { isRole, OWNER_ROLES, Role, roleAllows, ROLES } from "./roles.ts";
export { parseCookies, SESSION_COOKIE } from "./session-cookie.ts";
export {
  addOwnersAsUsers,
  addUser,
  changeUser,
  issuePasswordLink,
  listOwners,
  listPeople,
  listUsers,
  nameFromEmail,
  newPasswordLink,
  normalizeEmail,
  PASSWORD_LINK_HOURS,
  passwordLinkPath,
  readPasswordLink,
  requireUser,
  setPasswordWithLink,
  type PasswordLink,
  type UserRecord,
} from "./users.ts";
