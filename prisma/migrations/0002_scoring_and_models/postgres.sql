-- CreateTable
CREATE TABLE "model_versions" (
    "id" SERIAL NOT NULL,
    "version" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "promoted_at" TIMESTAMP(3),
    "threshold" DOUBLE PRECISION NOT NULL,
    "metrics" TEXT NOT NULL,
    "training" TEXT NOT NULL,
    "dir" TEXT NOT NULL,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_events" (
    "id" SERIAL NOT NULL,
    "version" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "previous" TEXT,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_runs" (
    "id" SERIAL NOT NULL,
    "as_of" TIMESTAMP(3) NOT NULL,
    "model_version" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "scored" INTEGER NOT NULL DEFAULT 0,
    "at_risk" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,

    CONSTRAINT "risk_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_scores" (
    "run_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "band" TEXT NOT NULL,
    "at_risk" BOOLEAN NOT NULL,
    "mrr" DOUBLE PRECISION NOT NULL,
    "drivers" TEXT NOT NULL,
    "previous" DOUBLE PRECISION,
    "change" TEXT NOT NULL,

    CONSTRAINT "risk_scores_pkey" PRIMARY KEY ("run_id","customer_id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "run_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "heartbeat_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "counts" TEXT,
    "error" TEXT,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_version_key" ON "model_versions"("version");

-- CreateIndex
CREATE INDEX "model_versions_status_idx" ON "model_versions"("status");

-- CreateIndex
CREATE INDEX "risk_runs_as_of_status_idx" ON "risk_runs"("as_of", "status");

-- CreateIndex
CREATE INDEX "risk_scores_customer_id_idx" ON "risk_scores"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_run_key_key" ON "job_runs"("run_key");

-- CreateIndex
CREATE INDEX "job_runs_job_started_at_idx" ON "job_runs"("job", "started_at");

-- AddForeignKey
ALTER TABLE "risk_scores" ADD CONSTRAINT "risk_scores_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "risk_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma has no partial indexes): one complete risk run per as-of date,
-- and at most one active model.
CREATE UNIQUE INDEX "risk_runs_one_complete_per_day" ON "risk_runs"("as_of") WHERE "status" = 'complete';
CREATE UNIQUE INDEX "model_versions_one_active" ON "model_versions"("status") WHERE "status" = 'active';
