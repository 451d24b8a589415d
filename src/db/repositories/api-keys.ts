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

/**
 * Records that a key was just used. Through db.sql, not Prisma: on SQLite, Prisma writes on its own connection, and
 * a write begun while a db.sql transaction holds the lock busy-waits synchronously (the event loop stalls, so the
 * transaction cannot finish) until its 5 s timeout; db.sql queues it behind the transaction instead.
 */
export async function touchApiKey(db: Database, id: number): Promise<void> {
  await db.sql.run("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [new Date(), id]);
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
