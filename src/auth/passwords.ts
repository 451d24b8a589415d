import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { AppError, ErrorCode } from "../errors.ts";

// scrypt at N=2^15, r=8 (32 MiB, ~0.1 s here): the parameters are stored in each hash, so they can be raised later.
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$<salt>$<hash>` (base64url): what users.password_hash stores. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

const DUMMY_SALT = randomBytes(16);

/** True when `password` matches `stored`; a null or unreadable hash costs the same time and is false (no user enumeration by timing). */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split("$") ?? [];
  const [kind, n, r, p, salt, hash] = parts;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const readable = parts.length === 6 && kind === "scrypt" && cost.N <= 2 ** 20 && cost.r <= 32 && cost.p <= 4;
  if (!readable) {
    await derive(password, DUMMY_SALT, COST);
    return false;
  }
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const PASSWORD_MIN = 12;
const PASSWORD_MAX = 200;

/** Refuses a password that is too short or too long, or that is the user's email. */
export function assertAcceptablePassword(password: string, email: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new AppError(
      ErrorCode.BadInput,
      `password: expected ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, found ${password.length}`,
    );
  if (password.trim().toLowerCase() === email.toLowerCase())
    throw new AppError(ErrorCode.BadInput, "password: expected something other than your email address");
}
