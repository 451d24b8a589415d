import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../src/auth/index.ts";
import { createKpiCache } from "../src/web/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { createFactories } from "./helpers/factories.ts";
import { runCli } from "./helpers/run-cli.ts";
import { at, seedSupportWorld } from "./helpers/support-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { writeCsv } from "./helpers/write-csv.ts";

const PAGE = "/kpis?period=2026-05&now=2026-06-20&windowDays=30";
const REFRESHING = /Refreshing: these figures are from (\d\d:\d\d) UTC, before (.+?)\./;

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
/** The text of an HTML cell: tags dropped, entities read. */
const cellText = (cell: string) =>
  cell
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])
    .trim();

/** The text of the support table's row that starts with `label`, cells joined by " | ". */
function supportRow(page: string, label: string): string {
  const table = /<table id="kpi-support-table">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? "";
  const row = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cellText(c[1])))
    .find((cells) => cells[0] === label);
  return row ? row.join(" | ") : `(no row ${label})`;
}

describe.each(testDialects())("the KPI page's support KPIs and its cache refresh on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const csvDir = mkdtempSync(join(tmpdir(), "retain-kpi-refresh-"));
  const page = async () => {
    const res = await api.call("GET", PAGE, { key: api.keys.viewer });
    expect(res.status, String(res.body).slice(0, 300)).toBe(200);
    return String(res.body);
  };
  /** The page once the cache has caught up (no refreshing notice). */
  const freshPage = async () => {
    for (let i = 0; i < 100; i++) {
      const body = await page();
      if (!REFRESHING.test(body)) return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the KPI report was never refreshed");
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedSupportWorld(t);
    await addUser(t.db, { email: "ann@cs.test", name: "Ann Lee", role: "csm" });
    await t.db.sql.run("UPDATE customers SET owner_email = 'ann@cs.test' WHERE external_id = 'C1'");
    api = await startApiClient(t, { kpiCache: createKpiCache({ db: t.db }) });
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
    rmSync(csvDir, { recursive: true, force: true });
  });

  it("shows every support KPI beside the previous period, with the change in words", async () => {
    const body = await page();
    expect(body).not.toMatch(REFRESHING);
    expect(body).toMatch(
      /figures computed <time id="kpi-computed-at" datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/,
    );
    expect(body).toContain("Support: 2026-05 beside 2026-04");
    expect(supportRow(body, "First response, median")).toBe(
      "First response, median | 1.0 h | 2.0 h | ▼ 1.0 h shorter (−50.0 %) (better)",
    );
    expect(supportRow(body, "Resolution time, median")).toBe(
      "Resolution time, median | 6.0 h | 101.0 h | ▼ 95.0 h shorter (−94.1 %) (better)",
    );
    expect(supportRow(body, "Resolution rate (by the period's end)")).toBe(
      "Resolution rate (by the period's end) | 50.0 % | 33.3 % | ▲ 16.7 points higher (better)",
    );
    expect(supportRow(body, "Tickets created")).toBe("Tickets created | 4 | 3 | ▲ 1 more (+33.3 %)");
    expect(supportRow(body, "by web")).toBe("by web | 1 | 0 | ▲ 1 more");
    expect(supportRow(body, "At-risk customers with open tickets (at the end)")).toBe(
      "At-risk customers with open tickets (at the end) | 2 | 1 | ▲ 1 more (+100.0 %) (worse)",
    );
    const list = /<table id="kpi-at-risk-open">([\s\S]*?)<\/table>/.exec(body)![1];
    expect(list).toContain('<a href="/customers/C1">');
    const owners = [...list.matchAll(/<\/a><\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(owners).toEqual(["Ann Lee"]); // the owner by name, as on every page
    expect(list).toMatch(
      /<td class="num">1<\/td>\s*<td class="num">1<\/td><td class="kpi-change same">= no change<\/td>/,
    );
  });

  it("after an import by the CLI in another process, says it is refreshing, then shows the new figures", async () => {
    await freshPage();
    writeCsv(
      csvDir,
      "tickets.csv",
      ["ticket_id", "customer_id", "created_at", "channel", "first_response_at"],
      [["K8", "C2", at("2026-05-20"), "phone", at("2026-05-20", 9)]],
    );
    const imported = await runCli(["import", csvDir], t.env);
    expect(imported.code, imported.stderr).toBe(0);
    const stale = await page();
    const [, from, before] = REFRESHING.exec(stale) ?? [];
    expect(before).toMatch(/^the import at \d\d:\d\d UTC$/);
    expect(from).toMatch(/^\d\d:\d\d$/);
    expect(stale).toContain('id="kpi-refreshing" role="status"');
    expect(supportRow(stale, "Tickets created")).toContain("| 4 |"); // the old figures, said to be old
    const fresh = await freshPage();
    expect(supportRow(fresh, "Tickets created")).toBe("Tickets created | 5 | 3 | ▲ 2 more (+66.7 %)");
    expect(supportRow(fresh, "by phone")).toBe("by phone | 1 | 0 | ▲ 1 more");
  });

  it("after a risk run completes, and after records sent to the HTTP ingest", async () => {
    await freshPage();
    await createFactories(t.db).riskRun({ asOf: "2026-05-28", atRisk: ["C2"], notAtRisk: ["C1", "C3", "C4"] });
    expect(REFRESHING.exec(await page())?.[2]).toMatch(/^the risk run of 2026-05-28 at \d\d:\d\d UTC$/);
    // At May's end the run of 05-28 flags C2 alone, whose K2 is still open.
    expect(supportRow(await freshPage(), "At-risk customers with open tickets (at the end)")).toMatch(
      /^[^|]+\| 1 \| 1 \|/,
    );
    const posted = await api.call("POST", "/api/v1/tickets", {
      key: api.keys.csm,
      body: [{ ticket_id: "K9", customer_id: "C3", created_at: at("2026-05-21"), channel: "web" }],
    });
    expect(posted.status).toBe(200);
    expect(REFRESHING.exec(await page())?.[2]).toMatch(/^the import at \d\d:\d\d UTC$/);
    expect(supportRow(await freshPage(), "by web")).toBe("by web | 2 | 0 | ▲ 2 more");
  });
});
