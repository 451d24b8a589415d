-- CreateTable
CREATE TABLE "billing_events" (
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "customer_id" INTEGER,
    "stripe_customer" TEXT,
    "object_id" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "amount" DOUBLE PRECISION,
    "currency" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
    "payload" TEXT,

    CONSTRAINT "billing_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "tracked_messages" (
    "message_id" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tracked_messages_pkey" PRIMARY KEY ("message_id")
);

-- CreateIndex
CREATE INDEX "billing_events_type_occurred_at_customer_id_idx" ON "billing_events"("type", "occurred_at", "customer_id");

-- CreateIndex
CREATE INDEX "billing_events_outcome_idx" ON "billing_events"("outcome");

-- CreateIndex
CREATE INDEX "tracked_messages_received_at_idx" ON "tracked_messages"("received_at");

