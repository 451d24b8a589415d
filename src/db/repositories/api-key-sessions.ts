import type { Database } from "../database.ts";

/** An active key as a sign-in session sees it: its id, role, name and stored hash (to bind the session to this exact key). */
export interface SessionKeyRecord {
  id: number;
  role: string;
  name: string;
  hash: string;
}

/** The active (not revoked) key with this id, or null. */
export async function findActiveApiKeyById(db: Database, id: number): Promise<SessionKeyRecord | null> {
  return db
    .prisma()
    .apiKey.findFirst({ where: { id, revokedAt: null }, select: { id: true, role: true, name: true, hash: true } });
}
