import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCustomer } from "../src/identity/index.ts";
import type { Outreach } from "../src/outreach/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { addCustomers, testOutreach, writeRiskRun } from "./helpers/outreach-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { queueTicket } from "./helpers/unmatched-world.ts";

const unescapeHtml = (text: string) => text.replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"');

describe.each(testDialects())("the Unmatched page on %s", (dialect) => {
  let t: TestDatabase;
  let outreach: Outreach;
  let api: ApiClient;
  const cookies: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const sameOrigin = () => ({ "sec-fetch-site": "same-origin", origin: api.url });
  const page = async (path: string, who = "csm") => {
    const res = await fetch(api.url + path, { headers: { cookie: cookies[who] }, redirect: "manual" });
    return { status: res.status, body: unescapeHtml(await res.text()) };
  };
  const post = async (fields: Record<string, string>, o: { who?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${api.url}/unmatched`, {
      method: "POST",
      headers: { cookie: cookies[o.who ?? "csm"], ...sameOrigin(), ...o.headers },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
    const body = unescapeHtml(await res.text());
    return { status: res.status, body, flash: /<div id="flash"[^>]*><p>(.*?)<\/p>/s.exec(body)?.[1] ?? null };
  };
  const signIn = async (key: string) => {
    const res = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      headers: sameOrigin(),
      body: new URLSearchParams({ key, next: "/at-risk" }),
      redirect: "manual",
    });
    return (res.headers.get("set-cookie") ?? "").split(";")[0];
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await addCustomers(t, [
      { customer_id: "SA", name: "Shared A", email: "a@shared.test" },
      { customer_id: "SB", name: "Shared B", email: "b@shared.test" },
      { customer_id: "ZED", name: "Zed Industries", email: "ops@zed.test" },
    ]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: ["SA", "SB", "ZED"] });
    const clock = { now: new Date("2026-03-02T10:00:00Z") };
    outreach = testOutreach(t, { clock });
    api = await startApiClient(t, { outreach, sessionSecret: "unmatched-page-secret-0123456789" });
    cookies.csm = await signIn(api.keys.csm);
    cookies.viewer = await signIn(api.keys.viewer);
    ids.P1 = await queueTicket(t, "P-1", "intern@shared.test", "Ivy Intern");
    ids.P2 = await queueTicket(t, "P-2", "who@nowhere.test");
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("shows each open item with what was received, its candidates, a search and a dismiss form; in the nav", async () => {
    const res = await page("/unmatched");
    expect(res.status).toBe(200);
    expect(res.body).toContain('<a href="/unmatched" aria-current="page">Unmatched</a>');
    expect(res.body).toContain("2 open items.");
    const p1 = res.body.slice(res.body.indexOf(`id="item-${ids.P1}"`));
    expect(p1).toContain('Ivy Intern <span class="sub">intern@shared.test</span>');
    expect(p1).toContain("<code>P-1</code> · Question P-1");
    expect(p1).toMatch(/data-link="SA">Link to Shared A/);
    expect(p1).toMatch(/data-link="SB">Link to Shared B/);
    const p2 = res.body.slice(res.body.indexOf(`id="item-${ids.P2}"`), res.body.indexOf(`id="item-${ids.P1}"`));
    expect(p2).toContain("No candidates: search for the customer.");
    expect(p2).toContain('name="reason"');
    expect((await page("/outreach")).body).toContain('<a href="/unmatched">Unmatched page</a>');
  });

  it("refuses viewers (403, and no nav entry) and posts from another site (403)", async () => {
    const viewer = await page("/unmatched", "viewer");
    expect(viewer.status).toBe(403);
    expect((await page("/at-risk", "viewer")).body).not.toContain('href="/unmatched"');
    expect((await post({ action: "dismiss", id: String(ids.P2), reason: "x" }, { who: "viewer" })).status).toBe(403);
    const crossSite = await post(
      { action: "dismiss", id: String(ids.P2), reason: "x" },
      { headers: { "sec-fetch-site": "cross-site", origin: "https://evil.test" } },
    );
    expect(crossSite.status).toBe(403);
    expect((await page("/unmatched")).body).toContain("2 open items.");
  });

  it("searches customers by name for one item and links it with one click: processed and the email learned", async () => {
    const found = await page(`/unmatched?item=${ids.P2}&find=zed`);
    expect(found.body).toMatch(/data-link="ZED">Link to Zed Industries/);
    const linked = await post({ action: "link", id: String(ids.P2), customerId: "ZED" });
    expect(linked.status).toBe(200);
    expect(linked.flash).toBe(
      `Linked item ${ids.P2} to Zed Industries: ticket P-2 new for ZED, 1 follow-up decision queued. ` +
        "Retain now knows who@nowhere.test as Zed Industries.",
    );
    expect(linked.body).toContain("1 open item.");
    expect((await resolveCustomer(t.db, { email: "WHO@nowhere.test" })).status).toBe("matched");
    const again = await post({ action: "link", id: String(ids.P2), customerId: "ZED" });
    expect(again.status).toBe(400);
    expect(again.flash).toMatch(/^item \d+ was already linked to ZED by csm tester at /);
    const shown = await page("/unmatched?view=linked");
    expect(shown.body).toContain(
      'Linked to <a href="/customers/ZED">Zed Industries</a> (linked by hand) by csm tester',
    );
  });

  it("dismisses with a reason and says so; a dismissal without one is refused", async () => {
    const none = await post({ action: "dismiss", id: String(ids.P1), reason: "" });
    expect(none.status).toBe(400);
    expect(none.flash).toBe("reason: expected why the item is dismissed (1–500 characters), found none");
    const done = await post({ action: "dismiss", id: String(ids.P1), reason: "a job applicant" });
    expect(done.flash).toBe(`Dismissed item ${ids.P1}: a job applicant.`);
    expect(done.body).toContain("Nothing to match: every item found its customer.");
    expect((await page("/unmatched?view=dismissed")).body).toContain("Dismissed by csm tester on");
  });
});
