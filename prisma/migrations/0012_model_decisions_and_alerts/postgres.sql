-- AlterTable
ALTER TABLE "model_events" ADD COLUMN     "actor" TEXT,
ADD COLUMN     "figures" TEXT;

-- CreateTable
CREATE TABLE "model_alerts" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "emailed_at" TIMESTAMP(3),
    "acknowledged_at" TIMESTAMP(3),
    "acknowledged_by" TEXT,

    CONSTRAINT "model_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_alerts_key_key" ON "model_alerts"("key");

-- CreateIndex
CREATE INDEX "model_alerts_acknowledged_at_idx" ON "model_alerts"("acknowledged_at");

-- CreateIndex
CREATE INDEX "model_events_version_idx" ON "model_events"("version");

