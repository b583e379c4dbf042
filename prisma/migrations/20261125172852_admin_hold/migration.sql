-- An admin's disable becomes a hold beside the owner's switch, so lifting it can never
-- turn on a key its owner paused. Keys an admin disabled keep their hold; the owner's
-- switch under it is taken as on (it was the admin who turned them off).
ALTER TABLE "ApiKey" ADD COLUMN     "heldAt" TIMESTAMP(3),
ADD COLUMN     "heldById" TEXT,
ADD COLUMN     "heldReason" TEXT;

UPDATE "ApiKey"
SET "heldAt" = COALESCE("disabledAt", "updatedAt"), "heldById" = "disabledById", "heldReason" = "disabledReason", "enabled" = true
WHERE "disabledBy" = 'admin' AND "enabled" = false;

ALTER TABLE "ApiKey" DROP COLUMN "disabledAt",
DROP COLUMN "disabledBy",
DROP COLUMN "disabledById",
DROP COLUMN "disabledReason";
