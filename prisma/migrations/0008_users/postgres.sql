-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "password_set_at" TIMESTAMP(3),
    "last_sign_in_at" TIMESTAMP(3),
    "disabled_at" TIMESTAMP(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_password_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "user_password_tokens_pkey" PRIMARY KEY ("id")
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
