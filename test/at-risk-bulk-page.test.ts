import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireUser } from "../src/auth/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const DAY_MS = 86_400_000;
const inDays = (n: number) => new Date((Math.floor(Date.now() / DAY_MS) + n) * DAY_MS).toISOString().slice(0, 10);
const unescapeHtml = (text: string) => text.replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"');

describe.each(testDialects())("bulk actions on the at-risk page on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const cookies: Record<string, string> = {};
  const sameOrigin = () => ({ "sec-fetch-site": "same-origin", origin: api.url });

  /** A page as the signed-in `who` sees it, with extra cookies (the flash) if given. */
  const page = async (path: string, who = "csm", extra = "") => {
    const cookie = [cookies[who], extra].filter(Boolean).join("; ");
    const res = await fetch(api.url + path, { headers: { cookie }, redirect: "manual" });
    return { status: res.status, body: await res.text(), setCookie: res.headers.get("set-cookie") ?? "" };
  };
  /** Posts the bulk form; the redirect's target and the flash cookie it sets. */
  const post = async (fields: [string, string][], options: { who?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${api.url}/at-risk`, {
      method: "POST",
      headers: { cookie: cookies[options.who ?? "csm"], ...sameOrigin(), ...options.headers },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
    const flash = (res.headers.get("set-cookie") ?? "").split(";")[0];
    return { status: res.status, location: res.headers.get("location"), flash, body: await res.text() };
  };
  /** The message the list shows after a post, read with the flash cookie. */
  const flashOf = async (flash: string, location = "/at-risk") => {
    const shown = await page(location, "csm", flash);
    return /<p id="flash" class="flash flash-(\w+)" role="\w+">(.*?)<\/p>/s.exec(shown.body)?.slice(1) ?? null;
  };
  const changes = async () =>
    Number((await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM customer_events"))[0].n);
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
    await seedDashboardWorld(t);
    api = await startApiClient(t, { sessionSecret: "at-risk-bulk-page-secret-0123456789" });
    cookies.csm = await signIn(api.keys.csm);
    cookies.viewer = await signIn(api.keys.viewer);
    // Ann (who owns A1 and A4) signs in as a person, through a set-password link
    const link = await api.call("POST", `/api/v1/users/${(await requireUser(t.db, "ann@cs.test")).id}/password-link`);
    const set = await fetch(`${api.url}/set-password`, {
      method: "POST",
      headers: sameOrigin(),
      body: new URLSearchParams({
        token: new URL(link.body.url).searchParams.get("token")!,
        password: "correct horse battery staple",
        confirm: "correct horse battery staple",
      }),
      redirect: "manual",
    });
    cookies.ann = (set.headers.get("set-cookie") ?? "").split(";")[0];
  });
  beforeEach(async () => {
    await t.db.sql.run("DELETE FROM customer_state");
    await t.db.sql.run("DELETE FROM customer_events");
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("a csm gets a box per row, a select-all box and the form returning to this list's URL; a viewer none", async () => {
    const { body } = await page("/at-risk?plan=Basic&sort=mrr&order=asc");
    expect(body).toContain('<input type="checkbox" id="select-page"');
    expect(body).toContain('aria-label="Select all on this page"');
    const boxes = [...body.matchAll(/name="ids" value="(\w+)" form="bulk-form"/g)].map((m) => m[1]);
    expect(boxes).toEqual(["A3", "A4", "A5"]);
    expect(body).toMatch(/<form id="bulk-form" class="bulk card" method="post" action="\/at-risk"/);
    expect(body).toContain('<input type="hidden" name="back" value="/at-risk?plan=Basic&amp;sort=mrr&amp;order=asc">');
    expect(body).toContain(`<input id="bulk-until" name="until" type="date" min="${inDays(1)}" max="${inDays(365)}">`);
    expect(body).toMatch(
      /<select id="bulk-owner" name="owner"><option value="">choose a person…<\/option><option value="ann@cs.test">Ann Archer<\/option>/,
    );
    expect(body).toContain('<script src="/assets/at-risk.js" defer></script>');
    const viewer = (await page("/at-risk?plan=Basic", "viewer")).body;
    for (const part of ['id="select-page"', 'name="ids"', 'id="bulk-form"', "at-risk.js"])
      expect(viewer).not.toContain(part);
  });

  it("snoozes the ticked customers until the day with the reason, back on the same list with a summary shown once", async () => {
    const until = inDays(10);
    const back = "/at-risk?plan=Basic&sort=mrr&order=asc";
    const res = await post([
      ["back", back],
      ["ids", "A4"],
      ["ids", "A5"],
      ["action", "snooze"],
      ["until", until],
      ["reason", "QBR booked"],
      ["owner", ""],
    ]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(back);
    expect(await flashOf(res.flash, back)).toEqual(["done", `Snoozed 2 customers until ${until} (QBR booked).`]);
    const shown = await page(back, "csm", res.flash);
    expect(shown.setCookie).toMatch(/^retain_flash=; Path=\/at-risk; HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await page(back)).body).not.toContain('id="flash"');
    expect([...shown.body.matchAll(/name="ids" value="(\w+)"/g)].map((m) => m[1])).toEqual(["A3"]);
    const snoozed = (await page("/at-risk?scope=snoozed")).body;
    expect([...snoozed.matchAll(/<a href="\/customers\/(\w+)">/g)].map((m) => m[1])).toEqual(["A4", "A5"]);
    expect(snoozed.match(/<td data-label="Snoozed until">[^<]*<\/td>/g)).toEqual([
      `<td data-label="Snoozed until">${until} 00:00 UTC</td>`,
      `<td data-label="Snoozed until">${until} 00:00 UTC</td>`,
    ]);
    expect(snoozed.match(/<td data-label="Snooze reason">[^<]*<\/td>/g)).toEqual([
      '<td data-label="Snooze reason">QBR booked</td>',
      '<td data-label="Snooze reason">QBR booked</td>',
    ]);
    expect(await changes()).toBe(2);
  });

  it("assigns an owner to the ticked customers, in the singular for one", async () => {
    const res = await post([
      ["ids", "A3"],
      ["action", "assign"],
      ["until", ""],
      ["owner", "zoe@cs.test"],
      ["back", "/at-risk?q=gamma"],
    ]);
    expect(res.location).toBe("/at-risk?q=gamma");
    expect(await flashOf(res.flash, res.location!)).toEqual(["done", "Assigned 1 customer to zoe@cs.test."]);
    expect((await page("/at-risk?q=gamma")).body).toContain('<td data-label="Owner" class="owner">Zoe Zhang</td>');
  });

  it.each([
    [
      [
        ["ids", "A1"],
        ["ids", "A6"],
        ["action", "snooze"],
        ["until", inDays(3)],
      ],
      /^nothing changed, 1 of 2 .*"A6" churned on 2026-06-20/,
    ],
    [
      [
        ["ids", "A1"],
        ["ids", "X9"],
        ["action", "assign"],
        ["owner", "zoe@cs.test"],
      ],
      /refused: no customer "X9" \(expected/,
    ],
    [
      [
        ["action", "snooze"],
        ["until", inDays(3)],
      ],
      /^no customer selected: expected at least one ticked box in the list$/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "snooze"],
        ["until", ""],
      ],
      /^until: expected a date YYYY-MM-DD to snooze until, found nothing$/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "snooze"],
        ["until", inDays(0)],
      ],
      /^until: expected a day from .* found "\d{4}-\d\d-\d\d"$/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "snooze"],
        ["until", "2026-13-01"],
      ],
      /^body field "until": expected a date YYYY-MM-DD/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "assign"],
        ["owner", "nope"],
      ],
      /^owner: expected one of the people in the list, found "nope"$/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "assign"],
        ["owner", ""],
      ],
      /^owner: expected one of the people in the list, found nothing$/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "assign"],
        ["owner", "x@y.test"],
      ],
      /^owner: expected one of the users who can own accounts .*found "x@y\.test", who is not a user$/,
    ],
    [
      [
        ["ids", "A1"],
        ["action", "delete"],
      ],
      /^body field "action": expected one of snooze\|assign, found "delete"$/,
    ],
  ] as [string[][], RegExp][])(
    "a refusal comes back as the list's message and changes nothing: %j",
    async (fields, message) => {
      const res = await post([...(fields as [string, string][]), ["back", "/at-risk?scope=all"]]);
      expect(res.status).toBe(303);
      expect(res.location).toBe("/at-risk?scope=all");
      const [tone, text] = (await flashOf(res.flash, res.location!))!;
      expect(tone).toBe("error");
      expect(unescapeHtml(text)).toMatch(message);
      expect(await changes()).toBe(0);
    },
  );

  it("refuses a post from another site and a viewer's post with an error page, changing nothing", async () => {
    const fields: [string, string][] = [
      ["ids", "A1"],
      ["action", "snooze"],
      ["until", inDays(3)],
    ];
    const cross = await post(fields, { headers: { "sec-fetch-site": "cross-site", origin: "https://evil.test" } });
    expect(cross.status).toBe(403);
    expect(cross.body).toContain("cross-site request refused");
    const viewer = await post(fields, { who: "viewer" });
    expect(viewer.status).toBe(403);
    expect(viewer.body).toContain("bulk actions need the csm role; you have viewer");
    expect(await changes()).toBe(0);
  });

  it.each([
    ["https://evil.test/at-risk", "/at-risk"],
    ["//evil.test/at-risk", "/at-risk"],
    ["/customers/A1", "/at-risk"],
    ["/at-risk?band=extreme", "/at-risk"],
    ["/at-risk?order=desc&sort=risk&scope=at_risk&limit=50&offset=0", "/at-risk"],
    ["/at-risk?offset=10&scope=snoozed&q=acme", "/at-risk?q=acme&scope=snoozed&offset=10"],
  ])("returns only to a list URL of this site, in its one form: %s → %s", async (back, expected) => {
    const res = await post([
      ["back", back],
      ["action", "snooze"],
    ]);
    expect(res.location).toBe(expected);
  });

  it.each([
    ["/at-risk?q=a&plan=Basic&scope=all&sort=renewal&order=asc&limit=2&offset=2", "csm"],
    ["/at-risk?owner=ann%40cs.test&hasOpenTicket=true&sort=name&order=asc", "csm"],
    ["/at-risk?band=high&scope=newly_at_risk&sort=mrrAtRisk&limit=1", "csm"],
    ["/at-risk?scope=all&limit=2&offset=4", "csm"],
    ["/at-risk?owner=me&scope=all&sort=renewal", "ann"],
    ["/at-risk?owner=me&order=asc", "ann"],
  ])(
    "a list's URL round-trips: the page at %s links back to itself and pages on with the same filters",
    async (url, who) => {
      const first = await page(url, who);
      expect(first.status, first.body.slice(0, 300)).toBe(200);
      await post([
        ["ids", "A1"],
        ["action", "snooze"],
        ["until", inDays(2)],
        ["back", url],
      ]).then((res) => expect(res.location).toBe(url));
      await t.db.sql.run("DELETE FROM customer_state");
      const again = await page(url, who);
      const rows = (body: string) => [...body.matchAll(/<a href="\/customers\/(\w+)">/g)].map((m) => m[1]);
      expect(rows(again.body)).toEqual(rows(first.body));
      const back = /<input type="hidden" name="back" value="([^"]*)">/.exec(first.body)?.[1];
      expect(unescapeHtml(back ?? "")).toBe(url);
      const params = new URL(url, api.url).searchParams;
      const selected = (id: string) =>
        new RegExp(`<select id="${id}".*?<option value="([^"]*)" selected>`, "s").exec(first.body)?.[1];
      expect(selected("f-scope")).toBe(params.get("scope") ?? "at_risk");
      expect(selected("f-sort")).toBe(params.get("sort") ?? "risk");
      expect(selected("f-order")).toBe(params.get("order") ?? "desc");
      for (const m of first.body.matchAll(/<a href="(\/at-risk\?[^"]*)" rel="(?:next|prev)">/g)) {
        const link = new URL(unescapeHtml(m[1]), api.url).searchParams;
        for (const name of ["q", "plan", "owner", "scope", "sort", "order", "limit", "band", "hasOpenTicket"])
          expect(link.get(name), `${name} in ${m[1]}`).toBe(params.get(name));
      }
    },
  );
});
