-- AlterTable
ALTER TABLE "customer_notes" ADD COLUMN "edited_at" DATETIME;

-- CreateTable
CREATE TABLE "customer_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "value" TEXT,
    "previous" TEXT,
    "until" DATETIME,
    "note_id" INTEGER,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "customer_events_customer_id_at_idx" ON "customer_events"("customer_id", "at");

