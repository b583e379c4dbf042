-- The shared rate-limit counters move to a table of Keyport's own (lib/limits/postgres.ts), no
-- longer inside rate-limiter-flexible's layout: its counts describe the current minute only, so
-- dropping them resets every limit once.
-- DropTable
DROP TABLE "rate_limits";

-- CreateTable
CREATE TABLE "limit_counters" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "reset_at" BIGINT NOT NULL,

    CONSTRAINT "limit_counters_pkey" PRIMARY KEY ("key")
);

-- Worthless after a crash (they describe the last minute): UNLOGGED skips the write-ahead log,
-- so taking a lease does not wait for a disk flush. After a crash the table is empty.
ALTER TABLE "limit_counters" SET UNLOGGED;
