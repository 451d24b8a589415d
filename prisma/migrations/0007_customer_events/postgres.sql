-- AlterTable
ALTER TABLE "customer_notes" ADD COLUMN     "edited_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "customer_events" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "value" TEXT,
    "previous" TEXT,
    "until" TIMESTAMP(3),
    "note_id" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customer_events_customer_id_at_idx" ON "customer_events"("customer_id", "at");

