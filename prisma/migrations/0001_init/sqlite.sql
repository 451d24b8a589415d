-- CreateTable
CREATE TABLE "customers" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "plan" TEXT,
    "mrr" REAL NOT NULL DEFAULT 0,
    "signup_date" DATETIME NOT NULL,
    "churn_date" DATETIME,
    "segment" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "owner_email" TEXT
);

-- CreateTable
CREATE TABLE "agents" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "team" TEXT
);

-- CreateTable
CREATE TABLE "metrics" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "usage" (
    "customer_id" INTEGER NOT NULL,
    "metric_id" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("customer_id", "metric_id", "day"),
    CONSTRAINT "usage_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "usage_metric_id_fkey" FOREIGN KEY ("metric_id") REFERENCES "metrics" ("id") ON DELETE RESTRICT ON UPDATE CASCADE

) WITHOUT ROWID; -- hand-edited: the primary key is the row, halving usage's size

-- CreateTable
CREATE TABLE "tickets" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "external_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "subject" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'other',
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "category" TEXT,
    "agent_id" INTEGER,
    "first_response_at" DATETIME,
    "resolved_at" DATETIME,
    "closed_at" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reopened_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "tickets_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "tickets_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "surveys" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "external_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "responded_at" DATETIME NOT NULL,
    "ticket_id" INTEGER,
    "comment" TEXT,
    CONSTRAINT "surveys_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "surveys_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "last_used_at" DATETIME,
    "revoked_at" DATETIME
);

-- CreateTable
CREATE TABLE "import_runs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    "status" TEXT NOT NULL,
    "summary" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "customers_external_id_key" ON "customers"("external_id");

-- CreateIndex
CREATE INDEX "customers_churn_date_idx" ON "customers"("churn_date");

-- CreateIndex
CREATE INDEX "customers_email_idx" ON "customers"("email");

-- CreateIndex
CREATE UNIQUE INDEX "agents_external_id_key" ON "agents"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "metrics_name_key" ON "metrics"("name");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_external_id_key" ON "tickets"("external_id");

-- CreateIndex
CREATE INDEX "tickets_customer_id_created_at_idx" ON "tickets"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "tickets_closed_at_idx" ON "tickets"("closed_at");

-- CreateIndex
CREATE UNIQUE INDEX "surveys_external_id_key" ON "surveys"("external_id");

-- CreateIndex
CREATE INDEX "surveys_customer_id_responded_at_idx" ON "surveys"("customer_id", "responded_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

