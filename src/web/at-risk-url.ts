import { parseQuery, atRiskQuerySchema } from "../http/index.ts";
import type { AtRiskQuery } from "../scoring/index.ts";
import { queryString } from "./html.ts";

/** Parameters of a link: undefined values are left out. */
export type ListParams = Record<string, string | undefined>;

/** The list's filters, view and sort as URL parameters, defaults left out (so one list has one URL). */
export function atRiskParams(q: AtRiskQuery): ListParams {
  return {
    q: q.q,
    band: q.band,
    plan: q.plan,
    segment: q.segment,
    owner: q.owner,
    hasOpenTicket: q.hasOpenTicket === undefined ? undefined : String(q.hasOpenTicket),
    scope: q.scope === "at_risk" ? undefined : q.scope,
    sort: q.sort === "risk" ? undefined : q.sort,
    order: q.order === "desc" ? undefined : q.order,
  };
}

/** The URL of a list (its page too): bookmarkable, and read back by readAtRiskUrl as the same query. */
export function atRiskUrl(q: AtRiskQuery): string {
  return `/at-risk${queryString({
    ...atRiskParams(q),
    limit: q.limit === 50 ? undefined : q.limit,
    offset: q.offset || undefined,
  })}`;
}

/**
 * The list a URL of the list points to, rebuilt by atRiskUrl (so only a list URL of this site comes out); plain
 * /at-risk when `url` is not one (another path, another host, a bad parameter).
 */
export function readAtRiskUrl(url: unknown): string {
  if (typeof url !== "string") return "/at-risk";
  const match = /^\/at-risk(?:\?([^#]*))?$/.exec(url);
  if (!match) return "/at-risk";
  try {
    return atRiskUrl(parseQuery(atRiskQuerySchema, Object.fromEntries(new URLSearchParams(match[1] ?? ""))));
  } catch {
    return "/at-risk";
  }
}
