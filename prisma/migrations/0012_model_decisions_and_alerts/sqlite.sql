-- AlterTable
ALTER TABLE "model_events" ADD COLUMN "actor" TEXT;
ALTER TABLE "model_events" ADD COLUMN "figures" TEXT;

-- CreateTable
CREATE TABLE "model_alerts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" TEXT,
    "created_at" DATETIME NOT NULL,
    "emailed_at" DATETIME,
    "acknowledged_at" DATETIME,
    "acknowledged_by" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "model_alerts_key_key" ON "model_alerts"("key");

-- CreateIndex
CREATE INDEX "model_alerts_acknowledged_at_idx" ON "model_alerts"("acknowledged_at");

-- CreateIndex
CREATE INDEX "model_events_version_idx" ON "model_events"("version");

