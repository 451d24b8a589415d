-- DropIndex
DROP INDEX "tickets_kpi_created_idx";

-- CreateIndex
CREATE INDEX "tickets_created_at_idx" ON "tickets"("created_at");

