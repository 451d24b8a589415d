import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportKind, importFiles } from "../src/ingest/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { writeCsv } from "./helpers/write-csv.ts";

const CUSTOMERS = [
  "customer_id",
  "name",
  "email",
  "plan",
  "mrr",
  "signup_date",
  "churn_date",
  "segment",
  "timezone",
  "owner_email",
];
const TICKETS = [
  "ticket_id",
  "customer_id",
  "created_at",
  "subject",
  "channel",
  "priority",
  "category",
  "agent_id",
  "first_response_at",
  "resolved_at",
  "closed_at",
  "status",
  "reopened_count",
];

describe.each(testDialects())("import on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;

  async function run(files: { kind: ImportKind; file: string }[], batchSize?: number) {
    const summary = await importFiles({ db: t.db, dataDir: t.config.dataDir, files, batchSize });
    return summary.files;
  }

  function rejects(path: string | null): string[][] {
    return readFileSync(path!, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dir = join(t.config.dataDir, "in");
    writeCsv(dir, "customers.csv", CUSTOMERS, [
      ["C1", "Acme", "ops@acme.test", "Pro Monthly", 100, "2024-01-05", "", "SMB", "Europe/Paris", "csm@x.test"],
      ["C2", '"Beta, Inc"', "b@beta.test", "Starter Annual", 50, "2024-02-10", "", "SMB", "", ""],
    ]);
    writeCsv(dir, "agents.csv", ["agent_id", "name", "email", "team"], [["A1", "Ann", "ann@x.test", "Tier 1"]]);
  });
  afterAll(() => t.drop());

  it("imports new rows, then reports them unchanged on a second run", async () => {
    const files: { kind: ImportKind; file: string }[] = [
      { kind: "customers", file: join(dir, "customers.csv") },
      { kind: "agents", file: join(dir, "agents.csv") },
    ];
    const first = await run(files);
    expect(first.map((f) => [f.kind, f.new, f.updated, f.unchanged, f.rejected])).toEqual([
      ["customers", 2, 0, 0, 0],
      ["agents", 1, 0, 0, 0],
    ]);
    const second = await run(files);
    expect(second.map((f) => [f.new, f.updated, f.unchanged, f.rejected])).toEqual([
      [0, 0, 2, 0],
      [0, 0, 1, 0],
    ]);
    const names = await t.db.sql.all<{ name: string }>("SELECT name FROM customers ORDER BY external_id");
    expect(names.map((r) => r.name)).toEqual(["Acme", "Beta, Inc"]);
  });

  it("updates a changed row: a customer who churns, a ticket that gets closed_at", async () => {
    const file = writeCsv(dir, "churn.csv", CUSTOMERS, [
      ["C2", "Beta", "b@beta.test", "Starter Annual", 50, "2024-02-10", "2025-03-01", "SMB", "", ""],
    ]);
    const [summary] = await run([{ kind: "customers", file }]);
    expect([summary.new, summary.updated, summary.unchanged]).toEqual([0, 1, 0]);
    const customer = await t.db.prisma().customer.findUniqueOrThrow({ where: { externalId: "C2" } });
    expect(customer.churnDate?.toISOString()).toBe("2025-03-01T00:00:00.000Z");

    const open = writeCsv(dir, "t-open.csv", TICKETS, [
      [
        "T1",
        "C1",
        "2025-01-01T09:00:00Z",
        "Help",
        "email",
        "high",
        "bug",
        "A1",
        "2025-01-01T09:30:00Z",
        "",
        "",
        "open",
        0,
      ],
    ]);
    const closed = writeCsv(dir, "t-closed.csv", TICKETS, [
      [
        "T1",
        "C1",
        "2025-01-01T09:00:00Z",
        "Help",
        "email",
        "high",
        "bug",
        "A1",
        "2025-01-01T09:30:00Z",
        "2025-01-02T10:00:00Z",
        "2025-01-02T11:00:00+01:00",
        "closed",
        1,
      ],
    ]);
    expect((await run([{ kind: "tickets", file: open }]))[0].new).toBe(1);
    expect((await run([{ kind: "tickets", file: closed }]))[0].updated).toBe(1);
    const ticket = await t.db.prisma().ticket.findUniqueOrThrow({ where: { externalId: "T1" } });
    expect(ticket.closedAt?.toISOString()).toBe("2025-01-02T10:00:00.000Z");
    expect([ticket.status, ticket.reopenedCount]).toEqual(["closed", 1]);
  });

  it("rejects each kind of bad row with line, column and reason, and commits the good rows", async () => {
    const usage = writeCsv(
      dir,
      "usage.csv",
      ["customer_id", "date", "metric", "value"],
      [
        ["C1", "2025-01-01", "logins", 3], // 2 ok
        ["C9", "2025-01-01", "logins", 3], // 3 unknown customer
        ["C1", "2025-01-32", "logins", 3], // 4 bad date
        ["C1", "2025-01-02", "logins", "many"], // 5 bad number
        ["C1", "2025-01-02", "logins", -1], // 6 out of range
        ["C1", "2025-01-01", "logins", 4], // 7 duplicate of line 2
        ["C1", "2025-01-01", "", 4], // 8 missing required
        ["C1", "2025-01-01", "events", 10], // 9 ok
      ],
    );
    const tickets = writeCsv(dir, "tickets.csv", TICKETS, [
      ["T2", "C1", "2025-02-01T09:00:00Z", "x", "fax", "normal", "", "", "", "", "", "open", 0], // 2 enum
      ["T3", "C1", "2025-02-01T09:00:00Z", "x", "chat", "normal", "", "A9", "", "", "", "open", 0], // 3 unknown agent
      ["T4", "C1", "2025-02-01 09:00", "x", "chat", "normal", "", "", "", "", "", "open", 0], // 4 timestamp without offset
      ["T5", "C1", "2025-02-01T09:00:00Z", "x", "chat", "normal", "", "", "", "", "", "open", 0], // 5 ok
    ]);
    const surveys = writeCsv(
      dir,
      "surveys.csv",
      ["response_id", "customer_id", "kind", "score", "responded_at", "ticket_id", "comment"],
      [
        ["S1", "C1", "csat", 6, "2025-02-02T09:00:00Z", "T5", ""], // 2 out of range for csat
        ["S2", "C1", "nps", 10, "2025-02-02T09:00:00Z", "", "great"], // 3 ok
        ["S3", "C1", "mood", 3, "2025-02-02T09:00:00Z", "", ""], // 4 enum
        ["S4", "C2", "csat", 4, "2025-02-02T09:00:00Z", "T5", ""], // 5 ticket of another customer
        ["S5", "C1", "ces", 2, "2025-02-02T09:00:00Z", "T404", ""], // 6 unknown ticket
      ],
    );
    const [u, tk, s] = await run([
      { kind: "usage", file: usage },
      { kind: "tickets", file: tickets },
      { kind: "surveys", file: surveys },
    ]);
    expect([u.new, u.rejected]).toEqual([2, 6]);
    expect(rejects(u.rejectsFile).map((r) => [r[0], r[1]])).toEqual([
      ["3", "customer_id"],
      ["4", "date"],
      ["5", "value"],
      ["6", "value"],
      ["7", "customer_id+date+metric"],
      ["8", "metric"],
    ]);
    const reasons = readFileSync(u.rejectsFile!, "utf8");
    expect(reasons).toContain('unknown customer_id: no customer ""C9""');
    expect(reasons).toContain("unparseable date: expected a date YYYY-MM-DD that exists (2025-01 has 31 days)");
    expect(reasons).toContain("value out of range: expected ≥ 0, found -1");
    expect(reasons).toContain("duplicate id within the file: first seen on line 2");
    expect(reasons).toContain("missing required value");
    expect([tk.new, tk.rejected]).toEqual([1, 3]);
    expect(rejects(tk.rejectsFile).map((r) => r[1])).toEqual(["channel", "agent_id", "created_at"]);
    expect([s.new, s.rejected]).toEqual([1, 4]);
    expect(readFileSync(s.rejectsFile!, "utf8")).toMatch(/belongs to another customer[\s\S]*unknown ticket_id/);
    const stored = await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM usage");
    expect(Number(stored[0].n)).toBe(2);
  });

  it("refuses repeats of new and of existing ids, across batches, naming the line first seen", async () => {
    const row = (id: string, subject: string) => [
      id,
      "C1",
      "2025-03-01T09:00:00Z",
      subject,
      "chat",
      "normal",
      "",
      "",
      "",
      "",
      "",
      "open",
      0,
    ];
    await run([{ kind: "tickets", file: writeCsv(dir, "t-before.csv", TICKETS, [row("D1", "old")]) }]);
    const file = writeCsv(dir, "t-repeats.csv", TICKETS, [
      row("D1", "changed"), // 2 existing: updated
      row("D2", "new"), // 3 new
      row("D2", "again"), // 4 repeat of a new id (next batch)
      row("D1", "again"), // 5 repeat of an existing id
      row("D3", "new"), // 6 new
    ]);
    const [summary] = await run([{ kind: "tickets", file }], 2);
    expect([summary.new, summary.updated, summary.rejected]).toEqual([2, 1, 2]);
    expect(rejects(summary.rejectsFile).map((r) => r[0])).toEqual(["4", "5"]);
    const reasons = readFileSync(summary.rejectsFile!, "utf8");
    expect(reasons).toContain("duplicate id within the file: first seen on line 3");
    expect(reasons).toContain("duplicate id within the file: first seen on line 2");
    const subjects = await t.db.sql.all<{ subject: string }>(
      "SELECT subject FROM tickets WHERE external_id IN ('D1', 'D2') ORDER BY external_id",
    );
    expect(subjects.map((r) => r.subject)).toEqual(["changed", "new"]);
  });

  it("refuses a file with a missing required header, and one that is not UTF-8, importing nothing", async () => {
    const noHeader = writeCsv(dir, "bad-header.csv", ["customer_id", "name"], [["C7", "x"]]);
    const latin1 = join(dir, "latin1.csv");
    writeFileSync(
      latin1,
      Buffer.concat([
        Buffer.from("customer_id,name,signup_date\nC8,Ren"),
        Buffer.from([0xe9]),
        Buffer.from(",2024-01-01\n"),
      ]),
    );
    const [a, b] = await run([
      { kind: "customers", file: noHeader },
      { kind: "customers", file: latin1 },
    ]);
    expect(a.refused).toMatch(/missing required column\(s\) signup_date; .* found: customer_id, name/);
    expect(b.refused).toMatch(/not UTF-8/);
    const found = await t.db.sql.all("SELECT 1 FROM customers WHERE external_id IN ('C7', 'C8')");
    expect(found).toEqual([]);
  });

  it("warns once about unknown columns and ignores them", async () => {
    const file = writeCsv(
      dir,
      "extra.csv",
      [...CUSTOMERS, "favourite_colour"],
      [["C3", "G", "", "", 0, "2024-01-01", "", "", "", "", "blue"]],
    );
    const [summary] = await run([{ kind: "customers", file }]);
    expect(summary.warnings).toEqual(["extra.csv: ignored unknown column(s) favourite_colour"]);
    expect(summary.new).toBe(1);
  });

  it("imports a file whose lines end in a lone CR (old spreadsheet exports), with the right line numbers in its rejects", async () => {
    const file = join(dir, "cr-only.csv");
    writeFileSync(
      file,
      `${["customer_id,signup_date,mrr", "R1,2024-01-01,10", "R2,2024-01-02,-5", "R3,2024-01-03,30"].join("\r")}\r`,
    );
    const [summary] = await run([{ kind: "customers", file }]);
    expect(summary).toMatchObject({ new: 2, rejected: 1, warnings: [] });
    expect(rejects(summary.rejectsFile)[0].slice(0, 2)).toEqual(["3", "mrr"]);
  });

  it("refuses a file whose header repeats a column, naming it, and imports nothing of it", async () => {
    const file = writeCsv(
      dir,
      "twice.csv",
      ["customer_id", "signup_date", "mrr", "mrr"],
      [["D1", "2024-01-01", 10, 20]],
    );
    const [summary] = await run([{ kind: "customers", file }]);
    expect(summary.refused).toBe(
      `twice.csv refused: expected each column once in the header, found "mrr" more than once`,
    );
    expect(summary.new).toBe(0);
    expect(await t.db.sql.all("SELECT id FROM customers WHERE external_id = 'D1'")).toEqual([]);
  });
});
