-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "stepUp" JSONB;

-- CreateTable
CREATE TABLE "StepUpChallenge" (
    "id" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "kind" "ChallengeKind" NOT NULL,
    "wallet" TEXT NOT NULL,
    "networkPassphrase" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "transaction" TEXT,
    "transactionHash" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "StepUpChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StepUpChallenge_nonce_key" ON "StepUpChallenge"("nonce");

-- CreateIndex
CREATE INDEX "StepUpChallenge_userId_issuedAt_idx" ON "StepUpChallenge"("userId", "issuedAt");

-- CreateIndex
CREATE INDEX "StepUpChallenge_expiresAt_idx" ON "StepUpChallenge"("expiresAt");
