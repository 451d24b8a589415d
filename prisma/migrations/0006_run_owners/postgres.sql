-- AlterTable
ALTER TABLE "import_runs" ADD COLUMN     "heartbeat_at" TIMESTAMP(3),
ADD COLUMN     "instance" TEXT;

-- AlterTable
ALTER TABLE "risk_runs" ADD COLUMN     "heartbeat_at" TIMESTAMP(3),
ADD COLUMN     "instance" TEXT;

-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN     "claim_token" TEXT;

