-- The admin key search at a million keys: substrings (ILIKE '%…%') of key names and owner
-- names, and owner-address prefixes, through trigram indexes instead of reading every row.
-- PGlite loads the extension's files when it opens (lib/database/pglite.ts); PostgreSQL ships it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "ApiKey_name_trgm_idx" ON "ApiKey" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_address_trgm_idx" ON "User" USING GIN ("address" gin_trgm_ops);

-- CreateIndex: partial, by hand (Prisma cannot express WHERE). Only switched-off keys, the rows
-- the "disabled" filter reads (lib/data/key-filters.ts), so its page and count read a few
-- thousand entries, not the table; revokedAt and expiresAt ride along so they are read from the
-- index alone. The predicate must stay the filter's OR, word for word.
CREATE INDEX "ApiKey_switched_off_idx" ON "ApiKey"("network", "createdAt", "id", "revokedAt", "expiresAt")
  WHERE "enabled" = false OR "heldAt" IS NOT NULL OR "leakedAt" IS NOT NULL;
