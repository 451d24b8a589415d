import { createHash, randomBytes } from "node:crypto";
import {
  findActiveApiKeyByHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
  type ApiKeyRecord,
  type Database,
} from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { Principal } from "./principal.ts";
import { isRole, ROLES, type Role } from "./roles.ts";

export type { ApiKeyRecord };
export { listApiKeys, revokeApiKey };

/** A key's principal: it acts under its label. */
export function keyPrincipal(record: { id: number; role: Role; name: string }): Principal {
  return { kind: "key", id: record.id, role: record.role, name: record.name, email: null, actor: record.name };
}

/** Keys look like `rk_<8 hex prefix>_<43 chars of secret>`; only their SHA-256 is stored. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Creates a key; the full key is returned once and never stored. */
export async function createApiKey(
  db: Database,
  options: { role: string; name?: string },
): Promise<ApiKeyRecord & { key: string }> {
  if (!isRole(options.role))
    throw new AppError(ErrorCode.BadInput, `--role: expected one of ${ROLES.join("|")}, found "${options.role}"`);
  const prefix = randomBytes(4).toString("hex");
  const key = `rk_${prefix}_${randomBytes(32).toString("base64url")}`;
  const record = await insertApiKey(db, {
    name: options.name ?? `${options.role} key`,
    role: options.role,
    prefix,
    hash: hashApiKey(key),
  });
  return { ...record, key };
}

/** The role of a presented key, or null when it is unknown or revoked. */
export async function verifyApiKey(db: Database, key: string): Promise<Principal | null> {
  if (!/^rk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(key)) return null;
  const record = await findActiveApiKeyByHash(db, hashApiKey(key));
  if (!record || !isRole(record.role)) return null;
  touchApiKey(db, record.id).catch(() => undefined); // best effort; never blocks a request
  return keyPrincipal({ ...record, role: record.role });
}
