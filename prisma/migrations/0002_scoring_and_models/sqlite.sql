-- CreateTable
CREATE TABLE "model_versions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "promoted_at" DATETIME,
    "threshold" REAL NOT NULL,
    "metrics" TEXT NOT NULL,
    "training" TEXT NOT NULL,
    "dir" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "model_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "previous" TEXT,
    "reason" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "risk_runs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "as_of" DATETIME NOT NULL,
    "model_version" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "scored" INTEGER NOT NULL DEFAULT 0,
    "at_risk" INTEGER NOT NULL DEFAULT 0,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    "duration_ms" INTEGER
);

-- CreateTable
CREATE TABLE "risk_scores" (
    "run_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "probability" REAL NOT NULL,
    "band" TEXT NOT NULL,
    "at_risk" BOOLEAN NOT NULL,
    "mrr" REAL NOT NULL,
    "drivers" TEXT NOT NULL,
    "previous" REAL,
    "change" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "customer_id"),
    CONSTRAINT "risk_scores_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "risk_runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "run_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "heartbeat_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    "duration_ms" INTEGER,
    "counts" TEXT,
    "error" TEXT
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


-- Hand-written (Prisma has no partial indexes): one complete risk run per as-of date,
-- and at most one active model.
CREATE UNIQUE INDEX "risk_runs_one_complete_per_day" ON "risk_runs"("as_of") WHERE "status" = 'complete';
CREATE UNIQUE INDEX "model_versions_one_active" ON "model_versions"("status") WHERE "status" = 'active';
