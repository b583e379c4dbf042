-- CreateEnum
CREATE TYPE "MainnetRequestStatus" AS ENUM ('pending', 'approved', 'declined');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "end" TEXT;

-- CreateTable
CREATE TABLE "MainnetRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "status" "MainnetRequestStatus" NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MainnetRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MainnetRequest_status_createdAt_idx" ON "MainnetRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MainnetRequest_userId_createdAt_idx" ON "MainnetRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- AddForeignKey
ALTER TABLE "MainnetRequest" ADD CONSTRAINT "MainnetRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
