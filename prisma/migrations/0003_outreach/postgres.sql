-- CreateTable
CREATE TABLE "customer_state" (
    "customer_id" INTEGER NOT NULL,
    "snoozed_until" TIMESTAMP(3),
    "unsubscribed_at" TIMESTAMP(3),
    "bounced_at" TIMESTAMP(3),
    "owner_email" TEXT,
    "last_contacted_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_state_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "outreach_triggers" (
    "id" SERIAL NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
    "processed_at" TIMESTAMP(3),
    "result" TEXT,

    CONSTRAINT "outreach_triggers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_follow_ups" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "play" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "closed_at" TIMESTAMP(3) NOT NULL,
    "reopened_count" INTEGER NOT NULL,
    "planned_at" TIMESTAMP(3) NOT NULL,
    "run_id" INTEGER NOT NULL,
    "model_version" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "drivers" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "window_start" TIMESTAMP(3),
    "window_end" TIMESTAMP(3),
    "outcome" TEXT,
    "outcome_at" TIMESTAMP(3),

    CONSTRAINT "outreach_follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_decisions" (
    "id" SERIAL NOT NULL,
    "follow_up_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "ticket_id" INTEGER NOT NULL,
    "play" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "detail" TEXT,
    "run_id" INTEGER,
    "model_version" TEXT,
    "score" DOUBLE PRECISION,
    "drivers" TEXT,
    "rule" TEXT,
    "template" TEXT NOT NULL,
    "planned_at" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outreach_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_outbox" (
    "id" SERIAL NOT NULL,
    "follow_up_id" INTEGER NOT NULL,
    "message_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "rejections" INTEGER NOT NULL DEFAULT 0,
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMP(3),
    "last_error" TEXT,
    "recipient" TEXT,
    "subject" TEXT,
    "smtp_response" TEXT,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outreach_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_webhook_events" (
    "event_id" TEXT NOT NULL,
    "ticket_external_id" TEXT,
    "outcome" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outreach_webhook_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "outreach_unmatched" (
    "id" SERIAL NOT NULL,
    "event_id" TEXT,
    "source" TEXT NOT NULL,
    "ticket_external_id" TEXT NOT NULL,
    "customer_ref" TEXT,
    "requester_email" TEXT,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "outreach_unmatched_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outreach_triggers_ticket_id_idx" ON "outreach_triggers"("ticket_id");

-- CreateIndex
CREATE INDEX "outreach_follow_ups_customer_id_planned_at_idx" ON "outreach_follow_ups"("customer_id", "planned_at");

-- CreateIndex
CREATE INDEX "outreach_follow_ups_status_planned_at_idx" ON "outreach_follow_ups"("status", "planned_at");

-- CreateIndex
CREATE INDEX "outreach_follow_ups_window_end_idx" ON "outreach_follow_ups"("window_end");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_follow_ups_customer_id_ticket_id_play_key" ON "outreach_follow_ups"("customer_id", "ticket_id", "play");

-- CreateIndex
CREATE INDEX "outreach_decisions_follow_up_id_idx" ON "outreach_decisions"("follow_up_id");

-- CreateIndex
CREATE INDEX "outreach_decisions_customer_id_idx" ON "outreach_decisions"("customer_id");

-- CreateIndex
CREATE INDEX "outreach_decisions_status_at_idx" ON "outreach_decisions"("status", "at");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_outbox_follow_up_id_key" ON "outreach_outbox"("follow_up_id");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_outbox_message_id_key" ON "outreach_outbox"("message_id");

-- CreateIndex
CREATE INDEX "outreach_outbox_status_due_at_idx" ON "outreach_outbox"("status", "due_at");

-- CreateIndex
CREATE INDEX "outreach_unmatched_resolved_at_idx" ON "outreach_unmatched"("resolved_at");


-- Hand-written (Prisma has no partial indexes): the work queues the outreach worker polls.
CREATE INDEX "outreach_triggers_pending" ON "outreach_triggers"("id") WHERE "processed_at" IS NULL;
CREATE INDEX "outreach_outbox_due" ON "outreach_outbox"("due_at") WHERE "status" = 'pending';
CREATE INDEX "outreach_follow_ups_holdout_waiting" ON "outreach_follow_ups"("planned_at") WHERE "status" = 'held_out' AND "window_start" IS NULL;
CREATE INDEX "outreach_follow_ups_outcome_waiting" ON "outreach_follow_ups"("window_end") WHERE "outcome" IS NULL AND "window_end" IS NOT NULL;
CREATE INDEX "outreach_unmatched_open" ON "outreach_unmatched"("received_at") WHERE "resolved_at" IS NULL;
