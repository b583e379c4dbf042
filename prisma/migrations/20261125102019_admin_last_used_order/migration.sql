-- DropIndex
DROP INDEX "ApiKey_lastUsedAt_id_idx";

-- CreateIndex (NULLS LAST added by hand: the admin table sorts never-used keys last when
-- newest first, and Prisma's schema cannot express it; a backward scan serves ascending.)
CREATE INDEX "ApiKey_lastUsedAt_id_idx" ON "ApiKey"("lastUsedAt" DESC NULLS LAST, "id" DESC);
