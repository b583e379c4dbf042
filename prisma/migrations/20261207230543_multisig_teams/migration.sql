-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'completed', 'cancelled');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "linkedAccount" TEXT,
ADD COLUMN     "linkedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WorkspaceApproval" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "askedById" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "WorkspaceApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalSignature" (
    "id" TEXT NOT NULL,
    "approvalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "wallet" TEXT NOT NULL,
    "kind" "ChallengeKind" NOT NULL,
    "networkPassphrase" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "signature" TEXT,
    "transaction" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalSignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkspaceApproval_workspaceId_status_expiresAt_idx" ON "WorkspaceApproval"("workspaceId", "status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalSignature_approvalId_address_key" ON "ApprovalSignature"("approvalId", "address");

-- AddForeignKey
ALTER TABLE "WorkspaceApproval" ADD CONSTRAINT "WorkspaceApproval_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkspaceApproval" ADD CONSTRAINT "WorkspaceApproval_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalSignature" ADD CONSTRAINT "ApprovalSignature_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "WorkspaceApproval"("id") ON DELETE CASCADE ON UPDATE CASCADE;
