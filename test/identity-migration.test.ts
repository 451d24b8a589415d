import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "../src/db/migrate.ts";
import { listUnmatched } from "../src/identity/index.ts";
import { createTestDatabase, testDialects } from "./helpers/test-database.ts";

/** The migrations before 0014, in a folder of their own. */
const before = mkdtempSync(join(tmpdir(), "retain-migrations-"));
for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < "0014"))
  cpSync(join(MIGRATIONS_DIR, name), join(before, name), { recursive: true });
afterAll(() => rmSync(before, { recursive: true, force: true }));

describe.each(testDialects())("migration 0014 on %s", (dialect) => {
  it("moves the native webhook's unmatched tickets into the general queue, open and resolved", async () => {
    const t = await createTestDatabase(dialect, { migrationsDir: before });
    try {
      const ticket = (id: string, subject: string) =>
        JSON.stringify({ id, subject, created_at: "2026-03-01T09:00:00Z", closed_at: "2026-03-02T09:00:00Z" });
      const insert = `INSERT INTO outreach_unmatched (event_id, source, ticket_external_id, customer_ref, requester_email,
        reason, payload, received_at, resolved_at) VALUES (?, 'webhook', ?, ?, ?, ?, ?, ?, ?)`;
      await t.db.sql.run(insert, [
        "e1",
        "Z-1",
        "W9",
        "a@w9.test",
        "no customer",
        ticket("Z-1", "Help"),
        new Date(),
        null,
      ]);
      await t.db.sql.run(insert, ["e2", "Z-2", null, "b@x.test", "none", ticket("Z-2", "Bye"), new Date(), new Date()]);
      expect(await applyMigrations(t.db.sql)).toContain("0014_identity_and_unmatched_queue");
      const { items, open } = await listUnmatched(t.db, { status: "all" });
      expect(open).toBe(1);
      expect(
        items.map((i) => [i.kind, i.externalId, i.status, i.subject, i.requester.customerRef, i.matchRule]),
      ).toEqual([
        ["ticket", "Z-2", "linked", "Bye", null, "retry"],
        ["ticket", "Z-1", "open", "Help", "W9", null],
      ]);
      expect(items[1].payload).toEqual({ format: "ticket-closed", ticket: JSON.parse(ticket("Z-1", "Help")) });
      expect(await t.db.sql.all("SELECT 1 FROM customer_contacts")).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});
