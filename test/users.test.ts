import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePasswordLink, passwordLinkPath, requireUser } from "../src/auth/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const PASSWORD = "correct horse battery staple";

/** People: users added by admins, one-time set-password links, sign-in by email and password, revocation, owners. */
describe.each(testDialects())("users on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const sameOrigin = () => ({ "sec-fetch-site": "same-origin", origin: api.url });

  /** Posts the set-password form of a link; the response as fetch gives it (no redirect followed). */
  const setPassword = (token: string, password: string, confirm = password) =>
    fetch(`${api.url}/set-password`, {
      method: "POST",
      headers: sameOrigin(),
      body: new URLSearchParams({ token, password, confirm }),
      redirect: "manual",
    });
  const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
  const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0];
  const apiSignIn = (email: string, password: string) =>
    api.call("POST", "/api/v1/session", { key: null, body: { email, password } });
  const asCookie = (cookie: string) => ({ key: null, headers: { cookie, ...sameOrigin() } });

  /** A password for one of the world's users, through a link an admin asks for; resolves to their session cookie. */
  async function passwordFor(email: string, password = PASSWORD): Promise<string> {
    const id = (await requireUser(t.db, email)).id;
    const link = await api.call("POST", `/api/v1/users/${id}/password-link`);
    expect(link.status).toBe(201);
    const res = await setPassword(tokenOf(link.body.url), password);
    expect(res.status).toBe(303);
    return cookieOf(res);
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("an admin adds a user; their one-time link sets a password, signs them in on My accounts, and works once", async () => {
    const added = await api.call("POST", "/api/v1/users", {
      body: { email: " Dana@CS.test ", name: "Dana Diaz", role: "csm" },
    });
    expect(added.status).toBe(201);
    expect(added.body.user).toMatchObject({
      email: "dana@cs.test",
      name: "Dana Diaz",
      role: "csm",
      passwordSetAt: null,
    });
    expect(added.body.passwordLink.url).toMatch(new RegExp(`^${api.url}/set-password\\?token=[\\w-]{43}$`));
    const hours = (Date.parse(added.body.passwordLink.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const token = tokenOf(added.body.passwordLink.url);

    const page = await fetch(added.body.passwordLink.url);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await page.text()).toContain("Dana Diaz");
    const differ = await setPassword(token, PASSWORD, `${PASSWORD}!`);
    expect(differ.status).toBe(400);
    expect(await differ.text()).toContain("The two passwords differ");
    const short = await setPassword(token, "short");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("password: expected 12 to 200 characters, found 5");

    const set = await setPassword(token, PASSWORD);
    expect(set.status).toBe(303);
    expect(set.headers.get("location")).toBe("/at-risk?owner=me");
    const me = await api.call("GET", "/api/v1/session", asCookie(cookieOf(set)));
    expect(me.body).toMatchObject({ kind: "user", email: "dana@cs.test", name: "Dana Diaz", role: "csm" });

    const again = await setPassword(token, "another long password");
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("already used or expired");
    expect(await (await fetch(added.body.passwordLink.url)).text()).toContain("This link no longer works");
    const taken = await api.call("POST", "/api/v1/users", { body: { email: "dana@cs.test", name: "D", role: "csm" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain("a user with email dana@cs.test already exists");
  });

  it("an expired link or a superseded one does not work", async () => {
    const user = await requireUser(t.db, "cara@cs.test");
    const old = await issuePasswordLink(t.db, user, new Date(Date.now() - 25 * 3_600_000));
    expect((await setPassword(old.token, PASSWORD)).status).toBe(404);
    const first = await issuePasswordLink(t.db, user);
    const second = await issuePasswordLink(t.db, user);
    expect((await setPassword(first.token, PASSWORD)).status).toBe(404);
    expect((await setPassword(second.token, PASSWORD)).status).toBe(303);
  });

  it("signs in by email (any case) and password; a wrong password and an unknown email get the same 401", async () => {
    await passwordFor("ann@cs.test");
    const ok = await apiSignIn("ANN@cs.test", PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: "user", email: "ann@cs.test", actor: "ann@cs.test", name: "Ann Archer" });
    expect(ok.headers.get("set-cookie")).toMatch(/^retain_session=v2\.u\d+\./);
    for (const [email, password] of [
      ["ann@cs.test", "wrong password here"],
      ["nobody@cs.test", PASSWORD],
    ]) {
      const bad = await apiSignIn(email, password);
      expect(bad.status).toBe(401);
      expect(bad.body.error.message).toBe("wrong email or password, or the user is revoked");
    }
    const both = await api.call("POST", "/api/v1/session", {
      key: null,
      body: { email: "ann@cs.test", password: PASSWORD, key: api.keys.admin },
    });
    expect(both.body.error.message).toBe("body: expected {email, password} or {key}, found {email, password, key}");

    const form = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ email: "ann@cs.test", password: PASSWORD }),
      redirect: "manual",
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/at-risk?owner=me");
    const wrongForm = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ email: "ann@cs.test", password: "nope nope nope" }),
    });
    expect(wrongForm.status).toBe(401);
    expect(await wrongForm.text()).toContain("Wrong email or password");
  });

  it("My accounts: owner=me is the signed-in user's book; a key is told it owns none", async () => {
    const cookie = await passwordFor("bob@cs.test");
    const mine = await api.call("GET", "/api/v1/at-risk?owner=me", asCookie(cookie));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { customerId: string }) => i.customerId)).toEqual(["A2"]);
    const page = await fetch(`${api.url}/at-risk?owner=me`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const byKey = await api.call("GET", "/api/v1/at-risk?owner=me");
    expect(byKey.status).toBe(400);
    expect(byKey.body.error.message).toBe(
      'owner=me: expected a signed-in user (accounts are owned by people), found the API key "admin tester"',
    );
  });

  it("owners are users: assigning anyone else is refused with the users who can own accounts", async () => {
    const cookie = await passwordFor("zoe@cs.test");
    const stranger = await api.call("PUT", "/api/v1/customers/A3/owner", {
      ...asCookie(cookie),
      body: { email: "stranger@cs.test" },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toMatch(
      /^owner: expected one of the users who can own accounts \(.*ann@cs\.test.*\), found "stranger@cs\.test", who is not a user$/,
    );
    const ok = await api.call("PUT", "/api/v1/customers/A3/owner", {
      ...asCookie(cookie),
      body: { email: "Zoe@cs.test" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.owner).toBe("zoe@cs.test");
    const timeline = await api.call("GET", "/api/v1/customers/A3?kinds=owner");
    expect(timeline.body.timeline.items[0]).toMatchObject({ kind: "owner", actor: "zoe@cs.test" });
    const page = await (await fetch(`${api.url}/customers/A3`, { headers: { cookie } })).text();
    expect(page).toContain("by Zoe Zhang");
    expect(page).toMatch(/<option value="zoe@cs.test" selected>Zoe Zhang \(zoe@cs.test\)<\/option>/);
  });

  it("revoking a user ends their sessions at once; restoring lets them sign in again", async () => {
    const dana = await requireUser(t.db, "dana@cs.test");
    const cookie = await passwordFor("dana@cs.test");
    expect((await api.call("GET", "/api/v1/session", asCookie(cookie))).status).toBe(200);
    const revoked = await api.call("PATCH", `/api/v1/users/${dana.id}`, { body: { disabled: true } });
    expect(revoked.body.disabledAt).not.toBeNull();
    expect((await api.call("GET", "/api/v1/session", asCookie(cookie))).status).toBe(401);
    expect((await apiSignIn("dana@cs.test", PASSWORD)).status).toBe(401);
    const link = await api.call("POST", `/api/v1/users/${dana.id}/password-link`);
    expect(link.status).toBe(409);
    await api.call("PATCH", `/api/v1/users/${dana.id}`, { body: { disabled: false } });
    expect((await apiSignIn("dana@cs.test", PASSWORD)).status).toBe(200);
  });

  it("a role change applies to open sessions at once; a new password ends the old sessions", async () => {
    const cara = await requireUser(t.db, "cara@cs.test");
    await api.call("PATCH", `/api/v1/users/${cara.id}`, { body: { role: "viewer" } });
    const first = await apiSignIn("cara@cs.test", PASSWORD);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0];
    const act = () => api.call("POST", "/api/v1/customers/A1/contacted", { ...asCookie(cookie), body: {} });
    const refused = await act();
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("this needs the csm role; you have viewer");
    await api.call("PATCH", `/api/v1/users/${cara.id}`, { body: { role: "csm" } });
    expect((await act()).status).toBe(200);
    await passwordFor("cara@cs.test", "a brand new password");
    expect((await api.call("GET", "/api/v1/session", asCookie(cookie))).status).toBe(401);
  });

  it("the Users page: an admin user adds a person (link shown once), changes a role, revokes; others get 403", async () => {
    const added = await api.call("POST", "/api/v1/users", {
      body: { email: "ida@cs.test", name: "Ida Admin", role: "admin" },
    });
    const res = await setPassword(tokenOf(added.body.passwordLink.url), PASSWORD);
    const admin = { cookie: cookieOf(res), ...sameOrigin() };
    const post = (fields: Record<string, string>) =>
      fetch(`${api.url}/users`, { method: "POST", headers: admin, body: new URLSearchParams(fields) });
    const page = await (await fetch(`${api.url}/users`, { headers: admin })).text();
    expect(page).toContain('<a href="/users" aria-current="page">Users</a>');
    expect(page).toMatch(/data-user="ann@cs.test"/);

    const add = await post({ action: "add", email: "joe@cs.test", name: "Joe Jones", role: "viewer" });
    expect(add.status).toBe(200);
    const html = await add.text();
    expect(html).toContain("Added Joe Jones (viewer).");
    const url = /id="password-link" class="copy" readonly value="([^"]+)"/.exec(html)?.[1];
    expect(url).toMatch(new RegExp(`^${api.url}/set-password\\?token=[\\w-]{43}$`));
    const joe = await requireUser(t.db, "joe@cs.test");
    const role = await post({ action: "role", id: String(joe.id), role: "csm" });
    expect(await role.text()).toContain("Joe Jones is now csm");
    const revoke = await post({ action: "revoke", id: String(joe.id) });
    expect(await revoke.text()).toContain("Revoked Joe Jones");
    expect((await requireUser(t.db, "joe@cs.test")).disabledAt).not.toBeNull();
    const self = await post({ action: "revoke", id: String((await requireUser(t.db, "ida@cs.test")).id) });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("you cannot change your own role or revoke yourself");
    const dup = await post({ action: "add", email: "joe@cs.test", name: "Joe", role: "csm" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("a user with email joe@cs.test already exists");

    const csm = await passwordFor("bob@cs.test");
    const forbidden = await fetch(`${api.url}/users`, { headers: { cookie: csm } });
    expect(forbidden.status).toBe(403);
    const nav = await (await fetch(`${api.url}/kpis`, { headers: { cookie: csm } })).text();
    expect(nav).toContain('<a href="/at-risk?owner=me">My accounts</a>');
    expect(nav).not.toContain('href="/users"');
    const crossSite = await fetch(`${api.url}/users`, {
      method: "POST",
      headers: { cookie: admin.cookie, "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ action: "revoke", id: String(joe.id) }),
    });
    expect(crossSite.status).toBe(403);
  });

  it("only admins manage users; the list never holds a password hash", async () => {
    expect((await api.call("GET", "/api/v1/users", { key: api.keys.csm })).status).toBe(403);
    const list = await api.call("GET", "/api/v1/users");
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain("ann@cs.test");
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password_hash|passwordHash/);
    const bad = await api.call("POST", "/api/v1/users", { body: { email: "not-an-email", name: "X", role: "csm" } });
    expect(bad.body.error.message).toBe('email: expected an email address like ana@example.com, found "not-an-email"');
  });
});

describe("retain users (CLI)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("adds a user with a one-time link on RETAIN_PUBLIC_URL, lists, changes the role, revokes", async () => {
    const env = { ...t.env, RETAIN_PUBLIC_URL: "https://retain.example.com/" };
    const added = await runCli(["users", "add", "--email", "eve@cs.test", "--name", "Eve", "--role", "csm"], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added Eve <eve@cs\.test> \(csm\)\nSend eve@cs\.test this link/);
    const url = /https:\/\/retain\.example\.com\/set-password\?token=[\w-]{43}/.exec(added.stdout)?.[0];
    expect(url).toBeDefined();
    expect(new URL(url!).pathname + new URL(url!).search).toBe(
      passwordLinkPath(new URL(url!).searchParams.get("token")!),
    );
    const again = await runCli(["users", "add", "--email", "eve@cs.test", "--name", "Eve", "--role", "csm"], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("retain users link eve@cs.test");
    expect((await runCli(["users", "role", "eve@cs.test", "admin"], env)).stdout.trim()).toBe(
      "eve@cs.test is now admin",
    );
    const link = lastJsonLine((await runCli(["users", "link", "eve@cs.test", "--json"], env)).stdout);
    expect(link.passwordLink.url).toMatch(/^https:\/\/retain\.example\.com\/set-password\?token=/);
    expect((await runCli(["users", "revoke", "eve@cs.test"], env)).stdout.trim()).toBe("revoked eve@cs.test");
    const list = lastJsonLine((await runCli(["users", "list", "--json"], env)).stdout);
    expect(list).toEqual([
      expect.objectContaining({ email: "eve@cs.test", role: "admin", disabledAt: expect.any(String) }),
    ]);
    const table = await runCli(["users", "list"], env);
    expect(table.stdout).toMatch(/email\s+name\s+role\s+password\s+last sign-in\s+revoked/);
    const badRole = await runCli(["users", "add", "--email", "x@cs.test", "--name", "X", "--role", "root"], env);
    expect(badRole.stderr).toContain('role: expected one of admin|csm|viewer, found "root"');
  });
});
