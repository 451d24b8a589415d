-- DropIndex
DROP INDEX "tickets_customer_id_created_at_idx";

-- DropIndex
DROP INDEX "tickets_kpi_created_idx";

-- CreateIndex
CREATE INDEX "tickets_customer_id_idx" ON "tickets"("customer_id");

-- CreateIndex
CREATE INDEX "tickets_created_at_idx" ON "tickets"("created_at");

