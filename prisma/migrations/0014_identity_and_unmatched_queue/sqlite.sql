-- CreateTable
CREATE TABLE "customer_contacts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customer_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "unmatched_items" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" TEXT,
    "external_id" TEXT NOT NULL,
    "customer_ref" TEXT,
    "requester_email" TEXT,
    "requester_name" TEXT,
    "subject" TEXT,
    "reason" TEXT NOT NULL,
    "candidates" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "received_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "customer_id" INTEGER,
    "match_rule" TEXT,
    "resolved_by" TEXT,
    "resolved_at" DATETIME,
    "note" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_contacts_email_key" ON "customer_contacts"("email");

-- CreateIndex
CREATE INDEX "customer_contacts_domain_idx" ON "customer_contacts"("domain");

-- CreateIndex
CREATE INDEX "customer_contacts_customer_id_idx" ON "customer_contacts"("customer_id");

-- CreateIndex
CREATE INDEX "unmatched_items_status_id_idx" ON "unmatched_items"("status", "id");

-- The native webhook's unmatched tickets move to the general queue (kind ticket, the ticket in the
-- "ticket-closed" payload format); resolved ones count as linked by a retry.
INSERT INTO "unmatched_items" ("kind", "source", "event_id", "external_id", "customer_ref", "requester_email",
    "subject", "reason", "candidates", "payload", "received_at", "status", "match_rule", "resolved_by", "resolved_at")
SELECT 'ticket', "source", "event_id", "ticket_external_id", "customer_ref", "requester_email", json_extract(payload, '$.subject'), "reason",
    '[]', '{"format":"ticket-closed","ticket":' || "payload" || '}', "received_at",
    CASE WHEN "resolved_at" IS NULL THEN 'open' ELSE 'linked' END,
    CASE WHEN "resolved_at" IS NULL THEN NULL ELSE 'retry' END,
    CASE WHEN "resolved_at" IS NULL THEN NULL ELSE 'retry' END, "resolved_at"
FROM "outreach_unmatched" ORDER BY "id";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "outreach_unmatched";
PRAGMA foreign_keys=on;

-- Identity resolution reads customers by lowercased email and by the email's domain (the same
-- expressions as src/db/repositories/customer-identity.ts), without reading every customer.
CREATE INDEX "customers_email_lower_idx" ON "customers"(lower("email"));
CREATE INDEX "customers_email_domain_idx" ON "customers"(lower(substr("email", instr("email", '@') + 1)));
