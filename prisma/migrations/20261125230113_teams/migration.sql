-- Teams: keys belong to a workspace (the tenant). Every existing user gets a personal
-- workspace (slug = their address in lower case, they own it), which takes over their keys,
-- their Mainnet approval and their Mainnet requests. Written by hand around Prisma's diff so
-- existing rows are moved, not dropped. The file is sent as one script, which PostgreSQL runs
-- as one implicit transaction: the backfill and the trigger switch below commit together or not at all.

-- CreateEnum
CREATE TYPE "WorkspaceRole" AS ENUM ('owner', 'admin', 'developer', 'viewer');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "personalOwnerId" TEXT,
    "mainnetApproved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "WorkspaceRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "role" "WorkspaceRole" NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "declinedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- One personal workspace per existing user, owned by them, with their Mainnet approval.
INSERT INTO "Workspace" ("id", "slug", "name", "personal", "personalOwnerId", "mainnetApproved", "createdAt", "updatedAt")
SELECT 'pw' || md5(u."id"), lower(u."address"), 'Personal', true, u."id", u."mainnetApproved", u."createdAt", CURRENT_TIMESTAMP
FROM "User" u;

INSERT INTO "Membership" ("id", "workspaceId", "userId", "role", "createdAt")
SELECT 'pm' || md5(u."id"), 'pw' || md5(u."id"), u."id", 'owner', u."createdAt"
FROM "User" u;

-- Keys: the owner becomes the creator, the owner's personal workspace the tenant.
ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKey_userId_fkey";
DROP INDEX "ApiKey_userId_createdAt_idx";
ALTER TABLE "ApiKey" RENAME COLUMN "userId" TO "createdById";
ALTER TABLE "ApiKey" ADD COLUMN "workspaceId" TEXT;
UPDATE "ApiKey" SET "workspaceId" = 'pw' || md5("createdById");
ALTER TABLE "ApiKey" ALTER COLUMN "workspaceId" SET NOT NULL;

-- Mainnet requests: asked by the user, for their personal workspace.
ALTER TABLE "MainnetRequest" ADD COLUMN "workspaceId" TEXT;
UPDATE "MainnetRequest" SET "workspaceId" = 'pw' || md5("userId");
ALTER TABLE "MainnetRequest" ALTER COLUMN "workspaceId" SET NOT NULL;

-- Audit: past key events belong to the key's workspace (user and sign-in events stay without one).
ALTER TABLE "AuditEvent" ADD COLUMN "workspaceId" TEXT;
-- The audit table refuses UPDATE by trigger; this one-time backfill lifts it for its own statement only.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
UPDATE "AuditEvent" e SET "workspaceId" = k."workspaceId" FROM "ApiKey" k WHERE e."targetType" = 'api_key' AND e."targetId" = k."id";
UPDATE "AuditEvent" e SET "workspaceId" = 'pw' || md5(e."targetId")
WHERE e."action" LIKE '%mainnet_request.%' AND e."targetType" = 'user' AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = e."targetId");
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

-- Approval now lives on the workspace.
ALTER TABLE "User" DROP COLUMN "mainnetApproved";

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_personalOwnerId_key" ON "Workspace"("personalOwnerId");

-- CreateIndex
CREATE INDEX "Workspace_createdAt_id_idx" ON "Workspace"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_workspaceId_userId_key" ON "Membership"("workspaceId", "userId");

-- CreateIndex
CREATE INDEX "Invitation_workspaceId_createdAt_idx" ON "Invitation"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Invitation_address_expiresAt_idx" ON "Invitation"("address", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdAt_idx" ON "ApiKey"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiKey_createdById_createdAt_idx" ON "ApiKey"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_createdAt_idx" ON "AuditEvent"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "MainnetRequest_workspaceId_createdAt_idx" ON "MainnetRequest"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MainnetRequest" ADD CONSTRAINT "MainnetRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_personalOwnerId_fkey" FOREIGN KEY ("personalOwnerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
