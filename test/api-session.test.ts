import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createSessions, revokeApiKey } from "../src/auth/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const SECRET = "test-session-secret-0123456789abcdef";

describe.each(testDialects())("sign-in sessions on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;

  // biome-ignore lint/suspicious/noExplicitAny: the response body as the API client gives it
  async function signIn(key: string): Promise<{ status: number; cookie: string; setCookie: string; body: any }> {
    const res = await api.call("POST", "/api/v1/session", { key: null, body: { key } });
    const setCookie = res.headers.get("set-cookie") ?? "";
    return { status: res.status, setCookie, cookie: setCookie.split(";")[0], body: res.body };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t, { sessionSecret: SECRET });
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("signing in with a key sets an HttpOnly, SameSite=Strict session cookie the API accepts", async () => {
    const s = await signIn(api.keys.csm);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ role: "csm", name: "csm tester", expiresInSeconds: 43_200 });
    expect(s.setCookie).toMatch(
      /^retain_session=v2\.k\d+\.\d+\.[\w-]+\.[\w-]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(s.setCookie).not.toContain(api.keys.csm.slice("rk_12345678_".length));
    const me = await api.call("GET", "/api/v1/session", { key: null, headers: { cookie: s.cookie } });
    expect(me.body).toMatchObject({ role: "csm", name: "csm tester", via: "session" });
    const snooze = await api.call("POST", "/api/v1/customers/A1/snooze", {
      key: null,
      headers: { cookie: s.cookie, "sec-fetch-site": "same-origin", origin: api.url },
      body: { days: 1 },
    });
    expect(snooze.status).toBe(200);
  });

  it("the session keeps its key's role: a viewer's session cannot act", async () => {
    const s = await signIn(api.keys.viewer);
    const res = await api.call("POST", "/api/v1/customers/A1/contacted", {
      key: null,
      headers: { cookie: s.cookie },
      body: {},
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: "FORBIDDEN", message: "this needs the csm role; your key has viewer" });
  });

  it("refuses a change made with the cookie from another site", async () => {
    const s = await signIn(api.keys.admin);
    const crossSite = await api.call("POST", "/api/v1/customers/A1/contacted", {
      key: null,
      headers: { cookie: s.cookie, "sec-fetch-site": "cross-site" },
      body: {},
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.message).toBe(
      'cross-site request refused: expected Sec-Fetch-Site same-origin, found "cross-site"',
    );
    const otherOrigin = await api.call("POST", "/api/v1/customers/A1/contacted", {
      key: null,
      headers: { cookie: s.cookie, origin: "https://evil.test" },
      body: {},
    });
    expect(otherOrigin.status).toBe(403);
    expect(otherOrigin.body.error.message).toBe(
      `cross-site request refused: expected Origin ${api.url}, found "https://evil.test"`,
    );
    const read = await api.call("GET", "/api/v1/at-risk", {
      key: null,
      headers: { cookie: s.cookie, "sec-fetch-site": "cross-site" },
    });
    expect(read.status).toBe(200); // reads change nothing (and SameSite=Strict keeps browsers from sending the cookie anyway)
  });

  it("revoking the key ends its sessions at once", async () => {
    const { key, prefix } = await createApiKey(t.db, { role: "csm", name: "short-lived" });
    const s = await signIn(key);
    expect((await api.call("GET", "/api/v1/at-risk", { key: null, headers: { cookie: s.cookie } })).status).toBe(200);
    await revokeApiKey(t.db, prefix);
    const after = await api.call("GET", "/api/v1/at-risk", { key: null, headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
    expect(after.body.error).toEqual({
      code: "UNAUTHORIZED",
      message:
        "your session has ended (signed out, expired, a new password, or the user or API key was revoked): sign in again at /sign-in",
    });
  });

  it("refuses tampered, foreign and expired cookies, and wrong keys", async () => {
    const s = await signIn(api.keys.viewer);
    const [name, value] = s.cookie.split("=");
    const parts = value.split(".");
    const adminId = (await api.call("GET", "/api/v1/session", { key: api.keys.admin })).body.id;
    const tampered = `${name}=${[parts[0], `k${adminId}`, ...parts.slice(2)].join(".")}`;
    expect((await api.call("GET", "/api/v1/keys", { key: null, headers: { cookie: tampered } })).status).toBe(401);
    const foreign = await createSessions({ db: t.db, secret: "another-secret-0123456789abcdef" }).signInWithKey(
      api.keys.admin,
    );
    expect(
      (
        await api.call("GET", "/api/v1/session", {
          key: null,
          headers: { cookie: `retain_session=${foreign!.cookie}` },
        })
      ).status,
    ).toBe(401);
    const past = await createSessions({
      db: t.db,
      secret: SECRET,
      now: () => Date.now() - 13 * 3_600_000,
    }).signInWithKey(api.keys.admin);
    expect(
      (await api.call("GET", "/api/v1/session", { key: null, headers: { cookie: `retain_session=${past!.cookie}` } }))
        .status,
    ).toBe(401);
    const wrong = await signIn(`rk_00000000_${"x".repeat(43)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.setCookie).toBe("");
    expect(wrong.body.error).toEqual({ code: "UNAUTHORIZED", message: "unknown or revoked API key" });
    const missing = await api.call("POST", "/api/v1/session", { key: null, body: {} });
    expect(missing.body.error).toEqual({
      code: "BAD_INPUT",
      message: "body: expected {email, password} or {key}, found no fields",
    });
  });

  it("a bearer key wins over a cookie; signing out clears the cookie", async () => {
    const s = await signIn(api.keys.viewer);
    const both = await api.call("GET", "/api/v1/session", { key: api.keys.admin, headers: { cookie: s.cookie } });
    expect(both.body).toMatchObject({ role: "admin", via: "key" });
    const out = await api.call("DELETE", "/api/v1/session", { key: null, headers: { cookie: s.cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toBe("retain_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
  });

  it("admins manage keys: create (shown once), list (no secrets), revoke", async () => {
    const created = await api.call("POST", "/api/v1/keys", { body: { role: "csm", name: "Jane" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: "csm",
      name: "Jane",
      key: expect.stringMatching(/^rk_[0-9a-f]{8}_[\w-]{43}$/),
    });
    expect((await api.call("GET", "/api/v1/session", { key: created.body.key })).body.role).toBe("csm");
    const listed = await api.call("GET", "/api/v1/keys");
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(listed.body.items.find((k: { prefix: string }) => k.prefix === created.body.prefix)).toMatchObject({
      name: "Jane",
      revokedAt: null,
    });
    expect((await api.call("DELETE", `/api/v1/keys/${created.body.prefix}`)).body).toEqual({
      revoked: created.body.prefix,
    });
    expect((await api.call("DELETE", `/api/v1/keys/${created.body.prefix}`)).status).toBe(404);
    const bad = await api.call("POST", "/api/v1/keys", { body: { role: "owner" } });
    expect(bad.body.error.message).toBe('body field "role": expected one of admin|csm|viewer, found "owner"');
    expect((await api.call("DELETE", "/api/v1/keys/XYZ")).body.error.message).toBe(
      'path parameter "prefix": expected an 8-character key prefix (hex), found "XYZ"',
    );
  });
});
