-- DropIndex
DROP INDEX "tickets_closed_at_idx";

-- CreateTable
CREATE TABLE "customer_notes" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customer_notes_customer_id_created_at_idx" ON "customer_notes"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "tickets_kpi_created_idx" ON "tickets"("created_at", "channel", "agent_id", "customer_id", "first_response_at", "resolved_at", "closed_at");

-- CreateIndex
CREATE INDEX "tickets_kpi_closed_idx" ON "tickets"("closed_at", "customer_id", "agent_id", "channel");

