import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRecords } from "../src/ingest/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

/** What every door says about a day that does not exist (`outreach log` once read it as March 3). */
const FEB_31 = 'expected a date YYYY-MM-DD that exists (2026-02 has 28 days), found "2026-02-31"';

describe("2026-02-31 is refused alike at every door, saying what was expected and found", () => {
  let t: TestDatabase;
  let api: ApiClient;
  let cookie = "";

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    api = await startApiClient(t, { sessionSecret: "date-doors-secret-0123456789abcdef" });
    const res = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: api.keys.viewer, next: "/kpis" }),
      redirect: "manual",
    });
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it.each([
    [["outreach", "log", "--from", "2026-02-31"], `from: ${FEB_31}`],
    [["outreach", "report", "--to", "2026-02-31"], `--to: ${FEB_31}`],
    [["kpi", "--now", "2026-02-31"], `--now: ${FEB_31}`],
    [["score", "--as-of", "2026-02-31"], `--as-of: ${FEB_31}`],
  ])("CLI: retain %j is exit code 2", async (args, message) => {
    const result = await runCli(args, t.env);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(2);
  });

  it.each([
    ["/api/v1/outreach/log?from=2026-02-31", `from: ${FEB_31}`],
    ["/api/v1/outreach/report?to=2026-02-31", `to: ${FEB_31}`],
    ["/api/v1/kpis?now=2026-02-31", `now: ${FEB_31}`],
    [
      "/api/v1/kpis?period=2026-02-01..2026-02-31",
      'period: expected a date YYYY-MM-DD that exists (2026-02 has 28 days) after "..", found "2026-02-31" in "2026-02-01..2026-02-31"',
    ],
  ])("API: GET %s is a 400", async (path, message) => {
    const res = await api.call("GET", path);
    expect(res.body).toEqual({ error: { code: "BAD_INPUT", message } });
    expect(res.status).toBe(400);
  });

  it("API: a body timestamp on 2026-02-31 is a 400", async () => {
    const res = await api.call("POST", "/api/v1/customers/C1/contacted", { body: { at: "2026-02-31T10:00:00Z" } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'body field "at": expected an ISO 8601 timestamp on a date that exists (2026-02 has 28 days), found "2026-02-31T10:00:00Z"',
    );
  });

  it("page: /kpis?now=2026-02-31 is a 400 page", async () => {
    const res = await api.call("GET", "/kpis?now=2026-02-31", { key: null, headers: { cookie } });
    expect(res.status).toBe(400);
    expect(res.body).toContain(`now: ${FEB_31}`.replaceAll('"', "&quot;"));
  });

  it("ingest: a record dated 2026-02-31 is rejected, the others taken", async () => {
    const result = await ingestRecords({
      db: t.db,
      kind: "customers",
      records: [
        { customer_id: "C1", signup_date: "2026-02-31" },
        { customer_id: "C2", signup_date: "2026-02-28" },
      ],
    });
    expect(result).toMatchObject({
      new: 1,
      errors: [{ index: 0, column: "signup_date", reason: `unparseable date: ${FEB_31}` }],
    });
  });
});
