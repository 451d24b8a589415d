import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** Form controls without a <label for> (hidden inputs and buttons need none). */
function unlabelled(page: string): string[] {
  const controls = [...page.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter(
    (m) => !/type="hidden"/.test(m[2]) && !/type="checkbox"/.test(m[2]),
  );
  return controls
    .map((m) => /id="([^"]+)"/.exec(m[2])?.[1] ?? m[0])
    .filter((id) => !page.includes(`<label for="${id}"`));
}

describe.each(testDialects())("dashboard pages on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const cookies: Record<string, string> = {};
  const page = (path: string, role: "viewer" | "csm" | "admin" = "csm") =>
    api.call("GET", path, { key: null, headers: { cookie: cookies[role] } });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t, { sessionSecret: "pages-secret-0123456789abcdef" });
    for (const role of ["viewer", "csm", "admin"] as const) {
      const res = await fetch(`${api.url}/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ key: api.keys[role], next: "/at-risk" }),
        redirect: "manual",
      });
      cookies[role] = (res.headers.get("set-cookie") ?? "").split(";")[0];
    }
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("sends visitors without a session to sign in, and back to where they were going", async () => {
    const res = await api.call("GET", "/customers/A1?x=1", { key: null });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fcustomers%2FA1%3Fx%3D1");
    const form = await api.call("GET", "/sign-in?next=%2Fcustomers%2FA1", { key: null });
    expect(form.status).toBe(200);
    expect(form.body).toContain('<label for="key">API key</label>');
    expect(form.body).toContain('<input type="hidden" name="next" value="/customers/A1">');
    const signIn = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: api.keys.viewer, next: "/customers/A1" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("location")).toBe("/customers/A1");
    expect(signIn.headers.get("set-cookie")).toMatch(
      /^retain_session=v2\.[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });

  it("a wrong key gets the form again with the reason; an outside `next` is ignored", async () => {
    const wrong = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: "rk_nope", next: "/kpis" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const text = await wrong.text();
    expect(text).toContain('role="alert"');
    expect(text).toContain("That key is unknown or revoked");
    const evil = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: api.keys.viewer, next: "//evil.test/x" }),
      redirect: "manual",
    });
    expect(evil.headers.get("location")).toBe("/at-risk");
  });

  it.each([
    "/at-risk",
    "/at-risk?band=high&sort=mrrAtRisk",
    "/customers/A1",
    "/kpis?period=2026-06&now=2026-09-01",
    "/models",
    "/models?version=v2",
    "/outreach",
  ])("%s renders with a strict CSP, no inline script, no caching, and a label for every control", async (path) => {
    const res = await page(path);
    expect(res.status, String(res.body).slice(0, 500)).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const scripts = [...String(res.body).matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    for (const attributes of scripts)
      expect(attributes).toMatch(/ src="\/assets\/[\w.-]+\.js"| type="application\/json"/);
    expect(String(res.body)).not.toMatch(/ on[a-z]+="| style="/);
    expect(unlabelled(String(res.body))).toEqual([]);
  });

  it("the at-risk page shows the list with escaped names, kept filters, CSV link and pages", async () => {
    const res = await page("/at-risk?plan=Basic&limit=2");
    const body = String(res.body);
    expect(body).toContain('<span id="list-count">3</span> customers');
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    expect(body).not.toContain("<script>alert(1)</script>");
    expect(body).toContain('<option value="Basic" selected>Basic</option>');
    expect(body).toContain('href="/api/v1/at-risk.csv?plan=Basic"');
    expect(body).toContain('href="/at-risk?plan=Basic&amp;limit=2&amp;offset=2" rel="next"');
    expect(body).toContain("logins fell 40 % in 30 days");
  });

  it("the customer page offers labelled actions to a csm, and only reading to a viewer", async () => {
    const csm = String((await page("/customers/A1", "csm")).body);
    for (const id of ["owner-email", "snooze-days", "note-body"]) expect(csm).toContain(`<label for="${id}">`);
    expect(csm).toContain(">Mark contacted now</button>");
    const data = JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(csm)![1]);
    expect(data.customerId).toBe("A1");
    expect(data.risk.map((r: { asOf: string }) => r.asOf)).toEqual(["2026-06-01", "2026-06-08"]);
    expect(data.usage.metrics).toHaveLength(2);
    const viewer = String((await page("/customers/A1", "viewer")).body);
    expect(viewer).not.toContain('id="snooze-form"');
    expect(viewer).toContain("Your role (viewer) can read only");
  });

  it("promote and rollback buttons are for admins only", async () => {
    const admin = String((await page("/models", "admin")).body);
    expect(admin).toContain('<button type="button" class="promote" data-version="v2">Promote v2</button>');
    expect(admin).toContain('id="rollback"');
    const csm = String((await page("/models", "csm")).body);
    expect(csm).not.toContain(`class="promote"`);
    expect(csm).not.toContain('id="rollback"');
  });

  it("the KPI and outreach pages render their data for the charts", async () => {
    const kpis = String((await page("/kpis?period=2026-05-01..2026-06-30&now=2026-09-01")).body);
    const data = JSON.parse(/id="page-data">(.*?)<\/script>/s.exec(kpis)![1]);
    expect(data.months).toEqual(["2026-05", "2026-06"]);
    expect(data.buckets.map((b: { label: string }) => b.label)).toEqual(["<4 h", "4–24 h", "1–3 d", "3–7 d", ">7 d"]);
    for (const id of [
      "crr-chart",
      "churn-chart",
      "satisfaction-chart",
      "resolution-chart",
      "channel-chart",
      "agents-chart",
    ])
      expect(kpis).toContain(`<canvas id="${id}"`);
    const outreach = String((await page("/outreach")).body);
    expect(outreach).toContain("Not sent: another follow-up is within");
    expect(outreach).toContain('href="/customers/A1">Acme</a>');
  });

  it("errors are pages: 404 for an unknown customer, 400 for a bad filter or period", async () => {
    const missing = await page("/customers/NOPE");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(missing.body).toContain("no customer &quot;NOPE&quot;: expected a customer_id imported in customers.csv");
    const band = await page("/at-risk?band=extreme");
    expect(band.status).toBe(400);
    expect(band.body).toContain("expected one of high|medium|low, found &quot;extreme&quot;");
    const period = await page("/kpis?period=June");
    expect(period.status).toBe(400);
    expect(period.body).toContain("period: expected");
  });

  it("without a period, the KPI page runs its six months on to the latest risk run, so the CRR has a cohort", async () => {
    // The latest complete run is as of 2026-06-08; six months before June end on 2026-05-31.
    const kpis = String((await page("/kpis?now=2026-06-20")).body);
    expect(kpis).toContain('value="2025-12-01..2026-06-20"');
    expect(kpis).not.toContain("no complete risk run is dated in this period");
    const asked = String((await page("/kpis?period=2026-05&now=2026-06-20")).body);
    expect(asked).toContain("no complete risk run is dated in this period");
    // A CRR nobody's window has decided yet is no number (not "0.0 %"): the tile says when it will be.
    const crrTile = (html: string) =>
      html.match(
        /<span class="label">CRR \(support interaction\)<\/span><span class="value">([^<]*)<\/span><span class="sub">([^<]*)/,
      );
    expect(crrTile(kpis)?.slice(1)).toEqual(["–", expect.stringContaining("each 60-day window starts when one does")]);
    expect(crrTile(asked)?.[1]).toBe("–");
    const decided = crrTile(String((await page("/kpis?period=2026-06&now=2026-12-31")).body));
    expect(decided?.[1]).toMatch(/^\d+\.\d %$/);
    expect(decided?.[2]).toMatch(/^\d+ of \d+ at-risk customers retained$/);
  });

  it("serves the assets locally (Chart.js from node_modules) and signs out", async () => {
    const chart = await api.call("GET", "/assets/chart.umd.js", { key: null });
    expect(chart.status).toBe(200);
    expect(chart.headers.get("content-type")).toMatch(/^application\/javascript|^text\/javascript/);
    expect(String(chart.body)).toContain("Chart.js v4");
    for (const asset of [
      "dashboard.css",
      "charts.js",
      "customer.js",
      "kpi.js",
      "model.js",
      "outreach.js",
      "favicon.svg",
    ]) {
      expect((await api.call("GET", `/assets/${asset}`, { key: null })).status, asset).toBe(200);
    }
    expect((await api.call("GET", "/assets/nope.js", { key: null })).status).toBe(404);
    const out = await fetch(`${api.url}/sign-out`, {
      method: "POST",
      headers: { cookie: cookies.viewer },
      redirect: "manual",
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/sign-in");
    expect(out.headers.get("set-cookie")).toBe("retain_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
  });
});
