import { createHash, randomBytes } from "node:crypto";
import {
  countOwnedAccounts,
  findPasswordTokenUser,
  findUserByEmail,
  findUserCredentials,
  insertPasswordToken,
  insertUser,
  listActiveUsers,
  listUsers,
  spendPasswordToken,
  touchUserSignIn,
  updateUser,
  type Database,
  type UserCredentials,
  type UserRecord,
} from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { assertAcceptablePassword, hashPassword, verifyPassword } from "./passwords.ts";
import { isRole, OWNER_ROLES, ROLES, type Role } from "./roles.ts";

export type { UserRecord };
export { listUsers };

/** How long a set-password link works. */
export const PASSWORD_LINK_HOURS = 24;

/** A one-time set-password link: the token is shown once (only its SHA-256 is stored). */
export interface PasswordLink {
  token: string;
  expiresAt: Date;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** A user's email as stored and matched (customers' owner_email too): trimmed and lowercased. */
export function normalizeEmail(raw: string, field = "email"): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320)
    throw new AppError(ErrorCode.BadInput, `${field}: expected an email address like ana@example.com, found "${raw}"`);
  return email;
}

function checkRole(role: string): Role {
  if (!isRole(role))
    throw new AppError(ErrorCode.BadInput, `role: expected one of ${ROLES.join("|")}, found "${role}"`);
  return role;
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 200)
    throw new AppError(ErrorCode.BadInput, `name: expected 1 to 200 characters, found ${name.length}`);
  return name;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The path of a set-password link (put the public URL in front). */
export function passwordLinkPath(token: string): string {
  return `/set-password?token=${encodeURIComponent(token)}`;
}

/** A new one-time link for a user; any earlier unspent link of theirs stops working. */
export async function issuePasswordLink(db: Database, user: { id: number }, now = new Date()): Promise<PasswordLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000);
  await insertPasswordToken(db, { userId: user.id, hash: hashToken(token), expiresAt });
  return { token, expiresAt };
}

/** The users who can own accounts (active csms and admins), by name: owner choices, and names for emails. */
export async function listOwners(db: Database): Promise<{ email: string; name: string }[]> {
  return (await listActiveUsers(db, OWNER_ROLES)).map((u) => ({ email: u.email, name: u.name }));
}

/** Every user with the live accounts they own, and the owner emails in the data that are nobody's user yet. */
export async function listPeople(
  db: Database,
  now = new Date(),
): Promise<{ users: (UserRecord & { accounts: number })[]; unmatchedOwners: { email: string; accounts: number }[] }> {
  const [users, owned] = await Promise.all([listUsers(db), countOwnedAccounts(db, now)]);
  const known = new Set(users.map((u) => u.email));
  return {
    users: users.map((u) => ({ ...u, accounts: owned.get(u.email) ?? 0 })),
    unmatchedOwners: [...owned]
      .filter(([email]) => !known.has(email))
      .map(([email, accounts]) => ({ email, accounts }))
      .sort((a, b) => b.accounts - a.accounts || a.email.localeCompare(b.email)),
  };
}

/** "ana.lopez@x.com" → "Ana Lopez": a starting name for an owner added from the data (admins can rename). */
export function nameFromEmail(email: string): string {
  const words = email
    .split("@")[0]
    .split(/[._+-]+/)
    .filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(" ") || email;
}

/**
 * Adds a user for every owner email in the data that is nobody's user yet (most accounts first), each
 * with their one-time link: how a team's CSMs get their My accounts in one step.
 */
export async function addOwnersAsUsers(
  db: Database,
  options: { role?: string; now?: Date } = {},
): Promise<{ user: UserRecord; link: PasswordLink; accounts: number }[]> {
  const { unmatchedOwners } = await listPeople(db, options.now);
  const added = [];
  for (const owner of unmatchedOwners) {
    const { user, link } = await addUser(db, {
      email: owner.email,
      name: nameFromEmail(owner.email),
      role: options.role ?? "csm",
    });
    added.push({ user, link, accounts: owner.accounts });
  }
  return added;
}

/** A new link for the user with this id (e.g. a forgotten password); refused for a revoked user. */
export async function newPasswordLink(db: Database, id: number): Promise<{ user: UserRecord; link: PasswordLink }> {
  const user = await findUserCredentials(db, { id });
  if (!user) throw new AppError(ErrorCode.NotFound, `no user with id ${id}`);
  if (user.disabledAt) throw new AppError(ErrorCode.Conflict, `${user.email} is revoked: restore them first`);
  const { passwordHash: _, ...record } = user;
  return { user: record, link: await issuePasswordLink(db, user) };
}

/** Adds a user without a password, and the one-time link with which they set it. */
export async function addUser(
  db: Database,
  input: { email: string; name: string; role: string },
): Promise<{ user: UserRecord; link: PasswordLink }> {
  const data = { email: normalizeEmail(input.email), name: checkName(input.name), role: checkRole(input.role) };
  const user = await insertUser(db, data);
  if (!user)
    throw new AppError(
      ErrorCode.Conflict,
      `a user with email ${data.email} already exists: send them a new link with \`retain users link ${data.email}\``,
    );
  return { user, link: await issuePasswordLink(db, user) };
}

/** The user by email, or NOT_FOUND saying how to list users. */
export async function requireUser(db: Database, rawEmail: string): Promise<UserRecord> {
  const email = normalizeEmail(rawEmail);
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError(ErrorCode.NotFound, `no user with email ${email} (see \`retain users list\`)`);
  return user;
}

/**
 * Changes a user's name or role, or revokes (`disabled: true`) or restores them. Revoking ends
 * every session of theirs at once (sessions re-read the user on each request).
 */
export async function changeUser(
  db: Database,
  id: number,
  change: { name?: string; role?: string; disabled?: boolean },
): Promise<UserRecord> {
  const data: { name?: string; role?: string; disabledAt?: Date | null } = {};
  if (change.name !== undefined) data.name = checkName(change.name);
  if (change.role !== undefined) data.role = checkRole(change.role);
  if (change.disabled !== undefined) data.disabledAt = change.disabled ? new Date() : null;
  const user = await updateUser(db, id, data);
  if (!user) throw new AppError(ErrorCode.NotFound, `no user with id ${id}`);
  return user;
}

/** The user a live set-password link belongs to, or null (unknown, spent, expired, or the user revoked). */
export async function readPasswordLink(db: Database, token: string, now = new Date()): Promise<UserRecord | null> {
  return token ? findPasswordTokenUser(db, hashToken(token), now) : null;
}

const DEAD_LINK =
  "this link is unknown, already used or expired (links work once, for 24 hours): ask an admin for a new one";

/** Sets the password of a link's user and spends the link; resolves to the user. */
export async function setPasswordWithLink(
  db: Database,
  options: { token: string; password: string; now?: Date },
): Promise<UserRecord> {
  const { token, password, now = new Date() } = options;
  const user = await readPasswordLink(db, token, now);
  if (!user) throw new AppError(ErrorCode.NotFound, DEAD_LINK);
  assertAcceptablePassword(password, user.email);
  const userId = await spendPasswordToken(db, {
    hash: hashToken(token),
    passwordHash: await hashPassword(password),
    now,
  });
  if (userId === null) throw new AppError(ErrorCode.NotFound, DEAD_LINK);
  return user;
}

/** The active user with this email and password, or null (unknown email, no password yet, wrong password, revoked). */
export async function authenticateUser(db: Database, email: string, password: string): Promise<UserCredentials | null> {
  const user = await findUserCredentials(db, { email: email.trim().toLowerCase() });
  const matches = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !matches || user.disabledAt || !isRole(user.role)) return null;
  touchUserSignIn(db, user.id).catch(() => undefined); // best effort; never blocks a sign-in
  return user;
}
