import type { Principal } from "../auth/index.ts";
import { AppError, ErrorCode } from "../errors.ts";

/** The owner filter value meaning "the signed-in user": a My accounts URL works for every CSM who opens it. */
export const OWNER_ME = "me";

/** The query with `owner=me` replaced by the caller's email; a key (which owns no accounts) is refused. */
export function resolveOwnerMe<T extends { owner?: string }>(query: T, principal: Principal | undefined): T {
  if (query.owner !== OWNER_ME) return query;
  if (!principal?.email)
    throw new AppError(
      ErrorCode.BadInput,
      `owner=me: expected a signed-in user (accounts are owned by people), found the API key "${principal?.name}"`,
    );
  return { ...query, owner: principal.email };
}
