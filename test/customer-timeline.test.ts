import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomerTimeline, getCustomerDetail, TIMELINE_KINDS } from "../src/customers/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

interface Item {
  at: string;
  kind: string;
  title: string;
  detail: string | null;
  actor: string | null;
}

describe.each(testDialects())("customer timeline on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  let noteId: number;
  const cookies: Record<string, string> = {};
  const page = (path: string, role: "viewer" | "csm" = "csm") =>
    api.call("GET", path, { key: null, headers: { cookie: cookies[role] } });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t, { sessionSecret: "timeline-secret-0123456789abcdef" });
    for (const role of ["viewer", "csm"] as const) {
      const res = await fetch(`${api.url}/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ key: api.keys[role], next: "/at-risk" }),
        redirect: "manual",
      });
      cookies[role] = (res.headers.get("set-cookie") ?? "").split(";")[0];
    }
    const csm = { key: api.keys.csm };
    const note = await api.call("POST", "/api/v1/customers/A1/notes", { ...csm, body: { body: "Champion left" } });
    noteId = note.body.id;
    await api.call("PUT", "/api/v1/customers/A1/owner", { ...csm, body: { email: "zoe@cs.test" } });
    await api.call("POST", "/api/v1/customers/A1/snooze", {
      ...csm,
      body: { days: 7, reason: "waiting for the renewal call" },
    });
    await api.call("POST", "/api/v1/customers/A1/contacted", { ...csm, body: { channel: "phone" } });
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("lists every kind in one dated list, newest first", async () => {
    const res = await api.call("GET", "/api/v1/customers/A1", { key: api.keys.viewer });
    expect(res.status).toBe(200);
    const items: Item[] = res.body.timeline.items;
    expect(res.body.timeline.kinds).toBeNull();
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(TIMELINE_KINDS));
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const titles = items.map((i) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Ticket T1 opened",
        "Ticket T2 opened",
        "Ticket T2 closed",
        "CSAT answer: 2",
        "CSAT answer: 4",
        "Note",
        "Owner set to zoe@cs.test",
        "Contacted by phone",
        "First scored: at risk",
      ]),
    );
    // The oldest items come last: the ticket opened on 2026-05-01 is after (older than) the survey of 2026-05-03.
    expect(titles.indexOf("Ticket T2 opened")).toBeGreaterThan(titles.indexOf("CSAT answer: 2"));
    expect(items.find((i) => i.kind === "email")).toMatchObject({ title: expect.stringContaining("suppressed") });
    expect(items.find((i) => i.kind === "owner")).toMatchObject({ actor: "csm tester", detail: "was ann@cs.test" });
  });

  it("records the contact channel and the snooze reason", async () => {
    const { items } = (await api.call("GET", "/api/v1/customers/A1?kinds=contact,snooze", { key: api.keys.viewer }))
      .body.timeline as { items: Item[] };
    expect(items.map((i) => [i.kind, i.title.replace(/\d{4}-\d\d-\d\d/, "D"), i.detail, i.actor])).toEqual([
      ["contact", "Contacted by phone", null, "csm tester"],
      ["snooze", "Snoozed until D", "waiting for the renewal call", "csm tester"],
    ]);
  });

  it("filters by kind on the API, and refuses an unknown kind with a 400 naming the known ones", async () => {
    const notes = await api.call("GET", "/api/v1/customers/A1?kinds=note", { key: api.keys.viewer });
    expect(notes.body.timeline.kinds).toEqual(["note"]);
    expect(new Set(notes.body.timeline.items.map((i: Item) => i.kind))).toEqual(new Set(["note"]));
    const bad = await api.call("GET", "/api/v1/customers/A1?kinds=note,nope", { key: api.keys.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('found "nope"');
    expect(bad.body.error.message).toContain("ticket, survey, email, note, owner, snooze, contact, risk");
  });

  it("builds the same timeline in the core, with risk band changes and leaving the at-risk list", async () => {
    const d = await getCustomerDetail(t.db, { customerId: "A2", kinds: ["risk"] });
    expect(d.timeline.items.map((i) => [i.at.toISOString().slice(0, 10), i.title, i.detail])).toEqual([
      ["2026-06-08", "Band high → medium", "50 % → 40 %"],
      ["2026-06-01", "First scored: at risk", "50 %, high band"],
    ]);
    const risk = [
      { asOf: new Date("2026-01-01"), probability: 0.6, band: "high", atRisk: true },
      { asOf: new Date("2026-02-01"), probability: 0.1, band: "low", atRisk: false },
      { asOf: new Date("2026-03-01"), probability: 0.12, band: "low", atRisk: false },
    ];
    const empty = { tickets: [], surveys: [], outreach: [], notes: [], events: [] };
    expect(buildCustomerTimeline({ ...empty, risk }).map((i) => i.title)).toEqual([
      "Left the at-risk list, band high → low",
      "First scored: at risk",
    ]);
  });

  it("lets only the author edit a note, and keeps the edit on the timeline", async () => {
    const path = `/api/v1/customers/A1/notes/${noteId}`;
    const other = await api.call("PUT", path, { key: api.keys.admin, body: { body: "Rewritten by someone else" } });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('written by "csm tester"');
    const edited = await api.call("PUT", path, { key: api.keys.csm, body: { body: "Champion left; new one is Kim" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: noteId, body: "Champion left; new one is Kim", author: "csm tester" });
    expect(edited.body.editedAt).not.toBeNull();
    const missing = await api.call("PUT", "/api/v1/customers/A2/notes/999999", {
      key: api.keys.csm,
      body: { body: "x" },
    });
    expect(missing.status).toBe(404);
    const d = (await api.call("GET", "/api/v1/customers/A1?kinds=note", { key: api.keys.viewer })).body;
    expect(d.notes[0]).toMatchObject({ body: "Champion left; new one is Kim" });
    expect(d.timeline.items.map((i: Item) => [i.title, i.detail])).toEqual(
      expect.arrayContaining([
        ["Note edited", "Champion left; new one is Kim"],
        ["Note", "Champion left; new one is Kim"],
      ]),
    );
  });

  it("refuses every action on a churned customer with a 409 saying when they left", async () => {
    const csm = { key: api.keys.csm };
    const calls: [string, string, unknown][] = [
      ["PUT", "/api/v1/customers/A6/owner", { email: "zoe@cs.test" }],
      ["POST", "/api/v1/customers/A6/snooze", { days: 3, reason: "x" }],
      ["DELETE", "/api/v1/customers/A6/snooze", undefined],
      ["POST", "/api/v1/customers/A6/notes", { body: "x" }],
      ["POST", "/api/v1/customers/A6/contacted", { channel: "email" }],
    ];
    for (const [method, path, body] of calls) {
      const res = await api.call(method, path, { ...csm, body });
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body.error.message).toContain('customer "A6" churned on 2026-06-20');
    }
    const d = (await api.call("GET", "/api/v1/customers/A6", { key: api.keys.viewer })).body;
    expect(d.state.churned).toBe(true);
    expect(d.timeline.items.some((i: Item) => ["owner", "snooze", "contact", "note"].includes(i.kind))).toBe(false);
  });

  it("the page shows the timeline with kind filters, the snooze reason and contact channel fields", async () => {
    const all = String((await page("/customers/A1")).body);
    expect(all).toContain('<h2 id="timeline-h">Timeline</h2>');
    for (const kind of TIMELINE_KINDS) expect(all).toContain(`data-kind="${kind}"`);
    expect(all).toContain('<label for="snooze-reason">Reason</label>');
    expect(all).toContain('<option value="phone">phone</option>');
    expect(all).toContain(`class="secondary note-edit" data-note-id="${noteId}"`);
    const contacts = String((await page("/customers/A1?kinds=contact")).body);
    const kinds = [...contacts.matchAll(/<li class="tl-item tl-(\w+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(["contact"]);
    expect(contacts).toContain("Contacted by phone");
    expect(contacts).toMatch(
      /<a class="chip current" href="[^"]*kinds=contact[^"]*" data-kind="contact" aria-current="page">/,
    );
    const viewer = String((await page("/customers/A1", "viewer")).body);
    expect(viewer).not.toContain("note-edit");
    expect((await page("/customers/A1?kinds=bogus")).status).toBe(400);
  });

  it("a churned customer's page says when they left and offers no actions; the drivers heading follows at-risk", async () => {
    const churned = String((await page("/customers/A6")).body);
    expect(churned).toContain("Churned on 2026-06-20: this customer left.");
    expect(churned).toContain('id="no-actions"');
    for (const form of ["owner-form", "snooze-form", "note-form", "contacted-form"])
      expect(churned).not.toContain(`id="${form}"`);
    expect(churned).toContain('<h2 id="drivers-h">Why at risk</h2>');
    const low = String((await page("/customers/L1")).body);
    expect(low).toContain('<h2 id="drivers-h">What drives the score</h2>');
    expect(low).not.toContain("Why at risk");
    expect(low).not.toContain("churned-notice");
    expect(low).toContain('id="snooze-form"');
  });
});
