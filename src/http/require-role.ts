import type { RequestHandler } from "express";
import { roleAllows, type Role } from "../auth/index.ts";
import { AppError, ErrorCode } from "../errors.ts";

/** 403 unless the caller's role has at least the rights of `needed` (after authenticateRequest or requirePage). */
export function requireRole(needed: Role): RequestHandler {
  return (req, _res, next) => {
    const role = req.principal?.role;
    if (!role) throw new AppError(ErrorCode.Unauthorized, "not signed in");
    const who = req.principal?.kind === "user" ? "you have" : "your key has";
    if (!roleAllows(role, needed))
      throw new AppError(ErrorCode.Forbidden, `this needs the ${needed} role; ${who} ${role}`);
    next();
  };
}
