-- AlterTable
ALTER TABLE "import_runs" ADD COLUMN "heartbeat_at" DATETIME;
ALTER TABLE "import_runs" ADD COLUMN "instance" TEXT;

-- AlterTable
ALTER TABLE "risk_runs" ADD COLUMN "heartbeat_at" DATETIME;
ALTER TABLE "risk_runs" ADD COLUMN "instance" TEXT;

-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN "claim_token" TEXT;

