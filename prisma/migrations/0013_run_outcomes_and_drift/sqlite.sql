-- CreateTable
CREATE TABLE "run_outcomes" (
    "run_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "computed_at" DATETIME NOT NULL,
    "metrics" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "run_drift" (
    "run_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "computed_at" DATETIME NOT NULL,
    "drift" TEXT NOT NULL
);

