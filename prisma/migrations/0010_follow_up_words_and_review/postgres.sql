-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "contact_name" TEXT;

-- AlterTable
ALTER TABLE "tickets" ADD COLUMN     "requester_name" TEXT;

-- AlterTable
ALTER TABLE "outreach_outbox" ADD COLUMN     "edited_subject" TEXT,
ADD COLUMN     "edited_text" TEXT,
ADD COLUMN     "raw_message" TEXT,
ADD COLUMN     "review" TEXT,
ADD COLUMN     "review_until" TIMESTAMP(3),
ADD COLUMN     "reviewed_at" TIMESTAMP(3),
ADD COLUMN     "reviewed_by" TEXT;

-- CreateIndex
CREATE INDEX "outreach_outbox_review_review_until_idx" ON "outreach_outbox"("review", "review_until");
