import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const WRONG_KEY = `rk_00000000_${"x".repeat(43)}`;

/** The two sign-in doors (the API's POST /api/v1/session and the form's POST /sign-in) and sign-out. */
describe.each(testDialects())("sign-in and sign-out doors on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;

  const apiSignIn = (key: string) => api.call("POST", "/api/v1/session", { key: null, body: { key } });
  const formSignIn = (key: string) =>
    fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key, next: "/at-risk" }),
      redirect: "manual",
    });
  const sessionOf = async (cookie: string) =>
    (await api.call("GET", "/api/v1/session", { key: null, headers: { cookie } })).status;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  // A fresh app per test: each starts with an empty sign-in limit.
  afterEach(async () => {
    await api?.close();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("refuses a sign-out posted from another origin (a page on another port of this host): the session stays valid", async () => {
    api = await startApiClient(t);
    const signedIn = await apiSignIn(api.keys.csm);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
    expect(await sessionOf(cookie)).toBe(200);
    const otherPort = `http://127.0.0.1:${Number(new URL(api.url).port) + 1}`;
    for (const headers of [{ "sec-fetch-site": "same-site", origin: otherPort }, { origin: otherPort }] as Record<
      string,
      string
    >[]) {
      const out = await fetch(`${api.url}/sign-out`, {
        method: "POST",
        headers: { cookie, ...headers },
        redirect: "manual",
      });
      expect(out.status, JSON.stringify(headers)).toBe(403);
      expect(out.headers.get("content-type")).toMatch(/^text\/html/);
      expect(out.headers.get("set-cookie")).toBeNull();
      expect(await out.text()).toContain("cross-site request refused");
    }
    const apiOut = await api.call("DELETE", "/api/v1/session", { key: null, headers: { cookie, origin: otherPort } });
    expect(apiOut.status).toBe(403);
    expect(apiOut.headers.get("set-cookie")).toBeNull();
    expect(await sessionOf(cookie)).toBe(200);

    const sameOrigin = await fetch(`${api.url}/sign-out`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "same-origin", origin: api.url },
      redirect: "manual",
    });
    expect(sameOrigin.status).toBe(303);
    expect(sameOrigin.headers.get("set-cookie")).toBe("retain_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
  });

  it("20 attempts split across the API and the form hit one limit of 20 a minute", async () => {
    api = await startApiClient(t);
    for (let i = 0; i < 10; i++) {
      expect((await apiSignIn(WRONG_KEY)).status).toBe(401);
      expect((await formSignIn(WRONG_KEY)).status).toBe(401);
    }
    const overApi = await apiSignIn(api.keys.admin);
    expect(overApi.status).toBe(429);
    expect(overApi.body).toEqual({
      error: { code: "RATE_LIMITED", message: "too many sign-in attempts: wait a minute and retry" },
    });
    expect(Number(overApi.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await formSignIn(api.keys.admin)).status).toBe(429);
  });

  it("the form over the limit gets an HTML page, not JSON", async () => {
    api = await startApiClient(t);
    for (let i = 0; i < 20; i++) expect((await apiSignIn(WRONG_KEY)).status).toBe(401);
    const limited = await formSignIn(api.keys.admin);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/^text\/html/);
    expect(limited.headers.get("set-cookie")).toBeNull();
    const page = await limited.text();
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain("Too many requests");
    expect(page).toContain("too many sign-in attempts: wait a minute and retry");
  });
});
