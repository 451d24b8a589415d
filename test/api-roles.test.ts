import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, type Role } from "../src/auth/index.ts";
import { activateModelVersion, findActiveModelVersion, ModelAction } from "../src/db/repositories/model-versions.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** `given` sets up the state the route needs before each call allowed to act, so no test relies on another having run. */
type Route = {
  method: string;
  path: string | (() => Promise<string>);
  body?: unknown;
  needs: Role;
  ok: number;
  given?: () => Promise<void>;
};

const ROLES: Role[] = ["viewer", "csm", "admin"];
const RANK: Record<Role, number> = { viewer: 0, csm: 1, admin: 2 };

describe.each(testDialects())("dashboard API roles on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  /** Makes `version` the active model unless it already is (an event with the previous active one, as a promotion records). */
  async function activate(version: string): Promise<void> {
    if ((await findActiveModelVersion(t.db))?.version !== version)
      await activateModelVersion(t.db, { version, action: ModelAction.Promote });
  }
  /** v2 active, promoted over v1: what a rollback needs. */
  const v2OverV1 = async () => {
    await activate("v1");
    await activateModelVersion(t.db, { version: "v2", action: ModelAction.Promote });
  };

  const read: Route[] = [
    { method: "GET", path: "/api/v1/at-risk", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/at-risk.csv", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/customers/A1", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/kpis?period=2026-06&now=2026-09-01", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/models", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/models/v2", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/outreach/report", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/outreach/log", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/outreach/unmatched", needs: "viewer", ok: 200 },
    { method: "GET", path: "/api/v1/unmatched", needs: "csm", ok: 200 },
    { method: "GET", path: "/api/v1/session", needs: "viewer", ok: 200 },
  ];
  const act: Route[] = [
    { method: "PUT", path: "/api/v1/customers/A3/owner", body: { email: "cara@cs.test" }, needs: "csm", ok: 200 },
    { method: "POST", path: "/api/v1/customers/A3/snooze", body: { days: 3 }, needs: "csm", ok: 200 },
    { method: "DELETE", path: "/api/v1/customers/A3/snooze", needs: "csm", ok: 200 },
    { method: "POST", path: "/api/v1/customers/A3/notes", body: { body: "Called, all good" }, needs: "csm", ok: 201 },
    { method: "POST", path: "/api/v1/customers/A3/contacted", body: {}, needs: "csm", ok: 200 },
    { method: "POST", path: "/api/v1/agents", body: [{ agent_id: "G9" }], needs: "csm", ok: 200 },
  ];
  const admin: Route[] = [
    { method: "GET", path: "/api/v1/keys", needs: "admin", ok: 200 },
    { method: "POST", path: "/api/v1/keys", body: { role: "viewer", name: "new" }, needs: "admin", ok: 201 },
    {
      method: "DELETE",
      path: async () => `/api/v1/keys/${(await createApiKey(t.db, { role: "viewer" })).prefix}`,
      needs: "admin",
      ok: 200,
    },
    {
      method: "POST",
      path: "/api/v1/models/v2/promote",
      body: { force: true }, // hand-made versions have no test window to compare on: only a forced promotion goes
      needs: "admin",
      ok: 200,
      given: () => activate("v1"),
    },
    { method: "POST", path: "/api/v1/models/rollback", body: {}, needs: "admin", ok: 200, given: v2OverV1 },
  ];

  describe.each([
    ["read", read],
    ["act", act],
    ["admin", admin],
  ] as const)("%s routes", (_kind, routes) => {
    it.each(routes.map((r) => [r.method, typeof r.path === "string" ? r.path : "(generated)", r] as const))(
      "%s %s: allowed from its role up, 403 below, 401 without a key",
      async (_m, _p, route) => {
        for (const role of ROLES) {
          const path = typeof route.path === "string" ? route.path : await route.path();
          if (RANK[role] >= RANK[route.needs]) await route.given?.();
          const res = await api.call(route.method, path, { key: api.keys[role], body: route.body });
          if (RANK[role] >= RANK[route.needs]) {
            expect(res.status, `${role} ${route.method} ${path}: ${JSON.stringify(res.body)}`).toBe(route.ok);
          } else {
            expect(res.status, `${role} ${route.method} ${path}`).toBe(403);
            expect(res.body).toEqual({
              error: { code: "FORBIDDEN", message: `this needs the ${route.needs} role; your key has ${role}` },
            });
          }
        }
        const path = typeof route.path === "string" ? route.path : await route.path();
        const anonymous = await api.call(route.method, path, { key: null, body: route.body });
        expect(anonymous.status).toBe(401);
        expect(anonymous.body).toEqual({
          error: { code: "UNAUTHORIZED", message: expect.stringContaining("Authorization: Bearer") },
        });
      },
    );
  });

  it("an admin's promote and rollback change the active model and are recorded", async () => {
    await activate("v1");
    const refused = await api.call("POST", "/api/v1/models/v2/promote", { key: api.keys.admin, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("model v2 cannot be compared");
    const forced = await api.call("POST", "/api/v1/models/v2/promote", { key: api.keys.admin, body: { force: true } });
    expect(forced.body).toMatchObject({ version: "v2", previous: "v1" });
    expect((await api.call("GET", "/api/v1/models", { key: api.keys.viewer })).body.active).toBe("v2");
    expect((await api.call("POST", "/api/v1/models/rollback", { key: api.keys.admin, body: {} })).body).toEqual({
      version: "v1",
      from: "v2",
    });
    const models = await api.call("GET", "/api/v1/models", { key: api.keys.viewer });
    expect(models.body.active).toBe("v1");
    expect(
      models.body.events.slice(0, 2).map((e: { action: string; version: string }) => `${e.action} ${e.version}`),
    ).toEqual(["rollback v1", "promote v2"]);
  });

  it("a revoked key is refused at once", async () => {
    const { key, prefix } = await createApiKey(t.db, { role: "admin" });
    expect((await api.call("GET", "/api/v1/at-risk", { key })).status).toBe(200);
    expect((await api.call("DELETE", `/api/v1/keys/${prefix}`)).status).toBe(200);
    const after = await api.call("GET", "/api/v1/at-risk", { key });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: { code: "UNAUTHORIZED", message: "unknown or revoked API key" } });
  });
});
