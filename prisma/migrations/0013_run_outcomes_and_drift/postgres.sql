-- CreateTable
CREATE TABLE "run_outcomes" (
    "run_id" INTEGER NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL,
    "metrics" TEXT NOT NULL,

    CONSTRAINT "run_outcomes_pkey" PRIMARY KEY ("run_id")
);

-- CreateTable
CREATE TABLE "run_drift" (
    "run_id" INTEGER NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL,
    "drift" TEXT NOT NULL,

    CONSTRAINT "run_drift_pkey" PRIMARY KEY ("run_id")
);

