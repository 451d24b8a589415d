import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadIdMap } from "../src/db/repositories/reference-ids.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** The options of a <select> by id, as [value, text]. */
function options(body: string, id: string): string[][] {
  const select = new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`, "s").exec(body)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
}

describe.each(testDialects())("the at-risk page on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  let cookie = "";
  const page = async (path: string) => {
    const res = await api.call("GET", path, { key: null, headers: { cookie } });
    expect(res.status, String(res.body).slice(0, 300)).toBe(200);
    return String(res.body);
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const { latestRunId } = await seedDashboardWorld(t);
    const ids = await loadIdMap(t.db, "customers");
    // A3 is no longer at risk in the latest run; A1 renews monthly
    await t.db.sql.run("UPDATE risk_scores SET at_risk = ? WHERE run_id = ? AND customer_id = ?", [
      false,
      latestRunId,
      ids.get("A3")!,
    ]);
    await t.db.sql.run("UPDATE customers SET plan = ? WHERE external_id = ?", ["Pro Monthly", "A1"]);
    api = await startApiClient(t, { sessionSecret: "at-risk-page-secret-0123456789" });
    const res = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: api.keys.csm, next: "/at-risk" }),
      redirect: "manual",
    });
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    await t.db.sql.run("DELETE FROM customer_state");
  });

  it("searches: the box keeps the text (escaped), the list, the links and the CSV carry it; one customer in the singular", async () => {
    const body = await page("/at-risk?q=acme");
    expect(body).toContain('<label for="f-q">Search</label>');
    expect(body).toMatch(/<input id="f-q" name="q" type="search" value="acme"/);
    expect(body).toContain('<span id="list-count">1</span> customer ·');
    expect(body).toContain('href="/api/v1/at-risk.csv?q=acme"');
    expect(body).toContain('href="/at-risk?q=acme&amp;sort=name&amp;order=asc"');
    const evil = await page("/at-risk?q=%22%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E");
    expect(evil).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(evil).not.toContain("<script>alert(2)");
    expect(evil).toContain('<span id="list-count">0</span> customers');
    expect(await page("/at-risk")).toContain('<span id="list-count">4</span> customers');
  });

  it("column headers are sort links that keep the filters; the current one says its order and reverses it", async () => {
    const body = await page("/at-risk?plan=Basic&owner=none");
    expect(body).toContain(
      'aria-sort="descending"><a class="sort" href="/at-risk?plan=Basic&amp;owner=none&amp;order=asc"',
    );
    expect(body).toContain('href="/at-risk?plan=Basic&amp;owner=none&amp;sort=mrrAtRisk"');
    expect(body).toContain('href="/at-risk?plan=Basic&amp;owner=none&amp;sort=change"');
    const byName = await page("/at-risk?scope=all&sort=name&order=asc");
    expect(byName).toContain('aria-sort="ascending"><a class="sort" href="/at-risk?scope=all&amp;sort=name"');
    const names = [...byName.matchAll(/<a href="\/customers\/(\w+)">/g)].map((m) => m[1]);
    expect(names).toEqual(["A4", "A5", "A1", "A2", "A3", "L1"]);
  });

  it("the Renewal header sorts by the next renewal, soonest first, then reversed; unknown renewals last both ways", async () => {
    const body = await page("/at-risk?plan=Basic&owner=none");
    expect(body).toContain('href="/at-risk?plan=Basic&amp;owner=none&amp;sort=renewal&amp;order=asc"');
    const rows = (html: string) => [...html.matchAll(/<a href="\/customers\/(\w+)">/g)].map((m) => m[1]);
    const asc = await page("/at-risk?sort=renewal&order=asc");
    expect(asc).toContain('aria-sort="ascending"><a class="sort" href="/at-risk?sort=renewal"');
    expect(asc).toContain("Customers sorted by renewal date, soonest first, unknown renewals last</caption>");
    expect(options(asc, "f-sort").map((o) => o[0])).toContain("renewal");
    // only A1 (Pro Monthly) has a known cycle: first in both orders, the others after it by import order
    expect(rows(asc)).toEqual(["A1", "A2", "A4", "A5"]);
    expect(rows(await page("/at-risk?sort=renewal"))).toEqual(["A1", "A2", "A4", "A5"]);
  });

  it("the summary strip: figures by hand, each change since the previous run, links to each view and band", async () => {
    const body = await page("/at-risk?owner=none&band=high");
    const strip = /<section class="tiles strip".*?<\/section>/s.exec(body)![0];
    // owner none: A5 (0.55 × 300, new) at risk now; A3 (0.33 × 50) was, and is no longer
    expect(strip).toMatch(/id="sum-at-risk".*?<a href="\/at-risk\?owner=none">1<\/a>.*?no change since 2026-06-01/s);
    expect(strip).toMatch(/id="sum-mrr".*?\$165\.00.*?\+\$148\.50 since 2026-06-01/s);
    expect(strip).toContain('<a href="/at-risk?owner=none&amp;scope=newly_at_risk">1</a>');
    expect(strip).toContain('<a href="/at-risk?owner=none&amp;scope=no_longer_at_risk">1</a>');
    expect(strip).toContain('<a href="/at-risk?owner=none&amp;scope=snoozed">0</a>');
    expect(strip).toContain('<a href="/at-risk?owner=none&amp;band=high">1</a>');
    const all = await page("/at-risk");
    expect(all).toMatch(/id="sum-at-risk".*?>4<\/a>.*?\+1 since 2026-06-01/s);
    expect(all).toMatch(/id="sum-mrr".*?\$3,205\.00.*?\+\$88\.50/s);
    expect(all).toContain('role="img" aria-label="At-risk customers at each run: 2026-06-01: 3, 2026-06-08: 6"');
  });

  it("offers only the bands the view holds, the selected one kept", async () => {
    const atRisk = await page("/at-risk");
    expect(options(atRisk, "f-band")).toEqual([
      ["", "Any"],
      ["high", "High"],
      ["medium", "Medium"],
    ]);
    expect(options(await page("/at-risk?scope=all"), "f-band").map((o) => o[0])).toEqual(["", "high", "medium", "low"]);
    const low = await page("/at-risk?band=low");
    expect(options(low, "f-band").map((o) => o[0])).toEqual(["", "high", "medium", "low"]);
    expect(low).toContain("No customers match these filters.");
    expect(options(atRisk, "f-scope").map((o) => o[0])).toEqual([
      "at_risk",
      "newly_at_risk",
      "no_longer_at_risk",
      "snoozed",
      "all",
    ]);
  });

  it("shows the renewal date and days to renewal, and a dash for a plan without a known cycle", async () => {
    const body = await page("/at-risk?q=acme");
    expect(body).toMatch(/<td data-label="Renewal">\d{4}-\d{2}-01<div class="sub">(today|in \d+ days?)<\/div><\/td>/);
    expect(await page("/at-risk?q=beta")).toContain('<td data-label="Renewal">–</td>');
  });

  it("the Snoozed view lists snoozed customers with the snooze's end; Everyone scored still has them", async () => {
    await api.call("POST", "/api/v1/customers/A2/snooze", { key: api.keys.csm, body: { days: 3 } });
    const snoozed = await page("/at-risk?scope=snoozed");
    expect(snoozed).toContain('<th scope="col">Snoozed until</th>');
    expect(snoozed).toMatch(/<td data-label="Snoozed until">\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<\/td>/);
    expect([...snoozed.matchAll(/<a href="\/customers\/(\w+)">/g)].map((m) => m[1])).toEqual(["A2"]);
    expect(snoozed).toContain("Customers snoozed now, with the snooze&#39;s end.");
    const all = await page("/at-risk?scope=all&q=beta");
    expect(all).toContain('<a href="/customers/A2">Beta</a>');
    expect(all).toContain('<span class="muted">snoozed</span>');
    expect(await page("/at-risk?q=beta")).toContain('<span id="list-count">0</span> customers');
  });
});
