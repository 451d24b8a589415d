-- CreateTable
CREATE TABLE "users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT,
    "created_at" DATETIME NOT NULL,
    "password_set_at" DATETIME,
    "last_sign_in_at" DATETIME,
    "disabled_at" DATETIME
);

-- CreateTable
CREATE TABLE "user_password_tokens" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "used_at" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "user_password_tokens_hash_key" ON "user_password_tokens"("hash");

-- CreateIndex
CREATE INDEX "user_password_tokens_user_id_idx" ON "user_password_tokens"("user_id");


-- Owners are matched to users by email: keep owner emails lowercased, as users' are.
UPDATE "customers" SET "owner_email" = lower("owner_email") WHERE "owner_email" IS NOT NULL;
UPDATE "customer_state" SET "owner_email" = lower("owner_email") WHERE "owner_email" IS NOT NULL;
