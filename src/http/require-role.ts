import type { RequestHandler } from "express";
import { roleAllows, verifyApiKey, type Role } from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";

declare module "express-serve-static-core" {
  interface Request {
    principal?: { id: number; role: Role; name: string };
  }
}

/** Reads `Authorization: Bearer <key>`; 401 when missing or wrong. */
export function authenticate(db: Database): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError(ErrorCode.Unauthorized, "missing API key: send `Authorization: Bearer <key>` (create one with `retain apikey create --role viewer`)");
    const principal = await verifyApiKey(db, match[1]);
    if (!principal) throw new AppError(ErrorCode.Unauthorized, "unknown or revoked API key");
    req.principal = principal;
    next();
  };
}

/** 403 unless the caller's role has at least the rights of `needed`. */
export function requireRole(needed: Role): RequestHandler {
  return (req, _res, next) => {
    const role = req.principal?.role;
    if (!role) throw new AppError(ErrorCode.Unauthorized, "not signed in");
    if (!roleAllows(role, needed)) throw new AppError(ErrorCode.Forbidden, `this needs the ${needed} role; your key has ${role}`);
    next();
  };
}
