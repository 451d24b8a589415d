import type { Database } from "../database.ts";

/** A user as lists and pages see it (never the password hash). */
export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
  passwordSetAt: Date | null;
  lastSignInAt: Date | null;
  disabledAt: Date | null;
}

/** A user with the stored password hash, for sign-in and session checks only. */
export interface UserCredentials extends UserRecord {
  passwordHash: string | null;
}

const PUBLIC_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
  passwordSetAt: true,
  lastSignInAt: true,
  disabledAt: true,
} as const;

/** Inserts a user; resolves to null when the email is taken (the unique index decides, so racing adds cannot both win). */
export async function insertUser(
  db: Database,
  data: { email: string; name: string; role: string },
): Promise<UserRecord | null> {
  const inserted = await db.sql.run(
    `INSERT INTO users (email, name, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
    [data.email, data.name, data.role, new Date()],
  );
  return inserted ? findUserByEmail(db, data.email) : null;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRecord | null> {
  return db.prisma().user.findUnique({ where: { email }, select: PUBLIC_FIELDS });
}

export async function findUserCredentials(
  db: Database,
  where: { id: number } | { email: string },
): Promise<UserCredentials | null> {
  return db.prisma().user.findUnique({ where, select: { ...PUBLIC_FIELDS, passwordHash: true } });
}

export async function listUsers(db: Database): Promise<UserRecord[]> {
  return db.prisma().user.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: PUBLIC_FIELDS });
}

/** Active users with one of `roles`, by name (who can own accounts, who gets a digest). */
export async function listActiveUsers(db: Database, roles: string[]): Promise<UserRecord[]> {
  return db.prisma().user.findMany({
    where: { disabledAt: null, role: { in: roles } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: PUBLIC_FIELDS,
  });
}

/** Changes name, role or disabled_at; resolves to the user after the change, null when there is none with this id. */
export async function updateUser(
  db: Database,
  id: number,
  data: { name?: string; role?: string; disabledAt?: Date | null },
): Promise<UserRecord | null> {
  const changed = await db.prisma().user.updateMany({ where: { id }, data });
  return changed.count ? db.prisma().user.findUnique({ where: { id }, select: PUBLIC_FIELDS }) : null;
}

/** Through db.sql, not Prisma: Prisma's own connection would wait on a db.sql transaction's lock (SQLite). */
export async function touchUserSignIn(db: Database, id: number): Promise<void> {
  await db.sql.run(`UPDATE users SET last_sign_in_at = ? WHERE id = ?`, [new Date(), id]);
}

/** The user of an unspent, unexpired token whose user is active. */
const LIVE_TOKEN =
  `SELECT t.user_id FROM user_password_tokens t JOIN users u ON u.id = t.user_id ` +
  `WHERE t.hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND u.disabled_at IS NULL`;

/** Stores a set-password token's hash; earlier unspent tokens of the user stop working (one live link per user). */
export async function insertPasswordToken(
  db: Database,
  data: { userId: number; hash: string; expiresAt: Date },
): Promise<void> {
  const now = new Date();
  await db.sql.transaction(async (tx) => {
    await tx.run(`UPDATE user_password_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, [
      now,
      data.userId,
    ]);
    await tx.run(`INSERT INTO user_password_tokens (user_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?)`, [
      data.userId,
      data.hash,
      now,
      data.expiresAt,
    ]);
  });
}

/** The active user an unspent, unexpired token belongs to, or null. */
export async function findPasswordTokenUser(db: Database, hash: string, now: Date): Promise<UserRecord | null> {
  const [row] = await db.sql.all<{ user_id: number }>(LIVE_TOKEN, [hash, now]);
  return row ? db.prisma().user.findUnique({ where: { id: Number(row.user_id) }, select: PUBLIC_FIELDS }) : null;
}

/**
 * Spends a token and sets its user's password in one transaction: the token's conditional update
 * decides, so a link used twice (or by two tabs at once) sets the password once. Resolves to the
 * user's id, or null when the token is unknown, spent, expired or its user disabled.
 */
export async function spendPasswordToken(
  db: Database,
  options: { hash: string; passwordHash: string; now: Date },
): Promise<number | null> {
  const { hash, passwordHash, now } = options;
  return db.sql.transaction(async (tx) => {
    const [token] = await tx.all<{ user_id: number }>(LIVE_TOKEN, [hash, now]);
    if (!token) return null;
    const spent = await tx.run(`UPDATE user_password_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL`, [
      now,
      hash,
    ]);
    if (!spent) return null;
    const userId = Number(token.user_id);
    await tx.run(`UPDATE users SET password_hash = ?, password_set_at = ? WHERE id = ?`, [passwordHash, now, userId]);
    return userId;
  });
}

/** Live (not churned) accounts per owner email, the override (customer_state) winning over the imported owner. */
export async function countOwnedAccounts(db: Database, now: Date): Promise<Map<string, number>> {
  const rows = await db.sql.all<{ owner: string; accounts: number | string }>(
    `SELECT COALESCE(cs.owner_email, c.owner_email) AS owner, COUNT(*) AS accounts FROM customers c ` +
      `LEFT JOIN customer_state cs ON cs.customer_id = c.id ` +
      `WHERE COALESCE(cs.owner_email, c.owner_email) IS NOT NULL AND (c.churn_date IS NULL OR c.churn_date > ?) ` +
      `GROUP BY COALESCE(cs.owner_email, c.owner_email)`,
    [now],
  );
  return new Map(rows.map((r) => [r.owner, Number(r.accounts)]));
}
