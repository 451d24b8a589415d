-- AlterTable
ALTER TABLE "customers" ADD COLUMN "contact_name" TEXT;

-- AlterTable
ALTER TABLE "tickets" ADD COLUMN "requester_name" TEXT;

-- AlterTable
ALTER TABLE "outreach_outbox" ADD COLUMN "edited_subject" TEXT;
ALTER TABLE "outreach_outbox" ADD COLUMN "edited_text" TEXT;
ALTER TABLE "outreach_outbox" ADD COLUMN "raw_message" TEXT;
ALTER TABLE "outreach_outbox" ADD COLUMN "review" TEXT;
ALTER TABLE "outreach_outbox" ADD COLUMN "review_until" DATETIME;
ALTER TABLE "outreach_outbox" ADD COLUMN "reviewed_at" DATETIME;
ALTER TABLE "outreach_outbox" ADD COLUMN "reviewed_by" TEXT;

-- CreateIndex
CREATE INDEX "outreach_outbox_review_review_until_idx" ON "outreach_outbox"("review", "review_until");
