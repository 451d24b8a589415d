import type { Database } from "../database.ts";

export interface ApiKeyRecord {
  id: number;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function insertApiKey(
  db: Database,
  data: { name: string; role: string; prefix: string; hash: string },
): Promise<ApiKeyRecord> {
  return db.prisma().apiKey.create({ data: { ...data, createdAt: new Date() }, select: PUBLIC_FIELDS });
}

/** The active (not revoked) key with this hash. */
export async function findActiveApiKeyByHash(db: Database, hash: string): Promise<ApiKeyRecord | null> {
  return db.prisma().apiKey.findFirst({ where: { hash, revokedAt: null }, select: PUBLIC_FIELDS });
}

export async function touchApiKey(db: Database, id: number): Promise<void> {
  await db.prisma().apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

export async function listApiKeys(db: Database): Promise<ApiKeyRecord[]> {
  return db.prisma().apiKey.findMany({ orderBy: { id: "asc" }, select: PUBLIC_FIELDS });
}

/** Revokes by prefix; resolves to false when no active key has it. */
export async function revokeApiKey(db: Database, prefix: string): Promise<boolean> {
  const result = await db
    .prisma()
    .apiKey.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count > 0;
}
