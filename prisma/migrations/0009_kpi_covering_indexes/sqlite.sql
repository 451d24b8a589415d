-- DropIndex
DROP INDEX "tickets_created_at_idx";

-- CreateIndex
CREATE INDEX "tickets_kpi_created_idx" ON "tickets"("created_at", "channel", "agent_id", "first_response_at", "resolved_at", "closed_at");

-- CreateIndex
CREATE INDEX "surveys_kpi_idx" ON "surveys"("responded_at", "kind", "score", "customer_id");

-- CreateIndex
CREATE INDEX "import_runs_finished_at_idx" ON "import_runs"("finished_at");

-- CreateIndex (hand-written: Prisma has no expression indexes). Tickets resolved in a period and tickets
-- open at an instant, by COALESCE(resolved_at, closed_at); SQLite reads the expression's value from the index.
CREATE INDEX "tickets_kpi_done_idx" ON "tickets"(COALESCE("resolved_at", "closed_at"), "customer_id", "channel", "created_at");

