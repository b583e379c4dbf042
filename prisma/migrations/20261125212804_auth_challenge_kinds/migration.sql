-- Additive only: an instance still running the previous release keeps issuing and checking
-- SEP-53 challenges during a rolling deploy (its rows get kind = message, network = NULL).

-- CreateEnum
CREATE TYPE "ChallengeKind" AS ENUM ('message', 'transaction');

-- AlterTable
ALTER TABLE "AuthChallenge" ADD COLUMN     "kind" "ChallengeKind" NOT NULL DEFAULT 'message',
ADD COLUMN     "network" TEXT,
ADD COLUMN     "transactionHash" TEXT;
