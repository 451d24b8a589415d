export { createApiKey, hashApiKey, listApiKeys, revokeApiKey, verifyApiKey, type ApiKeyRecord } from "./api-keys.ts";
export { isRole, Role, roleAllows, ROLES } from "./roles.ts";
