import { z } from "zod";

/** Who a Zendesk user is, as the Users API says: what ticket events leave out. */
export interface ZendeskRequester {
  email: string | null;
  name: string | null;
  /** The external_id of the user's organization (else the organization's Zendesk id), tried as the customer id. */
  customerId: string | null;
}

const userResponse = z.object({
  user: z.looseObject({
    email: z.string().nullish(),
    name: z.string().nullish(),
    external_id: z.string().nullish(),
    organization_id: z.union([z.number(), z.string()]).nullish(),
  }),
  organizations: z
    .array(z.looseObject({ id: z.union([z.number(), z.string()]), external_id: z.string().nullish() }))
    .nullish(),
});

const TTL_MS = 3_600_000;
const MAX_ENTRIES = 5_000;

/**
 * Looks Zendesk users up with the Users API (GET /api/v2/users/{id}.json?include=organizations, API-token
 * auth `email/token:TOKEN`), each at most once an hour per process. Resolves to null and a reason in words
 * when Zendesk does not answer in 5 seconds or refuses.
 */
export function zendeskRequesterLookup(options: { baseUrl: string; apiToken: string; fetch?: typeof fetch }) {
  const cache = new Map<string, { at: number; requester: ZendeskRequester }>();
  const doFetch = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(options.apiToken).toString("base64")}`;
  return async (userId: string, nowMs: number): Promise<ZendeskRequester | { problem: string }> => {
    const hit = cache.get(userId);
    if (hit && nowMs - hit.at < TTL_MS) return hit.requester;
    const url = `${options.baseUrl.replace(/\/+$/, "")}/api/v2/users/${encodeURIComponent(userId)}.json?include=organizations`;
    let json: unknown;
    try {
      const res = await doFetch(url, {
        headers: { authorization, accept: "application/json" },
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) return { problem: `the Zendesk Users API answered ${res.status} for user ${userId}` };
      json = await res.json();
    } catch (error) {
      return { problem: `the Zendesk Users API did not answer for user ${userId} (${(error as Error).message})` };
    }
    const parsed = userResponse.safeParse(json);
    if (!parsed.success) return { problem: `the Zendesk Users API sent no user for ${userId}` };
    const { user, organizations } = parsed.data;
    const org = organizations?.find((o) => String(o.id) === String(user.organization_id ?? ""));
    const requester = {
      email: user.email || null,
      name: user.name || null,
      customerId: org?.external_id || (user.organization_id ? String(user.organization_id) : null),
    };
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(userId, { at: nowMs, requester });
    return requester;
  };
}
